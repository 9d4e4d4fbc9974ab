import type { Exchange } from 'ccxt';
import { describe, expect, it } from 'vitest';
import { MarketData } from '../../src/exchanges/market-data.js';

/** A keyless exchange whose tickers call fails `failures` times, then answers; it counts the calls. */
function publicExchange(failures: number) {
  const calls = { tickers: 0 };
  const exchange = {
    has: { fetchTickers: true },
    loadMarkets: async () => ({}),
    fetchTickers: async () => {
      calls.tickers += 1;
      if (calls.tickers <= failures) throw new Error('tickers unavailable');
      return { 'BTC/USDT': { last: 50_000 } };
    },
  } as unknown as Exchange;
  return { exchange, calls };
}

describe('USD prices for balances', () => {
  it('a tickers call that fails is not asked again by every balance within the minute, and is asked again after it', async () => {
    let now = 0;
    const { exchange, calls } = publicExchange(1);
    const data = new MarketData({ now: () => now }, () => exchange);
    expect(await data.usdPrices('htx')).toBeUndefined();
    expect(await data.usdPrices('htx')).toBeUndefined();
    expect(calls.tickers).toBe(1);
    now += 61_000;
    expect((await data.usdPrices('htx'))?.get('BTC')).toBe(50_000);
    expect(calls.tickers).toBe(2);
  });

  it('prices that loaded are shared for a minute', async () => {
    let now = 0;
    const { exchange, calls } = publicExchange(0);
    const data = new MarketData({ now: () => now }, () => exchange);
    await data.usdPrices('okx');
    now += 30_000;
    expect(data.cachedPrices('okx')?.get('BTC')).toBe(50_000);
    await data.usdPrices('okx');
    expect(calls.tickers).toBe(1);
  });
});
