import ccxt, { type Exchange } from 'ccxt';
import { describe, expect, it } from 'vitest';
import { parseBybitKeyInfo } from '../../src/exchanges/profiles/bybit.js';
import { itFollowsEachSkewedClock, itRaisesOnEachFault } from './fault-table.js';
import { useSimExchange } from './fixture.js';
import type { KeyProfile } from './types.js';

const SECRET = 'Xf9hTq2LmZ8vNc4RpW6kYs3JdG7bQe5AuH1t';
let serial = 0;
/** A fresh 18-character bybit-style API key, so no test sees another test's key. */
const nextApiKey = (): string => `Lq3N8xV2cTz7Kp${String(++serial).padStart(4, '0')}`;

const k = useSimExchange('bybit', { key: { apiKey: nextApiKey(), secret: SECRET } });
const { register, fresh, preloaded, keyInfo, failure, classify } = k;

/** A fresh bybit instance on the simulator with markets preloaded, as Keyward checks a key. */
const bybitFor = (apiKey: string, secret = SECRET): Exchange => preloaded({ apiKey, secret });
const withKey = (profile: Partial<KeyProfile> = {}): string => register({ apiKey: nextApiKey(), secret: SECRET, ...profile }).apiKey;

describe('ccxt upgrade canary: bybit on the simulator, cost of a check', () => {
  it('answers a plain fresh fetchBalance with the profile balances after 15 requests, 4 of them signed', async () => {
    const apiKey = withKey({ balances: { BTC: { free: 0.25, used: 0.05 }, USDT: { free: 900, used: 100 } } });
    const balance = await fresh({ apiKey, secret: SECRET }).fetchBalance();
    expect(balance.total).toEqual({ BTC: 0.3, USDT: 1000 });
    expect(balance.free).toEqual({ BTC: 0.25, USDT: 900 });
    expect(k.sim.stats('bybit')).toMatchObject({ requests: 15, privateRequests: 4 });
    expect(k.sim.stats('bybit').byRoute['GET /v5/market/instruments-info']).toBe(11);
  });

  it('still costs 3 requests for fetchBalance with markets preloaded, because ccxt first asks whether the account is unified', async () => {
    await bybitFor(withKey()).fetchBalance();
    expect(k.sim.stats('bybit').byRoute).toEqual({
      'GET /v5/user/query-api': 1,
      'GET /v5/account/info': 1,
      'GET /v5/account/wallet-balance': 1,
    });
  });

  it('costs exactly one request for fetchBalance once ccxt knows the account is unified', async () => {
    const exchange = bybitFor(withKey());
    Object.assign(exchange.options, { enableUnifiedMargin: false, enableUnifiedAccount: true });
    expect((await exchange.fetchBalance()).total).toMatchObject({ BTC: 0.51 });
    expect(k.sim.stats('bybit').byRoute).toEqual({ 'GET /v5/account/wallet-balance': 1 });
  });

  it('costs exactly one request for the key-info call', async () => {
    await keyInfo(bybitFor(withKey()));
    expect(k.sim.stats('bybit').byRoute).toEqual({ 'GET /v5/user/query-api': 1 });
  });
});

describe('bybit key-info: what the key may do', () => {
  const createdAt = Date.UTC(2025, 2, 1, 9, 30);

  it('reports a read+trade key', async () => {
    const perms = await keyInfo(bybitFor(withKey({ spotTrade: true, futuresTrade: true, createdAt })));
    expect(perms).toEqual({
      read: 'yes',
      spotTrade: 'yes',
      futuresTrade: 'yes',
      withdraw: 'no',
      transfer: 'no',
      ipRestricted: 'no',
      createdAt,
    });
  });

  it('reports a read-only key', async () => {
    const perms = await keyInfo(bybitFor(withKey({ spotTrade: false })));
    expect(perms).toMatchObject({ read: 'yes', spotTrade: 'no', futuresTrade: 'no', withdraw: 'no', transfer: 'no' });
  });

  it('reports a key that may withdraw and transfer', async () => {
    const perms = await keyInfo(bybitFor(withKey({ withdraw: true, transfer: true })));
    expect(perms).toMatchObject({ withdraw: 'yes', transfer: 'yes' });
  });

  it('reports an IP-bound key with how many addresses it is bound to', async () => {
    const perms = await keyInfo(bybitFor(withKey({ ips: ['127.0.0.1', '203.0.113.7', '198.51.100.4'] })));
    expect(perms).toMatchObject({ ipRestricted: 'yes', ipCount: 3 });
  });

  it('reports the date the key expires', async () => {
    const expiresAt = Date.UTC(2031, 0, 15, 12, 0, 0);
    expect((await keyInfo(bybitFor(withKey({ expiresAt })))).expiresAt).toBe(expiresAt);
  });

  it('calls every field bybit left out unknown', () => {
    expect(parseBybitKeyInfo({ result: { permissions: { Spot: ['SpotTrade'] } } })).toEqual({
      read: 'unknown',
      spotTrade: 'yes',
      futuresTrade: 'unknown',
      withdraw: 'unknown',
      transfer: 'unknown',
      ipRestricted: 'unknown',
    });
  });
});

