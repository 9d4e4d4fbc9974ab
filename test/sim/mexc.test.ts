import ccxt, { type Exchange } from 'ccxt';
import { describe, expect, it } from 'vitest';
import { mexcProfile } from '../../src/exchanges/profiles/mexc.js';
import { exchangeErrorDetail } from '../../src/exchanges/error-code.js';
import { itFollowsEachSkewedClock, itRaisesOnEachFault } from './fault-table.js';
import { useSimExchange } from './fixture.js';
import type { KeyProfile } from './types.js';

const SECRET = '4f1c9e2ab7d34e0c8f5a6b1d2e3f4a5b';
const MADE_UP_ORDER_ID = 'C02__581234567890123456789';
let serial = 0;
/** A fresh mexc-style access key (mx0 prefix, 18 characters), so no test sees another test's key. */
const nextApiKey = (): string => `mx0vglW7xTq3Zp${String(++serial).padStart(4, '0')}`;

const k = useSimExchange('mexc', { key: { apiKey: nextApiKey(), secret: SECRET } });
const { register, fresh, preloaded, failure, classify } = k;

/** A fresh mexc instance on the simulator with markets preloaded, as Keyward checks a key. */
const mexcFor = (apiKey: string, secret = SECRET): Exchange => preloaded({ apiKey, secret });
const withKey = (profile: Partial<KeyProfile> = {}): string => register({ apiKey: nextApiKey(), secret: SECRET, ...profile }).apiKey;
const probeTrade = (exchange: Exchange) => exchange.cancelOrder(MADE_UP_ORDER_ID, mexcProfile.tradeProbe!.symbol);

describe('ccxt upgrade canary: mexc on the simulator, cost of a check', () => {
  it('answers a plain fresh fetchBalance with the profile balances after 4 requests, 2 of them signed', async () => {
    const apiKey = withKey({ balances: { BTC: { free: 0.25, used: 0.05 }, USDT: { free: 900, used: 100 } } });
    const balance = await fresh({ apiKey, secret: SECRET }).fetchBalance();
    expect(balance.total).toEqual({ BTC: 0.3, USDT: 1000 });
    expect(balance.free).toEqual({ BTC: 0.25, USDT: 900 });
    expect(k.sim.stats('mexc')).toMatchObject({ requests: 4, privateRequests: 2 });
  });

  it('costs exactly one request for fetchBalance when markets are preloaded', async () => {
    await mexcFor(withKey()).fetchBalance();
    expect(k.sim.stats('mexc').byRoute).toEqual({ 'GET /api/v3/account': 1 });
  });

  it('has no key-info call, so Keyward falls back to a balance call and a trade probe on BTC/USDT', () => {
    expect(mexcProfile.readKeyInfo).toBeUndefined();
    expect(mexcProfile.tradeProbe).toEqual({ symbol: 'BTC/USDT', notFoundCodes: ['-2011'] });
  });
});

describe('mexc trade probe: cancelling a made-up order id', () => {
  it('ccxt upgrade canary: answers a trade-enabled key with -2011, which ccxt raises as BadRequest, not OrderNotFound', async () => {
    const err = await failure(probeTrade(mexcFor(withKey({ spotTrade: true }))));
    expect(err).toBeInstanceOf(ccxt.BadRequest);
    expect(err).not.toBeInstanceOf(ccxt.OrderNotFound);
    expect(exchangeErrorDetail(err)).toEqual({ code: '-2011', text: 'Unknown order sent.' });
    expect(classify(err)).toBeUndefined();
  });

  it('ccxt upgrade canary: answers a read-only key with 700007, which ccxt raises as AuthenticationError', async () => {
    const err = await failure(probeTrade(mexcFor(withKey({ spotTrade: false }))));
    expect(err).toBeInstanceOf(ccxt.AuthenticationError);
    expect(err).not.toBeInstanceOf(ccxt.BadRequest);
    expect(classify(err)).toBe('permission_missing');
  });

  it('sends one cancel and never places an order', async () => {
    await failure(probeTrade(mexcFor(withKey())));
    expect(k.sim.stats('mexc').byRoute).toEqual({ 'DELETE /api/v3/order': 1 });
  });
});

