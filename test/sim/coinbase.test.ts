import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { BadRequest, BadResponse, ExchangeError, ExchangeNotAvailable, RateLimitExceeded } from 'ccxt';
import { parseCoinbaseKeyInfo } from '../../src/exchanges/profiles/coinbase.js';
import { cdpKey, ed25519Key, legacyKey } from './coinbase-fixtures.js';
import { itRaisesOnEachFault } from './fault-table.js';
import { useSimExchange } from './fixture.js';
import type { KeyProfile } from './types.js';

const k = useSimExchange('coinbase');
const { register, fresh, preloaded, keyInfo, failure, classify } = k;

describe('ccxt upgrade canary: coinbase balance through plain ccxt', () => {
  it('answers a fresh fetchBalance with the profile balances in eight requests', async () => {
    const key = register(cdpKey({ balances: { BTC: { free: 0.5, used: 0.01 }, USD: { free: 1200, used: 0 }, SOL: { free: 3, used: 1 } } }));
    const balance = await fresh(key).fetchBalance();
    expect(balance.total).toMatchObject({ BTC: 0.51, USD: 1200, SOL: 4 });
    const stats = k.sim.stats('coinbase');
    expect(stats.requests).toBe(8);
    expect(stats.privateRequests).toBe(2);
    expect(stats.byRoute).toEqual({
      'GET /v2/currencies': 1,
      'GET /v2/currencies/crypto': 1,
      'GET /v2/exchange-rates': 1,
      'GET /api/v3/brokerage/market/products': 3,
      'GET /api/v3/brokerage/transaction_summary': 1,
      'GET /v2/accounts': 1,
    });
  });

  it('loads five spot markets, one dated future and two perpetuals', () => {
    expect(Object.keys(k.markets).sort()).toEqual([
      'BTC/USD',
      'BTC/USD:USD-300329',
      'BTC/USDC:USDC',
      'BTC/USDT',
      'ETH/BTC',
      'ETH/USD',
      'ETH/USDC:USDC',
      'SOL/USD',
    ]);
  });

  it('costs exactly one request per call once markets are preloaded', async () => {
    await preloaded(register(cdpKey())).fetchBalance();
    expect(k.sim.stats('coinbase').requests).toBe(1);
    await keyInfo(preloaded(register(cdpKey())));
    expect(k.sim.stats('coinbase').requests).toBe(2);
    expect(k.sim.stats('coinbase').byRoute['GET /api/v3/brokerage/key_permissions']).toBe(1);
  });

  it('prices the spot products through fetchTickers for a USD estimate', async () => {
    const tickers = await preloaded(register(cdpKey())).fetchTickers();
    expect(tickers['BTC/USD']?.last).toBe(64050.12);
    expect(k.sim.stats('coinbase').requests).toBe(1);
  });

  it("verifies an Ed25519 key's EdDSA JWT", async () => {
    expect((await preloaded(register(ed25519Key())).fetchBalance()).total).toMatchObject({ BTC: 0.51 });
  });

  it("verifies a legacy key's HMAC signature", async () => {
    expect((await preloaded(register(legacyKey())).fetchBalance()).total).toMatchObject({ BTC: 0.51 });
  });

  it('tells a missing trade scope on cancel apart from an unknown order', async () => {
    const denied = await failure(preloaded(register(cdpKey({ spotTrade: false }))).cancelOrder(randomUUID(), 'BTC/USD'));
    expect(denied.constructor).toBe(ExchangeError);
    expect(classify(denied)).toBe('permission_missing');
    const unknown = await failure(preloaded(register(cdpKey())).cancelOrder(randomUUID(), 'BTC/USD'));
    expect(unknown.constructor).toBe(BadRequest);
  });
});

describe('coinbase key info through key_permissions', () => {
  const read = async (profile: Partial<KeyProfile>) => keyInfo(preloaded(register(cdpKey(profile))));

  it('shows a view+trade key that cannot move funds', async () => {
    expect(await read({})).toEqual({
      read: 'yes',
      spotTrade: 'yes',
      futuresTrade: 'unknown',
      withdraw: 'no',
      transfer: 'no',
      ipRestricted: 'unknown',
    });
  });

  it('shows a view-only key as unable to trade', async () => {
    expect(await read({ spotTrade: false })).toMatchObject({ read: 'yes', spotTrade: 'no' });
  });

  it('flags a key with the transfer scope as able to withdraw', async () => {
    expect(await read({ withdraw: true })).toMatchObject({ withdraw: 'yes', transfer: 'yes' });
  });

  it('cannot see an IP allowlist: coinbase does not report one', async () => {
    const info = await read({ ips: ['127.0.0.1', '203.0.113.9'] });
    expect(info.ipRestricted).toBe('unknown');
    expect(info.ipCount).toBeUndefined();
  });

  it('cannot see an expiry date: coinbase does not report one', async () => {
    expect((await read({ expiresAt: Date.UTC(2031, 5, 30) })).expiresAt).toBeUndefined();
  });

  it('leaves every field unknown when coinbase sends none of them', () => {
    expect(parseCoinbaseKeyInfo({})).toEqual({
      read: 'unknown',
      spotTrade: 'unknown',
      futuresTrade: 'unknown',
      withdraw: 'unknown',
      transfer: 'unknown',
      ipRestricted: 'unknown',
    });
  });
});

