import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors.js';
import { prepareAnotherAccount, type ConnectCheck } from '../../src/keys/another-account.js';
import { normalizeAccountName } from '../../src/keys/account-name.js';

/** A user's accounts on one exchange, and every account the check was asked about; full at `cap` keys. */
function accounts(existing: string[], cap = 20): ConnectCheck & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    async prepareConnect(_userId, _exchange, account) {
      asked.push(account);
      const exists = existing.includes(account);
      if (!exists && existing.length >= cap) throw new AppError('ACCOUNT_LIMIT', { max: cap });
      return { exists, taken: new Set(existing) };
    },
  };
}

describe('adding a key as another account', () => {
  it('names it "<account>-2" and checks that account before its form opens', async () => {
    const keys = accounts(['main']);
    expect(await prepareAnotherAccount(keys, '1', 'binance', 'main')).toBe('main-2');
    expect(keys.asked).toEqual(['main', 'main-2']);
  });

  it('skips the numbers already taken', async () => {
    expect(await prepareAnotherAccount(accounts(['main', 'main-2', 'main-3', 'main-5']), '1', 'binance', 'main')).toBe('main-4');
  });

  it('shortens a long name so the new one is still a valid account name', async () => {
    const long = 'a'.repeat(32);
    const next = await prepareAnotherAccount(accounts([long]), '1', 'binance', long);
    expect(next).toBe(`${'a'.repeat(28)}-2`);
    expect(normalizeAccountName(next)).toBe(next);
  });

  it('refuses when the user has no room for another key', async () => {
    await expect(prepareAnotherAccount(accounts(['main', 'bot'], 2), '1', 'binance', 'main')).rejects.toMatchObject({ code: 'ACCOUNT_LIMIT' });
  });
});
