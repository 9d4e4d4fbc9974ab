import { describe, expect, it } from 'vitest';
import { BadResponse, DDoSProtection, ExchangeNotAvailable, OrderNotFound, PermissionDenied } from 'ccxt';
import { parseKrakenKeyInfo } from '../../src/exchanges/profiles/kraken.js';
import { itRaisesOnEachFault } from './fault-table.js';
import { useSimExchange } from './fixture.js';
import { realisticKey } from './keys.js';
import type { KeyProfile } from './types.js';

const k = useSimExchange('kraken');
const { register, fresh, preloaded, keyInfo, failure, classify } = k;

describe('ccxt upgrade canary: kraken balance through plain ccxt', () => {
  it('answers a fresh fetchBalance with the profile balances in three requests', async () => {
    const key = register({ balances: { BTC: { free: 0.5, used: 0.01 }, USD: { free: 1200, used: 0 }, SOL: { free: 3, used: 1 } } });
    const balance = await fresh(key).fetchBalance();
    expect(balance.total).toMatchObject({ BTC: 0.51, USD: 1200, SOL: 4 });
    expect(balance.used).toMatchObject({ BTC: 0.01, SOL: 1 });
    const stats = k.sim.stats('kraken');
    expect(stats.requests).toBe(3);
    expect(stats.byRoute).toEqual({ 'GET /0/public/Assets': 1, 'GET /0/public/AssetPairs': 1, 'POST /0/private/BalanceEx': 1 });
  });

  it('loads six spot markets named the unified way', () => {
    expect(Object.keys(k.markets).sort()).toEqual(['BTC/USD', 'BTC/USDT', 'ETH/BTC', 'ETH/USD', 'ETH/USDT', 'SOL/USD']);
  });

  it('costs exactly one request per call once markets are preloaded', async () => {
    await preloaded(register()).fetchBalance();
    expect(k.sim.stats('kraken').requests).toBe(1);
    await keyInfo(preloaded(register()));
    expect(k.sim.stats('kraken').requests).toBe(2);
    expect(k.sim.stats('kraken').byRoute['POST /0/private/GetApiKeyInfo']).toBe(1);
  });

  it('prices every pair through fetchTickers for a USD estimate', async () => {
    const tickers = await preloaded(register()).fetchTickers();
    expect(tickers['BTC/USD']?.last).toBe(64012.4);
    expect(Object.keys(tickers)).toHaveLength(6);
  });

  it('reports a missing trade permission on cancel apart from an unknown order', async () => {
    const reader = register({ spotTrade: false });
    const denied = await failure(preloaded(reader).cancelOrder('OQCLML-BW3P3-BUCMWZ', 'BTC/USD'));
    expect(denied.constructor).toBe(PermissionDenied);
    expect(classify(denied)).toBe('permission_missing');
    const notFound = await failure(preloaded(register()).cancelOrder('OQCLML-BW3P3-BUCMWZ', 'BTC/USD'));
    expect(notFound.constructor).toBe(OrderNotFound);
  });
});

describe('kraken key info through GetApiKeyInfo', () => {
  const read = async (profile: Partial<KeyProfile>) => keyInfo(preloaded(register(profile)));

  it('shows a read+trade key without withdrawal or IP binding', async () => {
    const createdAt = Date.UTC(2025, 0, 15, 10, 30, 0);
    expect(await read({ createdAt })).toEqual({
      read: 'yes',
      spotTrade: 'yes',
      futuresTrade: 'unknown',
      withdraw: 'no',
      transfer: 'unknown',
      ipRestricted: 'no',
      ipCount: 0,
      createdAt,
    });
  });

  it('shows a read-only key as unable to trade', async () => {
    expect(await read({ spotTrade: false })).toMatchObject({ read: 'yes', spotTrade: 'no', withdraw: 'no' });
  });

  it('flags a key allowed to withdraw', async () => {
    expect(await read({ withdraw: true })).toMatchObject({ withdraw: 'yes' });
  });

  it('counts the addresses of an IP-bound key', async () => {
    expect(await read({ ips: ['127.0.0.1', '203.0.113.9'] })).toMatchObject({ ipRestricted: 'yes', ipCount: 2 });
  });

  it('reports the expiry date of an expiring key to the second', async () => {
    const expiresAt = Date.UTC(2031, 5, 30, 12, 0, 0);
    expect((await read({ expiresAt })).expiresAt).toBe(expiresAt);
  });

  it('still answers for a key without query-funds, saying it cannot read balances', async () => {
    expect(await read({ read: false })).toMatchObject({ read: 'no', spotTrade: 'yes' });
  });

  it('leaves every field unknown when kraken sends none of them', () => {
    expect(parseKrakenKeyInfo({ error: [], result: {} })).toEqual({
      read: 'unknown',
      spotTrade: 'unknown',
      futuresTrade: 'unknown',
      withdraw: 'unknown',
      transfer: 'unknown',
      ipRestricted: 'unknown',
    });
  });
});

describe('kraken under injected faults', () => {
  itRaisesOnEachFault(k, 'kraken', () => preloaded(register()).fetchBalance(), [
    {
      name: 'raises DDoSProtection for "EAPI:Rate limit exceeded" on HTTP 429',
      fault: { rateLimit: { retryAfterSec: 3 } },
      error: DDoSProtection,
      verdict: 'rate_limited',
    },
    { name: 'raises ExchangeNotAvailable for a 502 from upstream', fault: { serverError: 502 }, error: ExchangeNotAvailable, verdict: null },
    {
      name: 'raises ExchangeNotAvailable for "EService:Unavailable", read as maintenance',
      fault: { maintenance: true },
      error: ExchangeNotAvailable,
      verdict: 'maintenance',
    },
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
      call: () => keyInfo(preloaded(register())),
    },
  ]);

  it('ccxt upgrade canary: lets a malformed balance answer through ccxt as an empty wallet holding the raw text', async () => {
    k.sim.setFault('kraken', { malformedJson: true, scope: 'private' });
    const balance = await preloaded(register()).fetchBalance();
    expect(balance.total).toEqual({});
    expect(typeof balance.info).toBe('string');
  });

  it('ccxt upgrade canary: lets malformed market answers through ccxt as an exchange without markets', async () => {
    k.sim.setFault('kraken', { malformedJson: true, scope: 'public' });
    expect(await fresh(register()).loadMarkets()).toEqual({});
  });

  it('shows the skewed clock through fetchTime', async () => {
    k.sim.setFault('kraken', { clockSkewMs: 5_000 });
    const time = await fresh(realisticKey('kraken')).fetchTime();
    expect(Math.abs((time ?? 0) - (Date.now() + 5_000))).toBeLessThan(1_500);
  });

  it("survives a clock 5 s ahead, and loadTimeDifference moves the nonce onto kraken's clock", async () => {
    k.sim.setFault('kraken', { clockSkewMs: 5_000 });
    const exchange = preloaded(register());
    await exchange.loadTimeDifference();
    expect(exchange.options['timeDifference']).toBeGreaterThan(-6_000);
    expect(exchange.options['timeDifference']).toBeLessThanOrEqual(-4_000);
    expect((await exchange.fetchBalance()).total).toMatchObject({ BTC: 0.51 });
  });
});
