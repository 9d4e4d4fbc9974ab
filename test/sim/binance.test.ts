import ccxt, { type Exchange } from 'ccxt';
import { describe, expect, it } from 'vitest';
import { parseBinanceKeyInfo } from '../../src/exchanges/profiles/binance.js';
import { itFollowsEachSkewedClock, itRaisesOnEachFault } from './fault-table.js';
import { useSimExchange } from './fixture.js';
import type { KeyProfile } from './types.js';

const SECRET = 'NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j';
let serial = 0;
/** A fresh 64-character binance-style API key, so no test sees another test's key. */
const nextApiKey = (): string => `vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91du${String(++serial).padStart(4, '0')}`;

const k = useSimExchange('binance', { key: { apiKey: nextApiKey(), secret: SECRET } });
const { register, fresh, shareMarkets, keyInfo, failure, classify } = k;

/**
 * A fresh binance instance that keeps ccxt's real URLs (so ccxt picks binance's error table by host,
 * as in production) while every request lands on the simulator. Markets come preloaded.
 */
const binanceFor = (apiKey: string, secret = SECRET): Exchange =>
  shareMarkets(
    new ccxt.binance({
      apiKey,
      secret,
      enableRateLimit: false,
      timeout: 5_000,
      fetchImplementation: (url: string, init: RequestInit) => fetch(url.replace(/^https:\/\/[^/]+/, `${k.sim.url}/binance`), init),
    }),
  );

const withKey = (profile: Partial<KeyProfile> = {}): string => register({ apiKey: nextApiKey(), secret: SECRET, ...profile }).apiKey;

describe('ccxt upgrade canary: binance on the simulator, cost of a check', () => {
  it('answers a plain fresh fetchBalance with the profile balances after 8 requests, 5 of them signed', async () => {
    const apiKey = withKey({ balances: { BTC: { free: 0.25, used: 0.05 }, USDT: { free: 900, used: 100 } } });
    const balance = await fresh({ apiKey, secret: SECRET }).fetchBalance();
    expect(balance.total).toEqual({ BTC: 0.3, USDT: 1000 });
    expect(balance.free).toEqual({ BTC: 0.25, USDT: 900 });
    expect(k.sim.stats('binance')).toMatchObject({ requests: 8, privateRequests: 5 });
  });

  it('costs exactly one request for fetchBalance when markets are preloaded', async () => {
    await binanceFor(withKey()).fetchBalance();
    expect(k.sim.stats('binance').byRoute).toEqual({ 'GET /api/v3/account': 1 });
  });

  it('costs exactly one request for the key-info call', async () => {
    await keyInfo(binanceFor(withKey()));
    expect(k.sim.stats('binance').byRoute).toEqual({ 'GET /sapi/v1/account/apiRestrictions': 1 });
  });
});

describe('binance key-info: what the key may do', () => {
  const createdAt = Date.UTC(2025, 2, 1, 9, 30);

  it('reports a read+trade key', async () => {
    const perms = await keyInfo(binanceFor(withKey({ spotTrade: true, futuresTrade: true, createdAt })));
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
    const perms = await keyInfo(binanceFor(withKey({ spotTrade: false })));
    expect(perms).toMatchObject({ read: 'yes', spotTrade: 'no', futuresTrade: 'no', withdraw: 'no' });
  });

  it('reports a key that may withdraw and transfer', async () => {
    const perms = await keyInfo(binanceFor(withKey({ withdraw: true, transfer: true })));
    expect(perms).toMatchObject({ withdraw: 'yes', transfer: 'yes' });
  });

  it('reports an IP-bound key but no count, which binance does not give', async () => {
    const perms = await keyInfo(binanceFor(withKey({ ips: ['127.0.0.1', '203.0.113.7'] })));
    expect(perms.ipRestricted).toBe('yes');
    expect(perms.ipCount).toBeUndefined();
  });

  it('reports when spot and margin trading lapses, as the trading permission and not as key expiry', async () => {
    const tradingExpiresAt = Date.UTC(2031, 0, 15);
    const info = await keyInfo(binanceFor(withKey({ tradingExpiresAt })));
    expect(info.tradingExpiresAt).toBe(tradingExpiresAt);
    expect(info.expiresAt).toBeUndefined();
  });

  it('calls every field binance left out unknown', () => {
    expect(parseBinanceKeyInfo({ enableReading: true, enableInternalTransfer: false })).toEqual({
      read: 'yes',
      spotTrade: 'unknown',
      futuresTrade: 'unknown',
      withdraw: 'unknown',
      transfer: 'unknown',
      ipRestricted: 'unknown',
    });
  });
});