describe('bybit refusals: ccxt class and verdict', () => {
  const cases: Array<[string, () => Promise<unknown>, string, string]> = [
    ['a wrong secret (10004)', () => keyInfo(bybitFor(withKey(), SECRET.replace('X', 'Y'))), 'AuthenticationError', 'bad_secret'],
    ['a secret pasted with a trailing space', () => keyInfo(bybitFor(withKey(), `${SECRET} `)), 'AuthenticationError', 'bad_secret'],
    ['an unknown key (10003)', () => keyInfo(bybitFor(nextApiKey())), 'AuthenticationError', 'bad_key'],
    ['a deleted key', () => keyInfo(bybitFor(withKey({ state: 'revoked' }))), 'AuthenticationError', 'bad_key'],
    ['an expired key (33004)', () => keyInfo(bybitFor(withKey({ expiresAt: Date.now() - 60_000 }))), 'AuthenticationError', 'key_expired'],
    ['a banned account (10008)', () => keyInfo(bybitFor(withKey({ state: 'suspended' }))), 'AccountSuspended', 'account_suspended'],
    ['a call from an IP the key is not bound to (10010)', () => keyInfo(bybitFor(withKey({ ips: ['203.0.113.7'] }))), 'PermissionDenied', 'ip_not_allowed'],
    ['a key without the permission asked for (10005)', () => bybitFor(withKey({ read: false })).fetchBalance(), 'PermissionDenied', 'permission_missing'],
  ];

  it.each(cases)('refuses %s', async (_label, call, ccxtClass, verdict) => {
    const err = await failure(call());
    expect(err.constructor.name).toBe(ccxtClass);
    expect(classify(err)).toBe(verdict);
  });

  it('refuses a request whose timestamp bybit rejects with 10002', async () => {
    k.sim.setFault('bybit', { rejectTimestamps: true });
    const err = await failure(keyInfo(bybitFor(withKey())));
    expect(err).toBeInstanceOf(ccxt.InvalidNonce);
    expect(classify(err)).toBe('clock_skew');
  });
});

describe('bybit faults', () => {
  itRaisesOnEachFault(k, 'bybit', () => keyInfo(bybitFor(withKey())), [
    {
      name: 'raises RateLimitExceeded on its rate-limit answer (10006)',
      fault: { rateLimit: { retryAfterSec: 3 } },
      error: ccxt.RateLimitExceeded,
      verdict: 'rate_limited',
    },
    { name: 'raises ExchangeNotAvailable on a 502', fault: { serverError: 502 }, error: ccxt.ExchangeNotAvailable },
    {
      name: 'raises ExchangeNotAvailable during maintenance, which bybit answers with a bare 503',
      fault: { maintenance: true },
      error: ccxt.ExchangeNotAvailable,
    },
    {
      name: 'raises RateLimitExceeded for a country block, since ccxt maps every bybit 403 so, yet the verdict is wrong_region',
      fault: { restrictedLocation: true },
      error: ccxt.RateLimitExceeded,
      verdict: 'wrong_region',
    },
    { name: 'turns a malformed key-info body into BadResponse', fault: { malformedJson: true }, error: ccxt.BadResponse },
  ]);

  itFollowsEachSkewedClock(k, 'bybit', { exchange: () => bybitFor(withKey()), signed: (exchange) => keyInfo(exchange), shows: { read: 'yes' } }, [
    { name: 'survives a clock 5 s ahead once loadTimeDifference has run', skewMs: 5_000, timeDifference: { above: -5_500, below: -4_500 } },
    { name: 'refuses a clock 5 s behind until loadTimeDifference has run', skewMs: -5_000, refusedWith: ccxt.InvalidNonce },
    { name: 'reports the skewed clock from fetchTime', skewMs: 30_000, serverTimeAhead: { above: 29_000, below: 31_000 } },
  ]);
});
