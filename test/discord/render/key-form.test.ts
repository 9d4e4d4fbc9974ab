import { EmbedBuilder, ModalBuilder } from 'discord.js';
import { describe, expect, it } from 'vitest';
import type { AppContext } from '../../../src/discord/context.js';
import { keyForm, type FormPurpose } from '../../../src/discord/key-form.js';
import { Links } from '../../../src/discord/links.js';
import { MAX_FIELDS, listExchanges, type CatalogEntry } from '../../../src/exchanges/catalog.js';
import type { Coordination } from '../../../src/store/index.js';
import { expectValidModal, expectWithinDiscordLimits } from './limits.js';
import { entry, HOSTILE } from './fixtures.js';

/** Just enough context for the form: real one-time ids, stored nowhere. */
const ctx = { links: new Links({ putOnce: async () => true } as unknown as Coordination) } as unknown as AppContext;
const PURPOSES: FormPurpose[] = ['connect', 'replace', 'rotate'];
/** The longest account name users may pick (ACCOUNT_NAME_INVALID: 1 to 32 characters) and the longest link command name. */
const LONGEST_ACCOUNT = 'a'.repeat(32);
const LONGEST_COMMAND = 'c'.repeat(20);
/** A real one-time id of the longest kind a form carries. */
const longestId = (dm = false) => ctx.links.start({ userId: '1', command: LONGEST_COMMAND, action: 'submit', target: {}, dm }, 60_000).customId;

/** An exchange with as many boxes as a form can hold, every text far past what Discord shows. */
const absurd: CatalogEntry = entry({
  name: HOSTILE,
  walletBased: true,
  fields: Array.from({ length: MAX_FIELDS }, (_, i) => ({
    key: 'apiKey' as const,
    label: `${i}${HOSTILE}`,
    hint: HOSTILE,
    placeholder: HOSTILE,
    sensitive: true,
    multiline: i % 2 === 0,
    maxLength: 1_000_000,
  })).map((f, i) => ({ ...f, key: (['apiKey', 'secret', 'password', 'uid'] as const)[i]! })),
});

describe('the key form as Discord would receive it', () => {
  it('is a modal Discord accepts for every exchange of the catalog and every purpose, with the longest account name', async () => {
    for (const exchange of listExchanges().filter((e) => e.supported)) {
      for (const purpose of PURPOSES) expectValidModal(keyForm(longestId(), exchange, LONGEST_ACCOUNT, purpose));
    }
  });

  it('stays a modal Discord accepts when every text of the exchange is absurdly long and it has the most boxes a form holds', async () => {
    const modal = keyForm(longestId(true), absurd, LONGEST_ACCOUNT, 'replace');
    expect(modal.toJSON().components).toHaveLength(1 + MAX_FIELDS);
    expectValidModal(modal);
  });
});

describe('the limit checks the renderer tests rely on', () => {
  it('refuse an embed title of 257 characters and a modal of six components, so a passing render test means something', () => {
    expect(() => expectWithinDiscordLimits([new EmbedBuilder({ title: 't'.repeat(257) })])).toThrow(/title: Too big/);
    const six = new ModalBuilder({ title: 'Connect', custom_id: 'c', components: Array.from({ length: 6 }, () => ({ type: 10, content: 'note' })) });
    expect(() => expectValidModal(six)).toThrow(/components: Must be between 1 and 5/);
  });
});
