import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MINUTE, ManualClock } from '../../src/clock.js';
import type { FakeMessage } from '../fakes/discord/index.js';
import { exchangeRequests, expectRefusal, newUser, openConnectForm, said, storedKeys, submitForm } from './access-helpers.js';
import { GUILD, buttonId, settled, textOf, useKeyward } from './harness.js';

const clock = new ManualClock(Date.now());
const h = useKeyward({ clock });

const randomToken = () => randomBytes(16).toString('base64url');
const tokenOf = (customId: string) => customId.split(':')[2]!;

/** An unknown token reads as expired or invalid: either way a private refusal, never a form. */
function expectLinkRefusal(reply: FakeMessage): void {
  expect([said('LINK_EXPIRED'), said('LINK_INVALID')]).toContain(textOf(reply).trim());
  expect(reply.modal).toBeUndefined();
  expect(reply.privateToUser).toBe(true);
}

/** A user with one stored binance key and the Remove confirmation of /keys remove for it. */
async function removalOffered(): Promise<{ user: string; remove: string }> {
  const user = newUser(h);
  await h.connect(user, 'binance', h.key('binance').typed);
  const { reply } = await h.command(user, 'keys', 'remove', { key: 'binance/main' });
  return { user, remove: buttonId(reply, 'Remove') };
}

describe('a form id used twice', () => {
  it('is refused the second time, and the replay neither reaches the exchange nor replaces the stored key', async () => {
    const alice = newUser(h);
    const first = h.key('okx');
    const second = h.key('okx');
    const formId = await openConnectForm(h, alice, 'okx');
    const saved = await submitForm(h, alice, formId, first.typed);
    expect(textOf(saved.reply)).toContain(first.key.apiKey.slice(-4));

    const before = exchangeRequests(h, 'okx');
    const replay = await submitForm(h, alice, formId, second.typed);
    await expectRefusal(replay.run, said('LINK_EXPIRED'));
    expect(exchangeRequests(h, 'okx')).toBe(before);
    const stored = await h.app.store.listCredentials(alice);
    expect(stored.map((c) => `${c.exchange}/${c.account}/${c.keyHint}`)).toEqual([`okx/main/${first.key.apiKey.slice(-4)}`]);
  });
});

describe('a form id sent twice at the same moment', () => {
  it('is accepted once and refused once, so only one key check runs', async () => {
    const alice = newUser(h);
    const first = h.key('okx');
    const second = h.key('okx');
    const formId = await openConnectForm(h, alice, 'okx');
    const runs = await Promise.all([first, second].map((k) => h.discord.modalSubmit({ userId: alice, guildId: GUILD, customId: formId, fields: k.typed })));
    const answers = (await Promise.all(runs.map((run) => settled(run)))).map((m) => textOf(m).trim());
    expect(answers.filter((a) => a === said('LINK_EXPIRED'))).toHaveLength(1);
    const stored = await h.app.store.listCredentials(alice);
    expect(stored).toHaveLength(1);
    expect([first.key.apiKey.slice(-4), second.key.apiKey.slice(-4)]).toContain(stored[0]!.keyHint);
    expect((await h.app.store.recentAudit(alice, 10)).filter((e) => e.action === 'connect' || e.action === 'validation_failed')).toHaveLength(1);
  });
});