describe('binance refusals: ccxt class and verdict', () => {
  const cases: Array<[string, () => Promise<unknown>, string, string]> = [
    ['a wrong secret', () => keyInfo(binanceFor(withKey(), SECRET.replace('N', 'M'))), 'AuthenticationError', 'bad_secret'],
    ['a secret pasted with a trailing space', () => keyInfo(binanceFor(withKey(), `${SECRET} `)), 'AuthenticationError', 'bad_secret'],
    ['an unknown key on the key-info call (-2008)', () => keyInfo(binanceFor(nextApiKey())), 'AuthenticationError', 'bad_key'],
    ['an unknown key on the balance call (-2015)', () => binanceFor(nextApiKey()).fetchBalance(), 'AuthenticationError', 'bad_credentials'],
    ['a key that is not 64 letters and digits (-2014)', () => keyInfo(binanceFor('not-a-binance-key')), 'AuthenticationError', 'bad_key'],
    ['a deleted key', () => keyInfo(binanceFor(withKey({ state: 'revoked' }))), 'AuthenticationError', 'bad_key'],
    [
      'an expired key, which binance answers like a deleted one',
      () => keyInfo(binanceFor(withKey({ expiresAt: Date.now() - 60_000 }))),
      'AuthenticationError',
      'bad_key',
    ],
    ['a disabled account', () => keyInfo(binanceFor(withKey({ state: 'suspended' }))), 'AccountSuspended', 'account_suspended'],
    ['a call from an IP the key is not bound to', () => keyInfo(binanceFor(withKey({ ips: ['203.0.113.7'] }))), 'AuthenticationError', 'bad_credentials'],
    ['a key without read permission on /sapi (-1002)', () => keyInfo(binanceFor(withKey({ read: false }))), 'PermissionDenied', 'permission_missing'],
    ['a key without read permission on /api (-2015)', () => binanceFor(withKey({ read: false })).fetchBalance(), 'AuthenticationError', 'bad_credentials'],
  ];

  it.each(cases)('refuses %s', async (_label, call, ccxtClass, verdict) => {
    const err = await failure(call());
    expect(err.constructor.name).toBe(ccxtClass);
    expect(classify(err)).toBe(verdict);
  });

  it('refuses a request whose timestamp binance rejects with -1021', async () => {
    k.sim.setFault('binance', { rejectTimestamps: true });
    const err = await failure(keyInfo(binanceFor(withKey())));
    expect(err).toBeInstanceOf(ccxt.InvalidNonce);
    expect(classify(err)).toBe('clock_skew');
  });

  it('refuses a caller outside the IP whitelist with the documented -2015, which also covers a bad key or permission', async () => {
    const err = await failure(keyInfo(binanceFor(withKey({ ips: ['203.0.113.7'] }))));
    expect(err.message).toContain('Invalid API-key, IP, or permissions for action.');
    expect(classify(err)).toBe('bad_credentials');
  });

  it("loses binance's spot error table behind a URL override, yet the code still says bad_key", async () => {
    const err = await failure(keyInfo(fresh({ apiKey: nextApiKey(), secret: SECRET })));
    expect(err.constructor.name).toBe('ExchangeError');
    expect(classify(err)).toBe('bad_key');
  });
});

describe('binance faults', () => {
  itRaisesOnEachFault(k, 'binance', () => keyInfo(binanceFor(withKey())), [
    { name: 'raises DDoSProtection on HTTP 429', fault: { rateLimit: { retryAfterSec: 3 } }, error: ccxt.DDoSProtection, verdict: 'rate_limited' },
    { name: 'raises ExchangeNotAvailable on a 502', fault: { serverError: 502 }, error: ccxt.ExchangeNotAvailable },
    { name: 'raises OnMaintenance during maintenance', fault: { maintenance: true }, error: ccxt.OnMaintenance, verdict: 'maintenance' },
    {
      name: 'raises ExchangeNotAvailable on HTTP 451, which the message shows to be a restricted location',
      fault: { restrictedLocation: true },
      error: ccxt.ExchangeNotAvailable,
      verdict: 'wrong_region',
    },
    { name: 'turns a malformed key-info body into BadResponse', fault: { malformedJson: true }, error: ccxt.BadResponse },
  ]);

  it('ccxt upgrade canary: shows that ccxt itself swallows a malformed balance body and returns an empty balance', async () => {
    k.sim.setFault('binance', { malformedJson: true });
    expect((await binanceFor(withKey()).fetchBalance()).total).toEqual({});
  });

  itFollowsEachSkewedClock(k, 'binance', { exchange: () => binanceFor(withKey()), signed: (exchange) => keyInfo(exchange), shows: { read: 'yes' } }, [
    { name: 'survives a clock 5 s ahead once loadTimeDifference has run', skewMs: 5_000, timeDifference: { above: -5_500, below: -4_500 } },
    { name: 'refuses a clock 5 s behind until loadTimeDifference has run', skewMs: -5_000, refusedWith: ccxt.InvalidNonce },
    { name: 'reports the skewed clock from fetchTime', skewMs: 30_000, serverTimeAhead: { above: 29_000, below: 31_000 } },
  ]);
});
