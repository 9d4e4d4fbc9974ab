/**
 * kraken's answers on loopback, shaped as kraken's REST API sends them: X/Z-prefixed asset ids,
 * pairs keyed by id with an altname and wsname, numbers as strings, times as unix seconds.
 */
import type { ResolvedKey } from '../types.js';

/** What kraken calls each asset it lists, and how it describes it. */
const ASSETS: Record<string, { altname: string; decimals: number; display_decimals: number; collateral_value?: number }> = {
  XXBT: { altname: 'XBT', decimals: 10, display_decimals: 5, collateral_value: 1 },
  XETH: { altname: 'ETH', decimals: 10, display_decimals: 5, collateral_value: 1 },
  SOL: { altname: 'SOL', decimals: 10, display_decimals: 5, collateral_value: 0.85 },
  USDT: { altname: 'USDT', decimals: 8, display_decimals: 4, collateral_value: 1 },
  ZUSD: { altname: 'USD', decimals: 4, display_decimals: 2, collateral_value: 1 },
  ZEUR: { altname: 'EUR', decimals: 4, display_decimals: 2, collateral_value: 1 },
};

/** Unified code → kraken asset id, for the balances a key profile names by unified code. */
const ASSET_ID_BY_CODE: Record<string, string> = { BTC: 'XXBT', ETH: 'XETH', USD: 'ZUSD', EUR: 'ZEUR' };

interface Pair {
  base: string;
  quote: string;
  altname: string;
  wsname: string;
  pairDecimals: number;
  lotDecimals: number;
  ordermin: string;
  price: number;
}

const PAIRS: Record<string, Pair> = {
  XXBTZUSD: { base: 'XXBT', quote: 'ZUSD', altname: 'XBTUSD', wsname: 'XBT/USD', pairDecimals: 1, lotDecimals: 8, ordermin: '0.00005', price: 64012.4 },
  XETHZUSD: { base: 'XETH', quote: 'ZUSD', altname: 'ETHUSD', wsname: 'ETH/USD', pairDecimals: 2, lotDecimals: 8, ordermin: '0.002', price: 3101.37 },
  SOLUSD: { base: 'SOL', quote: 'ZUSD', altname: 'SOLUSD', wsname: 'SOL/USD', pairDecimals: 2, lotDecimals: 8, ordermin: '0.02', price: 145.21 },
  XBTUSDT: { base: 'XXBT', quote: 'USDT', altname: 'XBTUSDT', wsname: 'XBT/USDT', pairDecimals: 1, lotDecimals: 8, ordermin: '0.00005', price: 64020.1 },
  ETHUSDT: { base: 'XETH', quote: 'USDT', altname: 'ETHUSDT', wsname: 'ETH/USDT', pairDecimals: 2, lotDecimals: 8, ordermin: '0.002', price: 3102.05 },
  XETHXXBT: { base: 'XETH', quote: 'XXBT', altname: 'ETHXBT', wsname: 'ETH/XBT', pairDecimals: 5, lotDecimals: 8, ordermin: '0.002', price: 0.04845 },
};

const TAKER = [
  [0, 0.4],
  [10000, 0.35],
  [50000, 0.24],
  [100000, 0.22],
  [250000, 0.2],
];
const MAKER = [
  [0, 0.25],
  [10000, 0.2],
  [50000, 0.14],
  [100000, 0.12],
  [250000, 0.1],
];

/** kraken's answer envelope: an empty error list and the result. */
const ok = (result: unknown): { error: string[]; result: unknown } => ({ error: [], result });

/** Time: kraken's clock in whole seconds, which is all the resolution fetchTime gets. */
export const serverTime = (now: number) => {
  const unixtime = Math.floor(now / 1000);
  return ok({ unixtime, rfc1123: new Date(unixtime * 1000).toUTCString().replace('GMT', '+0000') });
};

/** SystemStatus: always online; maintenance is a fault the core injects. */
export const systemStatus = (now: number) => ok({ status: 'online', timestamp: new Date(now).toISOString().replace(/\.\d+Z$/, 'Z') });