describe('ids a user made up', () => {
  it('are refused when they have the right shape but were never issued, as a form or as a button', async () => {
    const { user } = await removalOffered();
    const before = exchangeRequests(h, 'okx');
    const form = await submitForm(h, user, `connect:submit:${randomToken()}`, h.key('okx').typed);
    expectLinkRefusal(form.reply);
    for (const forged of [`keys:remove:${randomToken()}`, `keys:forget:${randomToken()}`]) expectLinkRefusal(await settled(await h.press(user, forged)));
    expect(exchangeRequests(h, 'okx')).toBe(before);
    expect(await storedKeys(h, user)).toEqual(['binance/main']);
  });

  it('are refused as invalid when malformed, and leave the real confirmation usable', async () => {
    const { user, remove } = await removalOffered();
    const token = tokenOf(remove);
    const malformed = [
      'keys',
      'nothing-here',
      'x'.repeat(100),
      'keys:remove:short',
      `keys:remove:${token}x`,
      `keys:remove:${token}:extra`,
      `KEYS:REMOVE:${token}`,
      `keys::${token}`,
      `keys:remove:${token.slice(0, 21)}!`,
      `keys:remove:${token}\n`,
      `keys:re move:${token}`,
      `__proto__:remove:${token}`,
      `constructor:remove:${token}`,
      `keys:remove:${token.slice(0, 21)}é`,
    ];
    for (const customId of malformed) {
      await expectRefusal(await h.press(user, customId), said('LINK_INVALID'));
      await expectRefusal((await submitForm(h, user, customId, { apiKey: 'whatever' })).run, said('LINK_INVALID'));
    }
    expect(await storedKeys(h, user)).toEqual(['binance/main']);
    const confirmed = await h.press(user, remove);
    await settled(confirmed);
    expect(await storedKeys(h, user)).toEqual([]);
  });

  it('are refused as invalid when the command part of a real form id is swapped, and the real form still works', async () => {
    const alice = newUser(h);
    const { key, typed } = h.key('okx');
    const formId = await openConnectForm(h, alice, 'okx');
    const before = exchangeRequests(h, 'okx');
    for (const swapped of [`keys:submit:${tokenOf(formId)}`, `balance:submit:${tokenOf(formId)}`]) {
      await expectRefusal((await submitForm(h, alice, swapped, typed)).run, said('LINK_INVALID'));
    }
    expect(exchangeRequests(h, 'okx')).toBe(before);
    expect(await storedKeys(h, alice)).toEqual([]);

    const real = await submitForm(h, alice, formId, typed);
    expect(textOf(real.reply)).toContain(key.apiKey.slice(-4));
    expect(await storedKeys(h, alice)).toEqual(['okx/main']);
  });

  it('are refused as invalid when a confirmation is turned into another action or command, and nothing is deleted', async () => {
    const { user, remove } = await removalOffered();
    const token = tokenOf(remove);
    for (const swapped of [`keys:forget:${token}`, `keys:rotate:${token}`, `connect:remove:${token}`, `connect:replace:${token}`]) {
      await expectRefusal(await h.press(user, swapped), said('LINK_INVALID'));
    }
    expect(await storedKeys(h, user)).toEqual(['binance/main']);
    expect((await h.app.store.recentAudit(user, 10)).map((e) => e.action)).not.toContain('forget');
  });
});

describe("another user holding Alice's ids", () => {
  it('is told the button is not theirs, and Alice can still use it afterwards', async () => {
    const { user: alice, remove } = await removalOffered();
    const mallory = newUser(h);
    await h.connect(mallory, 'binance', h.key('binance').typed);
    await expectRefusal(await h.press(mallory, remove), said('LINK_NOT_YOURS'));
    expect(await storedKeys(h, alice)).toEqual(['binance/main']);
    expect(await storedKeys(h, mallory)).toEqual(['binance/main']);

    const confirmed = await h.press(alice, remove);
    expect(textOf(await settled(confirmed))).toContain('Binance');
    expect(await storedKeys(h, alice)).toEqual([]);
    expect(await storedKeys(h, mallory)).toEqual(['binance/main']);
  });

  it("cannot submit Alice's form with their own key: nothing is stored for either, and Alice's form still works", async () => {
    const alice = newUser(h);
    const mallory = newUser(h);
    const formId = await openConnectForm(h, alice, 'okx');
    const before = exchangeRequests(h, 'okx');
    await expectRefusal((await submitForm(h, mallory, formId, h.key('okx').typed)).run, said('LINK_NOT_YOURS'));
    expect(exchangeRequests(h, 'okx')).toBe(before);
    expect(await storedKeys(h, alice)).toEqual([]);
    expect(await storedKeys(h, mallory)).toEqual([]);

    const own = h.key('okx');
    await submitForm(h, alice, formId, own.typed);
    expect((await h.app.store.listCredentials(alice)).map((c) => c.keyHint)).toEqual([own.key.apiKey.slice(-4)]);
  });

  it("reaches only their own (empty) keyring when naming Alice's key in commands", async () => {
    const { user: alice } = await removalOffered();
    const mallory = newUser(h);
    for (const sub of ['remove', 'test', 'rotate']) {
      const { run } = await h.command(mallory, 'keys', sub, { key: 'binance/main' });
      await expectRefusal(run, said('ACCOUNT_NOT_FOUND', { exchange: 'binance', account: 'main' }));
    }
    const suggestions = await h.discord.autocomplete({ userId: mallory, guildId: GUILD, name: 'keys', subcommand: 'remove', focused: 'key', value: '' });
    expect((await suggestions.ack).data?.choices).toEqual([]);
    expect(await storedKeys(h, alice)).toEqual(['binance/main']);
  });
});

