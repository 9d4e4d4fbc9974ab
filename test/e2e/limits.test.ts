import { describe, expect, it } from 'vitest';
import { MINUTE, ManualClock } from '../../src/clock.js';
import { realisticKey, typedCredentials } from '../sim/keys.js';
import { exchangeRequests, expectRefusal, newUser, openConnectForm, said, storedKeys, submitForm } from './access-helpers.js';
import { GUILD, buttonId, textOf, useKeyward } from './harness.js';

const WINDOW_MINUTES = 10;
const clock = new ManualClock(Date.now());
const h = useKeyward({ clock, env: { VALIDATIONS_PER_WINDOW: '3', VALIDATION_WINDOW_MINUTES: String(WINDOW_MINUTES), MAX_ACCOUNTS_PER_USER: '2' } });

/** The refusal a user gets while the clock stands still after their first check: the whole window is left. */
const RATE_LIMITED = said('VALIDATION_RATE_LIMITED', { retryInSeconds: WINDOW_MINUTES * 60 });

/** Credentials okx has never issued: each submit is one key check that fails. */
const unknownOkxKey = () => typedCredentials(realisticKey('okx'));

/** Uses up `count` key checks with keys the exchange refuses, so nothing is stored. */
async function failChecks(user: string, count: number): Promise<void> {
  for (let i = 0; i < count; i += 1) {
    const { reply } = await h.connect(user, 'okx', unknownOkxKey(), 'probe');
    expect(reply.embeds.length).toBeGreaterThan(0);
  }
  expect(await storedKeys(h, user)).not.toContain('okx/probe');
}

describe('key checks per window', () => {
  it('refuse a fourth check already at /connect, before the user types a secret', async () => {
    const alice = newUser(h);
    await failChecks(alice, 3);
    const run = await h.discord.slash({ userId: alice, guildId: GUILD, name: 'connect', options: { exchange: 'okx' } });
    await expectRefusal(run, RATE_LIMITED);
  });

  it('refuse the fourth form submitted in the window, without contacting the exchange or storing the key', async () => {
    const bob = newUser(h);
    const forms = [];
    for (let i = 0; i < 4; i += 1) forms.push(await openConnectForm(h, bob, 'okx', `acct${i}`));
    for (const form of forms.slice(0, 3)) await submitForm(h, bob, form, unknownOkxKey());
    const before = exchangeRequests(h, 'okx');
    const { run } = await submitForm(h, bob, forms[3]!, h.key('okx').typed);
    await expectRefusal(run, RATE_LIMITED);
    expect(exchangeRequests(h, 'okx')).toBe(before);
    expect(await storedKeys(h, bob)).toEqual([]);
  });

  it('count /keys test too, and allow checks again once the window has passed', async () => {
    const carol = newUser(h);
    const { key, typed } = h.key('okx');
    await h.connect(carol, 'okx', typed);
    await failChecks(carol, 1);
    await h.command(carol, 'keys', 'test', { key: 'okx/main' });
    await expectRefusal((await h.command(carol, 'keys', 'test', { key: 'okx/main' })).run, RATE_LIMITED);

    clock.advance(WINDOW_MINUTES * MINUTE + 1_000);
    const tested = await h.command(carol, 'keys', 'test', { key: 'okx/main' });
    expect(textOf(tested.reply)).toContain(key.apiKey.slice(-4));
    expect(textOf(tested.reply)).not.toContain('Too many key checks');
    const second = h.key('okx');
    await h.connect(carol, 'okx', second.typed, 'second');
    expect(await storedKeys(h, carol)).toEqual(['okx/main', 'okx/second']);
  });

  it('are checked before "Try again" opens a new form: once the window is full it is refused', async () => {
    const frank = newUser(h);
    await failChecks(frank, 2);
    const { reply: lastFailure } = await h.connect(frank, 'okx', unknownOkxKey(), 'probe');
    await expectRefusal(await h.press(frank, buttonId(lastFailure, 'Try again')), RATE_LIMITED);
  });

  it('are checked before "Replace it" opens a new form: once the window is full it is refused', async () => {
    const grace = newUser(h);
    await h.connect(grace, 'binance', h.key('binance').typed);
    const existing = await h.command(grace, 'connect', undefined, { exchange: 'binance' });
    await failChecks(grace, 2);
    await expectRefusal(await h.press(grace, buttonId(existing.reply, 'Replace it')), RATE_LIMITED);
  });
});

describe('accounts per user', () => {
  it('refuse a third account before any form opens, also through "Add as another account"', async () => {
    const dave = newUser(h);
    await h.connect(dave, 'binance', h.key('binance').typed);
    await h.connect(dave, 'okx', h.key('okx').typed);
    const limit = said('ACCOUNT_LIMIT', { max: 2 });
    await expectRefusal(await h.discord.slash({ userId: dave, guildId: GUILD, name: 'connect', options: { exchange: 'bybit' } }), limit);

    const existing = await h.command(dave, 'connect', undefined, { exchange: 'binance' });
    await expectRefusal(await h.press(dave, buttonId(existing.reply, 'Add as another account')), limit);
    expect(await storedKeys(h, dave)).toEqual(['binance/main', 'okx/main']);
  });

  it('hold for a form opened before the limit was reached: it cannot add a third account', async () => {
    const erin = newUser(h);
    await h.connect(erin, 'binance', h.key('binance').typed);
    const early = await openConnectForm(h, erin, 'okx', 'early');
    const late = await openConnectForm(h, erin, 'okx', 'late');
    await submitForm(h, erin, early, h.key('okx').typed);
    const before = exchangeRequests(h, 'okx');
    await expectRefusal((await submitForm(h, erin, late, h.key('okx').typed)).run, said('ACCOUNT_LIMIT', { max: 2 }));
    expect(exchangeRequests(h, 'okx')).toBe(before);
    expect(await storedKeys(h, erin)).toEqual(['binance/main', 'okx/early']);
  });
});

describe('limits are per user', () => {
  it('leave Bob free to check and connect keys while Alice is at both of hers', async () => {
    const alice = newUser(h);
    const bob = newUser(h);
    await h.connect(alice, 'binance', h.key('binance').typed);
    await h.connect(alice, 'okx', h.key('okx').typed);
    await h.command(alice, 'keys', 'test', { key: 'okx/main' });
    await expectRefusal(await h.discord.slash({ userId: alice, guildId: GUILD, name: 'connect', options: { exchange: 'bybit' } }), RATE_LIMITED);

    for (const exchange of ['binance', 'okx']) await h.connect(bob, exchange, h.key(exchange).typed);
    expect(await storedKeys(h, bob)).toEqual(['binance/main', 'okx/main']);
    expect(await storedKeys(h, alice)).toEqual(['binance/main', 'okx/main']);
  });
});
