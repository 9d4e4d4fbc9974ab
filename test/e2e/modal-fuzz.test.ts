import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { exchangeRequests, expectNoMentionsIn, newUser, openConnectForm, said, sentMessages, storedKeys, submitForm } from './access-helpers.js';
import { buttonId, textOf, useKeyward } from './harness.js';

const h = useKeyward();

type Field = 'apiKey' | 'secret' | 'password';
const LABEL: Record<Field, string> = { apiKey: 'API key', secret: 'Secret key', password: 'Passphrase' };
const MAX: Record<Field, number> = { apiKey: 1024, secret: 2048, password: 256 };

/** One hostile value for one box of the okx form, built from the real value it replaces. */
interface Case {
  what: string;
  field: Field;
  value: (real: string) => string;
  /** a part of the value the bot must never repeat anywhere */
  probe: (value: string, real: string) => string | undefined;
}

const middle = (real: string, inserted: string) => `${real.slice(0, 8)}${inserted}${real.slice(8)}`;
const longHex = () => randomBytes(2_001).toString('hex').slice(0, 4_001);

/** Values normalisation refuses, each with the error that names its box. */
const REFUSED: Array<Case & { error: (f: Field) => string }> = [
  { what: 'an empty API key', field: 'apiKey', value: () => '', probe: () => undefined, error: (f) => said('INPUT_EMPTY', { field: LABEL[f] }) },
  {
    what: 'a passphrase of spaces only',
    field: 'password',
    value: () => '   ',
    probe: () => undefined,
    error: (f) => said('INPUT_EMPTY', { field: LABEL[f] }),
  },
  {
    what: 'a 4,001-character secret',
    field: 'secret',
    value: longHex,
    probe: (v) => v.slice(0, 40),
    error: (f) => said('INPUT_TOO_LONG', { field: LABEL[f], max: MAX[f] }),
  },
  {
    what: 'a 4,001-character API key',
    field: 'apiKey',
    value: longHex,
    probe: (v) => v.slice(0, 40),
    error: (f) => said('INPUT_TOO_LONG', { field: LABEL[f], max: MAX[f] }),
  },
  {
    what: 'a NUL character inside the secret',
    field: 'secret',
    value: (r) => middle(r, '\u0000'),
    probe: (_v, r) => r.slice(8),
    error: (f) => said('INPUT_CONTROL', { field: LABEL[f] }),
  },
  {
    what: 'a bell character inside the passphrase',
    field: 'password',
    value: (r) => middle(r, '\u0007'),
    probe: (_v, r) => r.slice(8),
    error: (f) => said('INPUT_CONTROL', { field: LABEL[f] }),
  },
  {
    what: 'a right-to-left override inside the API key',
    field: 'apiKey',
    value: (r) => middle(r, '\u202E'),
    probe: (_v, r) => r.slice(0, 8),
    error: (f) => said('INPUT_CONTROL', { field: LABEL[f] }),
  },
  {
    what: 'a line break inside the secret',
    field: 'secret',
    value: (r) => middle(r, '\n'),
    probe: (_v, r) => r.slice(8),
    error: (f) => said('INPUT_WHITESPACE', { field: LABEL[f] }),
  },
];

/** Values that reach the exchange unchanged: mentions are text, the exchange refuses them, nobody is pinged. */
const MENTIONS: Case[] = [
  { what: '@everyone as the passphrase', field: 'password', value: () => '@everyone', probe: (v) => v },
  { what: '@here as the passphrase', field: 'password', value: () => '@here', probe: (v) => v },
  { what: 'a user mention as the API key', field: 'apiKey', value: () => '<@123456789012345678>', probe: (v) => v },
  { what: 'a role mention as the passphrase', field: 'password', value: () => '<@&910000000000000001>', probe: (v) => v },
];

