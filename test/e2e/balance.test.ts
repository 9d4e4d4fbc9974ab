import { describe, expect, it } from 'vitest';
import { buttonId, textOf, useKeyward } from './harness.js';

const h = useKeyward({ env: { VALIDATIONS_PER_WINDOW: '100' } });

describe('/balance', () => {
  it('shows every connected account in one private reply, with totals, a failing account with advice, and Refresh', async () => {
    const user = '200000000000000001';
    h.discord.addUser({ id: user });
    await h.connect(user, 'binance', h.key('binance', { balances: { BTC: { free: 1, used: 0 }, USDT: { free: 500, used: 0 } } }).typed);
    await h.connect(user, 'okx', h.key('okx', { balances: { ETH: { free: 3, used: 0 } } }).typed);
    const broken = h.key('bitget');
    await h.connect(user, 'bitget', broken.typed);
    h.sim.updateKey('bitget', broken.key.apiKey, { state: 'revoked' });

    const { run, reply } = await h.command(user, 'balance');
    expect(run.callbacks[0]?.type).toBe(5); // deferred: fetching may take longer than Discord's 3 s
    expect(reply.privateToUser).toBe(true);
    const text = textOf(reply);
    expect(text).toMatch(/Binance · main/);
    expect(text).toMatch(/OKX · main/);
    expect(text).toMatch(/Bitget · main/);
    expect(text).toContain('BTC');
    expect(text).toContain('ETH');
    expect(text).toMatch(/Estimated total: \*\*\$[\d,]+\.\d\d\*\*/);
    expect(text).toMatch(/does not recognise this API key|rejected/);

    h.sim.updateKey('bitget', broken.key.apiKey, { state: 'active' });
    const refreshed = await h.press(user, buttonId(reply, 'Refresh'));
    const after = await refreshed.waitForReply((m) => m.embeds.length > 0 && !/does not recognise/.test(textOf(m)));
    expect(textOf(after)).toContain('Bitget · main');
  });

  it('fetches the accounts in parallel', async () => {
    const user = '200000000000000002';
    h.discord.addUser({ id: user });
    for (const ex of ['binance', 'okx', 'bybit']) await h.connect(user, ex, h.key(ex).typed);
    for (const ex of ['binance', 'okx', 'bybit']) h.sim.setFault(ex, { latencyMs: 600, scope: 'private' });
    const started = Date.now();
    await h.command(user, 'balance');
    const elapsed = Date.now() - started;
    for (const ex of ['binance', 'okx', 'bybit']) h.sim.clearFaults(ex);
    expect(elapsed).toBeLessThan(3 * 600); // one after another would take at least 1.8 s
  });

  it('can be narrowed to one exchange, and says so when nothing matches', async () => {
    const user = '200000000000000003';
    h.discord.addUser({ id: user });
    await h.connect(user, 'binance', h.key('binance').typed);
    await h.connectConfirmed(user, 'gate', h.key('gate').typed);
    const only = await h.command(user, 'balance', undefined, { exchange: 'gate' });
    expect(textOf(only.reply)).toContain('Gate');
    expect(textOf(only.reply)).not.toContain('Binance');
    const none = await h.command(user, 'balance', undefined, { exchange: 'okx' });
    expect(textOf(none.reply)).toContain('no key');
  });

  it('tells a user with no keys how to start', async () => {
    const user = '200000000000000004';
    h.discord.addUser({ id: user });
    const { reply } = await h.command(user, 'balance');
    expect(textOf(reply)).toContain('/connect');
  });

  it('pages a long report with working Next and Previous buttons', async () => {
    const user = '200000000000000005';
    h.discord.addUser({ id: user });
    const many = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`T${String(i).padStart(2, '0')}X`, { free: 1000 + i, used: 0 }]));
    for (let i = 0; i < 14; i++) await h.connect(user, 'binance', h.key('binance', { balances: many }).typed, `acct${i}`);
    const { reply } = await h.command(user, 'balance');
    const next = await h.press(user, buttonId(reply, 'Next ▶'));
    const second = await next.waitForReply((m) => m.embeds.length > 0);
    expect(textOf(second)).not.toEqual(textOf(reply));
    expect(textOf(second)).toContain('acct13');
    const back = await h.press(user, buttonId(second, '◀ Previous'));
    expect(textOf(await back.waitForReply((m) => m.embeds.length > 0))).toContain('acct0');
  });
});