describe('mexc refusals: ccxt class and verdict', () => {
  const cases: Array<[string, () => Promise<unknown>, string, string]> = [
    ['a wrong secret (700002)', () => mexcFor(withKey(), SECRET.replace('4', '5')).fetchBalance(), 'AuthenticationError', 'bad_credentials'],
    ['a secret pasted with a trailing space', () => mexcFor(withKey(), `${SECRET} `).fetchBalance(), 'AuthenticationError', 'bad_credentials'],
    ['an unknown key (10072)', () => mexcFor(nextApiKey()).fetchBalance(), 'BadRequest', 'bad_key'],
    ['a deleted key', () => mexcFor(withKey({ state: 'revoked' })).fetchBalance(), 'BadRequest', 'bad_key'],
    [
      'an expired key, which mexc answers like a bad signature',
      () => mexcFor(withKey({ expiresAt: Date.now() - 60_000 })).fetchBalance(),
      'AuthenticationError',
      'bad_credentials',
    ],
    ['an account in an unusual state (730100)', () => mexcFor(withKey({ state: 'suspended' })).fetchBalance(), 'ExchangeError', 'account_suspended'],
    ['a call from an IP the key is not bound to (700006)', () => mexcFor(withKey({ ips: ['203.0.113.7'] })).fetchBalance(), 'BadRequest', 'ip_not_allowed'],
    ['a key without read permission (700007)', () => mexcFor(withKey({ read: false })).fetchBalance(), 'AuthenticationError', 'permission_missing'],
  ];

  it.each(cases)('refuses %s', async (_label, call, ccxtClass, verdict) => {
    const err = await failure(call());
    expect(err.constructor.name).toBe(ccxtClass);
    expect(classify(err)).toBe(verdict);
  });

  it('refuses a request whose timestamp mexc rejects with 700003', async () => {
    k.sim.setFault('mexc', { rejectTimestamps: true });
    const err = await failure(mexcFor(withKey()).fetchBalance());
    expect(err).toBeInstanceOf(ccxt.InvalidNonce);
    expect(classify(err)).toBe('clock_skew');
  });
});

describe('mexc faults', () => {
  itRaisesOnEachFault(k, 'mexc', () => mexcFor(withKey()).fetchBalance(), [
    { name: 'raises RateLimitExceeded on HTTP 429', fault: { rateLimit: { retryAfterSec: 3 } }, error: ccxt.RateLimitExceeded, verdict: 'rate_limited' },
    { name: 'raises ExchangeNotAvailable on a 502', fault: { serverError: 502 }, error: ccxt.ExchangeNotAvailable },
    { name: 'raises OnMaintenance during maintenance', fault: { maintenance: true }, error: ccxt.OnMaintenance, verdict: 'maintenance' },
    {
      name: 'raises ExchangeNotAvailable for a blocked location, which mexc does not name',
      fault: { restrictedLocation: true },
      error: ccxt.ExchangeNotAvailable,
      verdict: null,
    },
  ]);

  it('ccxt upgrade canary: shows that ccxt swallows a malformed balance body and returns an empty balance', async () => {
    k.sim.setFault('mexc', { malformedJson: true });
    expect((await mexcFor(withKey()).fetchBalance()).total).toEqual({});
  });

  itFollowsEachSkewedClock(k, 'mexc', { exchange: () => mexcFor(withKey()), signed: (exchange) => exchange.fetchBalance(), shows: { total: { BTC: 0.51 } } }, [
    { name: 'survives a clock 5 s ahead once loadTimeDifference has run', skewMs: 5_000, timeDifference: { above: -5_500, below: -4_500 } },
    { name: 'refuses a clock 5 s behind until loadTimeDifference has run', skewMs: -5_000, refusedWith: ccxt.InvalidNonce },
    { name: 'reports the skewed clock from fetchTime', skewMs: 30_000, serverTimeAhead: { above: 29_000, below: 31_000 } },
  ]);
});
