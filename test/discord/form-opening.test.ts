import type { ButtonInteraction } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { systemClock } from '../../src/clock.js';
import type { AppContext } from '../../src/discord/context.js';
import { showKeyForm } from '../../src/discord/key-form.js';
import { Links } from '../../src/discord/links.js';
import type { CatalogEntry } from '../../src/exchanges/index.js';
import { KeyService, type KeyServiceDeps } from '../../src/keys/key-service.js';
import type { Coordination } from '../../src/store/index.js';

/** A promise and the function that settles it, so a test decides when a store call answers. */
function gate<T>(): { promise: Promise<T>; open: (value: T) => void } {
  let open!: (value: T) => void;
  return {
    promise: new Promise<T>((resolve) => {
      open = resolve;
    }),
    open,
  };
}
const tick = () => new Promise((r) => setImmediate(r));

const entry = { id: 'binance', name: 'Binance', fields: [{ key: 'apiKey', label: 'API key', hint: 'the key', maxLength: 200 }] } as unknown as CatalogEntry;

describe('opening the key form, where Discord allows 3 s for the first answer', () => {
  it("asks the quota and the user's keys at the same time, and still refuses a full account cap", async () => {
    const quotaAnswer = gate<void>();
    const keysAnswer = gate<Array<{ exchange: string; account: string }>>();
    const asked: string[] = [];
    const service = new KeyService({
      exchanges: { entry: () => entry },
      quota: {
        ensureAvailable: () => {
          asked.push('quota');
          return quotaAnswer.promise;
        },
      },
      store: {
        coordination: {},
        listCredentials: () => {
          asked.push('keys');
          return keysAnswer.promise;
        },
      },
      policy: { maxAccountsPerUser: 1 },
    } as unknown as KeyServiceDeps);
    const preparing = service.prepareConnect('100000000000000001', 'binance', 'main');
    const refused = expect(preparing).rejects.toMatchObject({ code: 'ACCOUNT_LIMIT' });
    await tick();
    expect(asked.sort()).toEqual(['keys', 'quota']); // both asked before either answered
    quotaAnswer.open();
    keysAnswer.open([{ exchange: 'okx', account: 'main' }]);
    await refused;
  });

  it('shows the form before its one-time id has finished being stored, and that id still opens afterwards', async () => {
    const write = gate<boolean>();
    const stored = new Map<string, string>();
    const coordination = {
      putOnce: (id: string, value: string) =>
        write.promise.then((ok) => {
          stored.set(id, value);
          return ok;
        }),
      peekOnce: async (id: string) => stored.get(id),
      takeOnce: async (id: string) => {
        const v = stored.get(id);
        stored.delete(id);
        return v;
      },
    } as unknown as Coordination;
    const links = new Links(coordination);
    let shownWith: string | undefined;
    const interaction = {
      user: { id: '100000000000000001' },
      showModal: async (modal: { toJSON(): { custom_id: string } }) => {
        shownWith = modal.toJSON().custom_id;
      },
    } as unknown as ButtonInteraction;
    const showing = showKeyForm(interaction, { links, clock: systemClock } as unknown as AppContext, {
      entry,
      account: 'main',
      purpose: 'connect',
      command: 'connect',
    });
    await tick();
    expect(shownWith).toMatch(/^connect:submit:/);
    expect(stored.size).toBe(0); // the write is still under way
    const resolving = links.resolve(shownWith!, '100000000000000001'); // a submit arriving meanwhile waits for it
    write.open(true);
    await showing;
    expect(await resolving).toMatchObject({ action: 'submit', target: { exchange: 'binance', account: 'main' } });
  });

  it('does not let a form id still being stored outlive a forget of its user', async () => {
    const write = gate<boolean>();
    const stored = new Map<string, string>();
    const coordination = {
      putOnce: (id: string, value: string) =>
        write.promise.then((ok) => {
          stored.set(id, value);
          return ok;
        }),
      takeOnce: async (id: string) => {
        const v = stored.get(id);
        stored.delete(id);
        return v;
      },
      takeOnceByPrefix: async (prefix: string) => {
        const taken = [...stored].filter(([id]) => id.startsWith(prefix));
        for (const [id] of taken) stored.delete(id);
        return taken.map(([, v]) => v);
      },
    } as unknown as Coordination;
    const links = new Links(coordination);
    const { written } = links.start({ userId: '100000000000000001', command: 'connect', action: 'submit', target: { exchange: 'binance' } }, 60_000);
    const forgetting = links.forgetUser('100000000000000001');
    await tick();
    write.open(true);
    await Promise.all([written, forgetting]);
    expect([...stored.keys()]).toEqual([]);
  });
});
