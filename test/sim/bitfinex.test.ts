import { describe, expect, it } from 'vitest';
import ccxt from 'ccxt';
import { parseBitfinexPermissions } from '../../src/exchanges/profiles/bitfinex.js';
import { fixtures } from '../fixtures/exchanges/bitfinex.js';
import type { KeyProfile } from './types.js';
import { itRaisesOnEachFault, itRefusesEach } from './fault-table.js';
import { useSimExchange, type RefusalCase } from './fixture.js';

const ID = 'bitfinex';
const KEY = { apiKey: 'Bfx7kQ2xW9mR4tY6pL1sD3fG5hJ8kZ0cV2bN4mQ6wE8', secret: 'Sfx4mN8qR2tV6yB0dF3hK7pW1zC5gJ9lU3eA6iO8rT2' };
const BALANCES = { USD: { free: 240.5, used: 10 }, BTC: { free: 0.0125, used: 0 } };
const STANDING = { ...KEY, balances: BALANCES };

const k = useSimExchange(ID, { key: STANDING });
const { register, preloaded, keyInfo, failure } = k;
const withKey = (patch: Partial<KeyProfile> = {}): void => void register({ ...STANDING, ...patch });

describe('ccxt upgrade canary: bitfinex through real ccxt', () => {
  it('costs exactly one request for the key-info call', async () => {
    await keyInfo();
    expect(k.sim.stats(ID).byRoute).toEqual({ 'POST /v2/auth/r/permissions': 1 });
  });

  it('reads the exchange wallet as the balance', async () => {
    const balance = await preloaded().fetchBalance();
    expect(balance.USD).toMatchObject({ free: 240.5, total: 250.5 });
    expect(k.sim.stats(ID).requests).toBe(1);
  });

  it('tells a made-up order apart from a missing permission when a trading key cancels', async () => {
    expect(await failure(preloaded().cancelOrder('123456789', 'BTC/USD'))).toBeInstanceOf(ccxt.OrderNotFound);
  });
});

describe('bitfinex key info', () => {
  it('reports a read and trade key, and nothing about IP addresses', async () => {
    expect(await keyInfo()).toEqual({
      read: 'yes',
      spotTrade: 'yes',
      futuresTrade: 'yes',
      withdraw: 'no',
      transfer: 'unknown',
      ipRestricted: 'unknown',
    });
  });

  it('reports a read-only key', async () => {
    withKey({ spotTrade: false });
    expect(await keyInfo()).toMatchObject({ read: 'yes', spotTrade: 'no', withdraw: 'no' });
  });

  it('reports a key that may withdraw', async () => {
    withKey({ withdraw: true });
    expect(await keyInfo()).toMatchObject({ withdraw: 'yes' });
  });

  it('reads the documented scope lists', () => {
    expect(parseBitfinexPermissions(fixtures.keyInfo['read-only']!.body)).toMatchObject({ read: 'yes', spotTrade: 'no', withdraw: 'no' });
    expect(parseBitfinexPermissions(fixtures.keyInfo['withdraw-enabled']!.body)).toMatchObject({ withdraw: 'yes' });
    expect(parseBitfinexPermissions(fixtures.keyInfo['no-access']!.body)).toMatchObject({ read: 'no' });
  });

  it('leaves withdrawal open when the list carries a scope Bitfinex does not document', () => {
    expect(
      parseBitfinexPermissions([
        ['orders', 1, 1],
        ['withdraw', 0, 0],
        ['eaas_withdraw', 1, 1],
      ]),
    ).toMatchObject({ spotTrade: 'yes', withdraw: 'unknown' });
  });
});

interface Refusal extends RefusalCase {
  text: string;
}

const refusals: Refusal[] = [
  {
    name: 'a wrong secret',
    creds: { secret: KEY.secret.replace(/^Sfx/, 'Tfx') },
    error: ccxt.AuthenticationError,
    text: 'apikey: digest invalid',
    verdict: 'bad_secret',
  },
  {
    name: 'a key Bitfinex does not know',
    creds: { apiKey: 'Zfx7kQ2xW9mR4tY6pL1sD3fG5hJ8kZ0cV2bN4mQ6wE8' },
    error: ccxt.AuthenticationError,
    text: 'apikey: invalid',
    verdict: 'bad_key',
  },
  {
    name: 'a balance read by a key without read permission',
    profile: { read: false },
    call: (e) => e.fetchBalance(),
    error: ccxt.PermissionDenied,
    text: 'api_key: permission invalid',
    verdict: 'permission_missing',
  },
  { name: 'a nonce no larger than the last one', rejectTimestamps: true, error: ccxt.InvalidNonce, text: 'nonce: small', verdict: 'clock_skew' },
];

describe('bitfinex refusals', () => {
  itRefusesEach(k, refusals, { title: (r) => `refuses ${r.name} with "${r.text}"`, says: (r) => r.text });

  it('never echoes the secret in a refusal', async () => {
    const err = await failure(keyInfo(preloaded(KEY, 'WRONGSECRETWRONGSECRET')));
    expect(err.message).not.toContain('WRONGSECRET');
    expect(err.message).not.toContain(KEY.secret);
  });
});

describe('bitfinex faults', () => {
  itRaisesOnEachFault(k, ID, () => keyInfo(), [
    { name: 'reads a rate limit as one', fault: { rateLimit: { retryAfterSec: 2 } }, error: ccxt.RateLimitExceeded, verdict: 'rate_limited' },
    { name: 'reads maintenance as maintenance', fault: { maintenance: true }, error: ccxt.OnMaintenance },
  ]);
});