/** Opens a form for a fresh user, submits a valid okx key with `field` replaced, and returns everything that followed. */
async function submitWith(c: Case) {
  const user = newUser(h);
  const { key, typed } = h.key('okx');
  const value = c.value(typed[c.field]!);
  const formId = await openConnectForm(h, user, 'okx');
  const [requestsBefore, logsBefore, exchangeBefore] = [h.discord.requests.length, h.logs.length, exchangeRequests(h, 'okx')];
  const { run, reply } = await submitForm(h, user, formId, { ...typed, [c.field]: value });
  const requests = h.discord.requests.slice(requestsBefore);
  const sentAndLogged = requests.map((r) => r.rawBody).join('\n') + h.logs.slice(logsBefore).join('');
  return { user, key, run, reply, requests, sentAndLogged, probe: c.probe(value, typed[c.field]!), exchangeCalls: exchangeRequests(h, 'okx') - exchangeBefore };
}

describe('the okx form', () => {
  for (const c of REFUSED) {
    it(`refuses ${c.what} with an error naming the box, before the exchange hears of it`, async () => {
      const out = await submitWith(c);
      expect(textOf(out.reply).trim()).toBe(c.error(c.field));
      expect(out.reply.privateToUser).toBe(true);
      expect(out.exchangeCalls).toBe(0);
      expect(await storedKeys(h, out.user)).toEqual([]);
      if (out.probe) expect(out.sentAndLogged).not.toContain(out.probe);
      expectNoMentionsIn(out.requests);
    });
  }

  for (const c of MENTIONS) {
    it(`treats ${c.what} as plain text: the exchange refuses it, nothing is stored, nobody is pinged and it is not echoed`, async () => {
      const out = await submitWith(c);
      expect(out.reply.embeds.length).toBeGreaterThan(0);
      expect(buttonId(out.reply, 'Try again')).toMatch(/^connect:retry:/);
      expect(out.exchangeCalls).toBeGreaterThan(0);
      expect(await storedKeys(h, out.user)).toEqual([]);
      expect(out.sentAndLogged).not.toContain(out.probe!);
      expect(
        sentMessages(out.requests)
          .map((m) => JSON.stringify(m.body))
          .join(''),
      ).not.toMatch(/@everyone|@here|<@&?\d+>/);
      expectNoMentionsIn(out.requests);
    });
  }

  it('drops zero-width characters and a byte-order mark that ride along with copied text, and connects the clean key', async () => {
    const user = newUser(h);
    const { key, typed } = h.key('okx');
    const formId = await openConnectForm(h, user, 'okx');
    const before = h.discord.requests.length;
    const pasted = { apiKey: middle(typed.apiKey!, '\u200B\u200D'), secret: `\uFEFF${typed.secret}`, password: middle(typed.password!, '\u2060') };
    const { reply, run } = await submitForm(h, user, formId, pasted);
    expect(textOf(reply)).toContain(key.apiKey.slice(-4));
    expect(run.edits.some((m) => buttonOf(m, 'Try again'))).toBe(false);
    const stored = await h.app.store.listCredentials(user);
    expect(stored.map((c) => `${c.exchange}/${c.account}/${c.keyHint}`)).toEqual([`okx/main/${key.apiKey.slice(-4)}`]);
    const sent = h.discord.requests.slice(before);
    expect(sent.map((r) => r.rawBody).join('\n')).not.toContain(typed.secret!);
    expectNoMentionsIn(sent);
  });

  it('trims spaces and line breaks around each value, and connects the key', async () => {
    const user = newUser(h);
    const { key, typed } = h.key('okx');
    const formId = await openConnectForm(h, user, 'okx');
    const before = h.discord.requests.length;
    const padded = { apiKey: ` ${typed.apiKey}\n`, secret: `\t${typed.secret} `, password: `\u00A0${typed.password}\r\n` };
    const { reply } = await submitForm(h, user, formId, padded);
    expect(textOf(reply)).toContain(key.apiKey.slice(-4));
    expect(
      h.discord.requests
        .slice(before)
        .map((r) => r.rawBody)
        .join('\n'),
    ).not.toContain(typed.secret!);
    expect(await storedKeys(h, user)).toEqual(['okx/main']);
  });
});

function buttonOf(message: { components: Array<Record<string, unknown>> }, label: string): boolean {
  return JSON.stringify(message.components).includes(`"label":"${label}"`);
}
