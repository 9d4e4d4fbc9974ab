import type { Exchange } from 'ccxt';
import type { Clock } from '../clock.js';
import { TtlCache } from './ttl-cache.js';

const MARKETS_TTL_MS = 60 * 60_000;
const PRICES_TTL_MS = 60_000;
const STABLE = new Set(['USD', 'USDT', 'USDC', 'FDUSD', 'TUSD', 'DAI', 'BUSD', 'USDP', 'PYUSD', 'USDE']);
const QUOTES = ['USDT', 'USD', 'USDC', 'FDUSD'];

/** USD value of one unit of each asset, as far as the exchange's tickers tell. */
export type UsdPrices = ReadonlyMap<string, number>;

/**
 * Public data shared by every user of one exchange: markets (loaded once per process, single-flight,
 * refreshed hourly) and USD prices from one tickers call (refreshed every minute). With these shared,
 * a balance after warm-up costs a single signed request.
 */
export class MarketData {
  private readonly markets: TtlCache<Exchange>;
  /** null: the tickers call failed, remembered for the same minute so each balance does not ask again */
  private readonly prices: TtlCache<UsdPrices | null>;

  constructor(
    clock: Clock,
    private readonly newPublicClient: (id: string) => Exchange,
  ) {
    this.markets = new TtlCache(MARKETS_TTL_MS, clock);
    this.prices = new TtlCache(PRICES_TTL_MS, clock);
  }

  /** A credential-free instance with markets loaded, to share with fresh instances. */
  marketSource(id: string): Promise<Exchange> {
    return this.markets.get(id, async () => {
      const exchange = this.newPublicClient(id);
      await exchange.loadMarkets();
      return exchange;
    });
  }

  /** USD prices when the exchange has a tickers call; undefined when it cannot tell. */
  async usdPrices(id: string): Promise<UsdPrices | undefined> {
    const source = await this.marketSource(id);
    if (!source.has.fetchTickers) return undefined;
    const prices = await this.prices.get(id, async () => {
      try {
        return pricesFromTickers(await source.fetchTickers());
      } catch {
        return null;
      }
    });
    return prices ?? undefined;
  }

  cachedPrices(id: string): UsdPrices | undefined {
    return this.prices.peek(id) ?? undefined;
  }
}

/** Direct USD(T) quotes first, then via BTC. */
function pricesFromTickers(tickers: Record<string, { last?: number | undefined; close?: number | undefined } | undefined>): UsdPrices {
  const last = (symbol: string): number | undefined => {
    const t = tickers[symbol];
    const price = t?.last ?? t?.close;
    return typeof price === 'number' && price > 0 ? price : undefined;
  };
  const prices = new Map<string, number>();
  for (const code of STABLE) prices.set(code, 1);
  const btc = QUOTES.map((q) => last(`BTC/${q}`)).find((p) => p !== undefined);
  for (const symbol of Object.keys(tickers)) {
    const [base, quoteWithSettle] = symbol.split('/');
    const quote = quoteWithSettle?.split(':')[0];
    if (!base || !quote || prices.has(base) || symbol.includes(':')) continue;
    const price = last(symbol);
    if (price === undefined) continue;
    if (QUOTES.includes(quote)) prices.set(base, price);
  }
  if (btc !== undefined) {
    for (const symbol of Object.keys(tickers)) {
      const [base, quote] = symbol.split('/');
      const price = last(symbol);
      if (base && quote === 'BTC' && !prices.has(base) && price !== undefined) prices.set(base, price * btc);
    }
  }
  return prices;
}
