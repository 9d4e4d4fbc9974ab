import { describe, expect, it } from 'vitest';
import { WITHDRAW_OFF_LABEL, buttonId, textOf, useKeyward } from './harness.js';

// mexc and gate do not report whether a key can withdraw; binance does (enableWithdrawals).

describe('UNVERIFIED_WITHDRAW=refuse', () => {
  const h = useKeyward({ env: { UNVERIFIED_WITHDRAW: 'refuse', ALLOW_WITHDRAW_KEYS: 'true', VALIDATIONS_PER_WINDOW: '1000' } });

  it('refuses a key whose exchange does not report withdrawals, with advice, a Try again button and nothing stored', async () => {
    const user = '500000000000000001';
    h.discord.addUser({ id: user });
    const { key, typed } = h.key('mexc');
    const { reply } = await h.connect(user, 'mexc', typed);
    const text = textOf(reply);
    expect(text).toContain('MEXC does not report whether this key can withdraw, so Keyward refused it');
    expect(text).toContain('Nothing was saved or changed');
    expect(() => buttonId(reply, 'Try again')).not.toThrow();
    expect(() => buttonId(reply, WITHDRAW_OFF_LABEL)).toThrow();
    expect(await h.app.store.listCredentials(user)).toEqual([]);
    const [event] = await h.app.store.recentAudit(user, 1);
    expect(event).toMatchObject({ action: 'validation_failed', exchange: 'mexc', keyHint: key.apiKey.slice(-4), outcome: 'withdraw_unreported' });
  });

  it('leaves keys known to withdraw to ALLOW_WITHDRAW_KEYS: a withdraw-enabled binance key is still stored, loudly', async () => {
    const user = '500000000000000002';
    h.discord.addUser({ id: user });
    const { reply } = await h.connect(user, 'binance', h.key('binance', { withdraw: true }).typed);
    expect(textOf(reply)).toContain('This key can withdraw funds');
    expect((await h.app.store.listCredentials(user)).map((c) => c.permissions.withdraw)).toEqual(['yes']);
  });
});

describe('UNVERIFIED_WITHDRAW=allow', () => {
  const h = useKeyward({ env: { UNVERIFIED_WITHDRAW: 'allow', VALIDATIONS_PER_WINDOW: '1000' } });

  it('stores the key at once, with a visible warning on the card and in /keys list, and never as plainly ok', async () => {
    const user = '500000000000000003';
    h.discord.addUser({ id: user });
    const { reply } = await h.connect(user, 'mexc', h.key('mexc').typed);
    const card = textOf(reply);
    expect(card).toMatch(/MEXC · main\S* connected/);
    expect(card).toMatch(/MEXC does not report (whether this key can withdraw|what this key may do)/);
    expect(() => buttonId(reply, WITHDRAW_OFF_LABEL)).toThrow();
    const [stored] = await h.app.store.listCredentials(user);
    expect(stored?.status).toBe('warning');
    expect(stored?.withdrawConfirmedAt).toBeUndefined();
    const list = textOf((await h.command(user, 'keys', 'list')).reply);
    expect(list).toContain('withdrawal not reported');
    expect(list).toContain('Working, needs attention');
  });
});
