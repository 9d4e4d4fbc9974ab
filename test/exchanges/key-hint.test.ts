import { describe, expect, it } from 'vitest';
import { getExchange, listExchanges } from '../../src/exchanges/catalog.js';
import { keyHintFor, NEUTRAL_KEY_HINT } from '../../src/exchanges/key-hint.js';

const entry = (id: string) => getExchange(id)!;
const apiKey = 'a1b2c3d4e5f6g7h8i9j0-made-up-key-WXYZ';

describe('the hint shown for a stored key', () => {
  // ccxt 4.5.84 js/src/onetrading.js: requiredCredentials { apiKey: true, secret: false } and sign()
  // sends `Authorization: Bearer <apiKey>` — the API key alone authenticates every private call.
  it('is neutral on onetrading, where the API key alone is the secret', () => {
    const hint = keyHintFor(entry('onetrading'), { apiKey });
    expect(hint).toBe(NEUTRAL_KEY_HINT);
    expect(hint).not.toContain('WXYZ');
  });

  it('is the last 4 characters of the API key where a secret signs the requests', () => {
    expect(keyHintFor(entry('binance'), { apiKey, secret: 'made-up-secret' })).toBe('WXYZ');
    expect(keyHintFor(entry('okx'), { apiKey, secret: 'made-up-secret', password: 'made-up-passphrase' })).toBe('WXYZ');
  });

  it('is the end of the wallet address on wallet-based exchanges (an address is public)', () => {
    expect(keyHintFor(entry('hyperliquid'), { walletAddress: '0x00000000000000000000000000000000000000AB', privateKey: '0x' + '1'.repeat(64) })).toBe('00AB');
  });

  it('reveals nothing of the key on any catalogued exchange whose only credential is the API key', () => {
    const bearer = listExchanges().filter((e) => e.fields.length === 1 && e.fields[0]!.key === 'apiKey');
    expect(bearer.map((e) => e.id)).toContain('onetrading');
    for (const e of bearer) expect(keyHintFor(e, { apiKey })).toBe(NEUTRAL_KEY_HINT);
  });

  it('fits the four characters a stored hint may have', () => {
    expect([...NEUTRAL_KEY_HINT].length).toBeLessThanOrEqual(4);
    expect(NEUTRAL_KEY_HINT.length).toBeLessThanOrEqual(4);
  });
});
