import { describe, expect, it } from 'vitest';
import { closestExchanges, searchExchanges, type CatalogEntry } from '../../src/exchanges/catalog.js';

const majors = ['binance', 'bybit', 'okx', 'kucoin', 'bitget', 'coinbase', 'kraken', 'gate', 'hyperliquid'];
const ids = (entries: CatalogEntry[]): string[] => entries.map((e) => e.id);

describe('searching the catalog', () => {
  it('offers the majors first for an empty query, and never more than 25 choices', () => {
    expect(ids(searchExchanges('')).slice(0, majors.length)).toEqual(majors);
    expect(searchExchanges('')).toHaveLength(25);
    expect(searchExchanges('', 100)).toHaveLength(25);
    expect(searchExchanges('b', 100).length).toBeLessThanOrEqual(25);
    expect(searchExchanges('', 5)).toHaveLength(5);
  });

  it('prefers a prefix over a word and a word over a substring, and offers typos only when nothing matches as typed', () => {
    const coin = ids(searchExchanges('coin'));
    expect(coin[0]).toBe('coinbase');
    expect(coin.indexOf('coinmate')).toBeLessThan(coin.indexOf('kucoin'));
    const trade = ids(searchExchanges('trade'));
    expect(trade.indexOf('modetrade')).toBeGreaterThanOrEqual(0);
    expect(trade.indexOf('modetrade')).toBeLessThan(trade.indexOf('bittrade'));
    const bin = ids(searchExchanges('bin'));
    expect(bin[0]).toBe('binance');
    expect(bin.indexOf('binanceus')).toBeGreaterThan(0);
    expect(bin).not.toContain('indodax');
    expect(bin).not.toContain('bitget');
    expect(bin.length).toBeLessThanOrEqual(10);
    const ex = ids(searchExchanges('ex'));
    expect(ex[0]).toBe('extended');
    expect(ex).toContain('coinbaseexchange');
    expect(ids(searchExchanges('usdm'))).toEqual(['binanceusdm']);
    expect(searchExchanges('bianance')[0]?.id).toBe('binance');
  });

  it('understands the names people actually type', () => {
    expect(searchExchanges('gate.io')[0]?.id).toBe('gate');
    expect(searchExchanges('huobi')[0]?.id).toBe('htx');
    expect(searchExchanges('Crypto.com')[0]?.id).toBe('cryptocom');
    expect(searchExchanges('okex')[0]?.id).toBe('okx');
    expect(searchExchanges('binance us')[0]?.id).toBe('binanceus');
    expect(searchExchanges('KuCoin Fut')[0]?.id).toBe('kucoinfutures');
  });

  it('returns nothing for a query that resembles no exchange', () => {
    expect(searchExchanges('zzzqqqxx')).toEqual([]);
  });

  it('suggests the nearest names for a typo, closest first, and nothing for gibberish', () => {
    expect(closestExchanges('kukoin')[0]?.id).toBe('kucoin');
    expect(closestExchanges('binanse')[0]?.id).toBe('binance');
    expect(closestExchanges('krakn')[0]?.id).toBe('kraken');
    expect(closestExchanges('binanceusa')[0]?.id).toBe('binanceus');
    expect(closestExchanges('coinbasepro')[0]?.id).toBe('coinbase');
    expect(closestExchanges('kucoinspot')[0]?.id).toBe('kucoin');
    expect(closestExchanges('bybt', 1)).toHaveLength(1);
    expect(closestExchanges('qwertyuiop')).toEqual([]);
    expect(closestExchanges('')).toEqual([]);
  });
});