describe('time and reuse', () => {
  it('refuses a form submitted more than 15 minutes after it opened, without contacting the exchange', async () => {
    const alice = newUser(h);
    const formId = await openConnectForm(h, alice, 'okx');
    clock.advance(15 * MINUTE + 1_000);
    const before = exchangeRequests(h, 'okx');
    await expectRefusal((await submitForm(h, alice, formId, h.key('okx').typed)).run, said('LINK_EXPIRED'));
    expect(exchangeRequests(h, 'okx')).toBe(before);
    expect(await storedKeys(h, alice)).toEqual([]);
  });

  it('still accepts a form submitted 14 minutes after it opened', async () => {
    const alice = newUser(h);
    const formId = await openConnectForm(h, alice, 'okx');
    clock.advance(14 * MINUTE);
    await submitForm(h, alice, formId, h.key('okx').typed);
    expect(await storedKeys(h, alice)).toEqual(['okx/main']);
  });

  it('refuses a confirmation pressed after 15 minutes, and the key stays', async () => {
    const { user, remove } = await removalOffered();
    clock.advance(15 * MINUTE + 1_000);
    await expectRefusal(await h.press(user, remove), said('LINK_EXPIRED'));
    expect(await storedKeys(h, user)).toEqual(['binance/main']);
  });

  it('lets the same Refresh button of /balance work again and again for its owner only, each time with fresh balances', async () => {
    const alice = newUser(h);
    const mallory = newUser(h);
    const { key, typed } = h.key('binance');
    await h.connect(alice, 'binance', typed);
    const { reply } = await h.command(alice, 'balance');
    const refresh = buttonId(reply, 'Refresh');
    for (const amount of [4321, 8765]) {
      h.sim.updateKey('binance', key.apiKey, { balances: { DOGE: { free: amount, used: 0 } } });
      const run = await h.press(alice, refresh);
      const shown = await run.waitForReply((m) => textOf(m).includes('DOGE'), 10_000);
      expect(textOf(shown)).toMatch(new RegExp(String(amount).replace(/(\d)(?=(\d{3})+$)/g, '$1,?')));
    }
    await expectRefusal(await h.press(mallory, refresh), said('LINK_NOT_YOURS'));
  });

  it('does not let a used confirmation work twice, even after the same account was connected again', async () => {
    const { user, remove } = await removalOffered();
    await settled(await h.press(user, remove));
    expect(await storedKeys(h, user)).toEqual([]);
    const again = h.key('binance');
    await h.connect(user, 'binance', again.typed);
    await expectRefusal(await h.press(user, remove), said('LINK_EXPIRED'));
    expect((await h.app.store.listCredentials(user)).map((c) => c.keyHint)).toEqual([again.key.apiKey.slice(-4)]);
  });
});
