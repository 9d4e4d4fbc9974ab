import { describe, expect, it } from 'vitest';
import ccxt from 'ccxt';
import { parseUpbitKeyInfo } from '../../src/exchanges/profiles/upbit.js';
import { fixtures } from '../fixtures/exchanges/upbit.js';
import type { KeyProfile } from './types.js';
import { itRaisesOnEachFault, itRefusesEach } from './fault-table.js';
import { useSimExchange, type RefusalCase } from './fixture.js';

const ID = 'upbit';
const KEY = { apiKey: 'Ub7kQ2xW9mR4tY6pL1sD3fG5hJ8kZ0cV2bN4mQ6w', secret: 'Sx4mN8qR2tV6yB0dF3hK7pW1zC5gJ9lU3eA6iO8r' };
const BALANCES = { KRW: { free: 150000, used: 0 }, BTC: { free: 0.005, used: 0.001 } };
const STANDING = { ...KEY, balances: BALANCES };
const ISSUED = Date.parse('2026-03-01T00:00:00Z');

const k = useSimExchange(ID, { key: { ...STANDING, createdAt: ISSUED } });
const { register, preloaded, keyInfo, failure } = k;
const withKey = (patch: Partial<KeyProfile> = {}): void => void register({ ...STANDING, createdAt: ISSUED, ...patch });

describe('ccxt upgrade canary: upbit through real ccxt', () => {
  it('costs exactly one request for the key-info call', async () => {
    await keyInfo();
    expect(k.sim.stats(ID).byRoute).toEqual({ 'GET /v1/api_keys': 1 });
  });

  it('reads the balance from the accounts list', async () => {
    const balance = await preloaded().fetchBalance();
    expect(balance.BTC).toMatchObject({ free: 0.005, used: 0.001, total: 0.006 });
    expect(k.sim.stats(ID).requests).toBe(1);
  });

  it('tells a made-up order apart from a missing permission when a trading key cancels', async () => {
    expect(await failure(preloaded().cancelOrder('9132456789012345678', 'BTC/KRW'))).toBeInstanceOf(ccxt.OrderNotFound);
  });
});

describe('upbit key info', () => {
  it('reports the expiry a year after issue and nothing Upbit does not say', async () => {
    expect(await keyInfo()).toEqual({
      read: 'unknown',
      spotTrade: 'unknown',
      futuresTrade: 'unknown',
      withdraw: 'unknown',
      transfer: 'unknown',
      ipRestricted: 'unknown',
      expiresAt: ISSUED + 365 * 86_400_000,
    });
  });

  it('reports the expiry of its own key, not that of another key of the account', () => {
    const body = fixtures.keyInfo['several-keys']!.body;
    expect(parseUpbitKeyInfo(body, 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx').expiresAt).toBe(Date.parse('2027-11-30T07:30:00Z'));
    expect(parseUpbitKeyInfo(body, 'yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy').expiresAt).toBe(Date.parse('2027-02-01T00:00:00Z'));
  });

  it('knows nothing, not even an expiry, when the list holds only other keys of the account', () => {
    expect(parseUpbitKeyInfo(fixtures.keyInfo['one-key']!.body, KEY.apiKey).expiresAt).toBeUndefined();
  });

  it('never reports a withdrawal permission, because Upbit lists none', async () => {
    withKey({ withdraw: true });
    expect((await keyInfo()).withdraw).toBe('unknown');
  });
});

interface Refusal extends RefusalCase {
  name_: string;
}

const refusals: Refusal[] = [
  {
    name: 'a wrong secret',
    creds: { secret: KEY.secret.replace(/^Sx/, 'Tx') },
    error: ccxt.AuthenticationError,
    name_: 'jwt_verification',
    verdict: 'bad_secret',
  },
  {
    name: 'a key Upbit does not know',
    creds: { apiKey: 'Zz7kQ2xW9mR4tY6pL1sD3fG5hJ8kZ0cV2bN4mQ6w' },
    error: ccxt.AuthenticationError,
    name_: 'invalid_access_key',
    verdict: 'bad_key',
  },
  { name: 'an expired key', profile: { expiresAt: Date.now() - 1000 }, error: ccxt.AuthenticationError, name_: 'expired_access_key', verdict: 'key_expired' },
  {
    name: "a caller outside the key's IP addresses",
    profile: { ips: ['203.0.113.7'] },
    error: ccxt.ExchangeError,
    name_: 'no_authorization_i_p',
    verdict: 'ip_not_allowed',
  },
  {
    name: 'a balance read by a key without the view-assets permission',
    profile: { read: false },
    call: (e) => e.fetchBalance(),
    error: ccxt.PermissionDenied,
    name_: 'out_of_scope',
    verdict: 'permission_missing',
  },
  {
    name: 'a cancel by a key without the order permission',
    profile: { spotTrade: false },
    call: (e) => e.cancelOrder('9132456789012345678', 'BTC/KRW'),
    error: ccxt.PermissionDenied,
    name_: 'out_of_scope',
    verdict: 'permission_missing',
  },
];

describe('upbit refusals', () => {
  itRefusesEach(k, refusals, { title: (r) => `refuses ${r.name} with Upbit's ${r.name_}`, says: (r) => `"name":"${r.name_}"` });

  it('never echoes the secret in a refusal', async () => {
    const err = await failure(keyInfo(preloaded(KEY, 'WRONGSECRETWRONGSECRET')));
    expect(err.message).not.toContain('WRONGSECRET');
    expect(err.message).not.toContain(KEY.secret);
  });
});

describe('upbit faults', () => {
  itRaisesOnEachFault(k, ID, () => keyInfo(), [
    { name: 'reads too many requests as a rate limit', fault: { rateLimit: { retryAfterSec: 2 } }, error: ccxt.ExchangeError, verdict: 'rate_limited' },
    { name: 'turns a key-list body that is not JSON into a ccxt error', fault: { malformedJson: true }, error: ccxt.BadResponse },
  ]);
});