describe('coinbase under injected faults', () => {
  itRaisesOnEachFault(k, 'coinbase', () => preloaded(register(cdpKey())).fetchBalance(), [
    {
      name: 'raises RateLimitExceeded for rate_limit_exceeded on HTTP 429',
      fault: { rateLimit: { retryAfterSec: 2 } },
      error: RateLimitExceeded,
      verdict: 'rate_limited',
    },
    { name: 'raises ExchangeNotAvailable for a 502 from upstream', fault: { serverError: 502 }, error: ExchangeNotAvailable, verdict: null },
    { name: 'raises ExchangeNotAvailable while coinbase is down for maintenance', fault: { maintenance: true }, error: ExchangeNotAvailable },
    {
      name: 'raises ExchangeNotAvailable, read as wrong_region, when the edge blocks the country',
      fault: { restrictedLocation: true },
      error: ExchangeNotAvailable,
      verdict: 'wrong_region',
    },
    {
      name: 'turns a malformed key-info answer into BadResponse rather than permissions',
      fault: { malformedJson: true, scope: 'private' },
      error: BadResponse,
      call: () => keyInfo(preloaded(register(cdpKey()))),
    },
  ]);

  it('ccxt upgrade canary: lets a malformed wallet answer through ccxt as an empty balance holding the raw text', async () => {
    k.sim.setFault('coinbase', { malformedJson: true, scope: 'private' });
    const balance = await preloaded(register(cdpKey())).fetchBalance();
    expect(balance.total).toEqual({});
    expect(typeof balance.info).toBe('string');
  });

  it('ccxt upgrade canary: lets malformed market answers through ccxt as an exchange without markets', async () => {
    k.sim.setFault('coinbase', { malformedJson: true, scope: 'public' });
    expect(await fresh(register(cdpKey())).loadMarkets()).toEqual({});
  });

  it('shows the skewed clock through fetchTime', async () => {
    k.sim.setFault('coinbase', { clockSkewMs: 5_000 });
    const time = await fresh(cdpKey()).fetchTime();
    expect(Math.abs((time ?? 0) - (Date.now() + 5_000))).toBeLessThan(1_500);
  });

  it('survives a clock 5 s ahead with a CDP key, with or without loadTimeDifference', async () => {
    k.sim.setFault('coinbase', { clockSkewMs: 5_000 });
    const exchange = preloaded(register(cdpKey()));
    expect((await exchange.fetchBalance()).total).toMatchObject({ BTC: 0.51 });
    await exchange.loadTimeDifference();
    expect((await exchange.fetchBalance()).total).toMatchObject({ BTC: 0.51 });
  });

  it('survives a clock 5 s ahead with a legacy key after loadTimeDifference', async () => {
    k.sim.setFault('coinbase', { clockSkewMs: 5_000 });
    const exchange = preloaded(register(legacyKey()));
    await exchange.loadTimeDifference();
    expect(exchange.options['timeDifference']).toBeLessThanOrEqual(-4_000);
    expect((await exchange.fetchBalance()).total).toMatchObject({ BTC: 0.51 });
  });

  it('brings a legacy key back within the 30 s window through loadTimeDifference', async () => {
    k.sim.setFault('coinbase', { clockSkewMs: 45_000 });
    const exchange = preloaded(register(legacyKey()));
    expect(classify(await failure(exchange.fetchBalance()))).toBe('clock_skew');
    await exchange.loadTimeDifference();
    expect((await exchange.fetchBalance()).total).toMatchObject({ BTC: 0.51 });
  });

  it('stamps a CDP JWT from the local clock, so loadTimeDifference cannot rescue a clock far ahead of coinbase', async () => {
    k.sim.setFault('coinbase', { clockSkewMs: -45_000 });
    const exchange = preloaded(register(cdpKey()));
    await exchange.loadTimeDifference();
    expect(exchange.options['timeDifference']).toBeGreaterThanOrEqual(44_000);
    expect(classify(await failure(exchange.fetchBalance()))).toBe('bad_credentials');
  });
});