/** Assets: what fetchCurrencies reads, including the decimals fetchMarkets checks pairs against. */
export const assets = () => ok(Object.fromEntries(Object.entries(ASSETS).map(([id, a]) => [id, { aclass: 'currency', ...a, status: 'enabled' }])));

/** AssetPairs: the spot markets, with the fee tiers and limits ccxt copies into each market. */
export const assetPairs = () =>
  ok(
    Object.fromEntries(
      Object.entries(PAIRS).map(([id, p]) => [
        id,
        {
          altname: p.altname,
          wsname: p.wsname,
          aclass_base: 'currency',
          base: p.base,
          aclass_quote: 'currency',
          quote: p.quote,
          lot: 'unit',
          cost_decimals: 5,
          pair_decimals: p.pairDecimals,
          lot_decimals: p.lotDecimals,
          lot_multiplier: 1,
          leverage_buy: [2, 3],
          leverage_sell: [2, 3],
          fees: TAKER,
          fees_maker: MAKER,
          fee_volume_currency: 'ZUSD',
          margin_call: 80,
          margin_stop: 40,
          ordermin: p.ordermin,
          costmin: '0.5',
          tick_size: (10 ** -p.pairDecimals).toFixed(p.pairDecimals),
          status: 'online',
        },
      ]),
    ),
  );

const fixed = (n: number, digits: number): string => n.toFixed(digits);

/** Ticker for the named pairs (comma-separated ids or altnames), or for every pair. */
export function tickers(pairList: string | null) {
  const wanted = pairList ? new Set(pairList.split(',')) : undefined;
  const out: Record<string, unknown> = {};
  for (const [id, p] of Object.entries(PAIRS)) {
    if (wanted && !wanted.has(id) && !wanted.has(p.altname)) continue;
    const d = p.pairDecimals;
    out[id] = {
      a: [fixed(p.price * 1.0001, d), '1', '1.000'],
      b: [fixed(p.price * 0.9999, d), '2', '2.000'],
      c: [fixed(p.price, d), '0.01500000'],
      v: ['812.40110000', '2150.88273000'],
      p: [fixed(p.price * 0.998, d), fixed(p.price * 0.997, d)],
      t: [10452, 26871],
      l: [fixed(p.price * 0.97, d), fixed(p.price * 0.96, d)],
      h: [fixed(p.price * 1.02, d), fixed(p.price * 1.03, d)],
      o: fixed(p.price * 0.99, d),
    };
  }
  return ok(out);
}

/** BalanceEx: per kraken asset id, the total and the part held by open orders. */
export function balanceEx(key: ResolvedKey) {
  const out: Record<string, { balance: string; hold_trade: string }> = {};
  for (const [code, b] of Object.entries(key.balances)) {
    out[ASSET_ID_BY_CODE[code] ?? code] = { balance: fixed(b.free + b.used, 10), hold_trade: fixed(b.used, 10) };
  }
  return ok(out);
}

/** The permission names kraken lists for a key, derived from the profile. */
function permissionNames(key: ResolvedKey): string[] {
  const names: string[] = [];
  if (key.read) names.push('query-funds', 'query-open-trades', 'query-closed-trades', 'query-ledger-entries');
  if (key.spotTrade) names.push('modify-trades', 'cancel-trades', 'access-websockets');
  if (key.withdraw) names.push('deposit-funds', 'withdraw-funds');
  return names;
}

/** GetApiKeyInfo: name, permissions, allowlist, nonce settings and key times (unix seconds, 0 = none). */
export function apiKeyInfo(key: ResolvedKey, lastNonce: string, now: number) {
  const seconds = (ms: number): number => Math.floor(ms / 1000);
  return ok({
    apiKeyName: 'keyward-check',
    apiKey: key.apiKey,
    nonce: lastNonce,
    nonceWindow: 0,
    permissions: permissionNames(key),
    ipAllowlist: [...key.ips],
    queryFrom: 0,
    queryTo: 0,
    validUntil: key.expiresAt === undefined ? '0' : String(seconds(key.expiresAt)),
    createdTime: String(seconds(key.createdAt)),
    modifiedTime: String(seconds(key.createdAt)),
    lastUsed: seconds(now),
  });
}
