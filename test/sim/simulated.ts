/**
 * Every exchange the loopback simulator answers for, one module each under exchanges/. Tests that
 * go through all of them read this list (describe.each needs it before the simulator starts);
 * sources.test.ts checks it against the modules the simulator actually loads.
 */
export const SIMULATED_EXCHANGES = [
  'binance',
  'bybit',
  'okx',
  'kucoin',
  'bitget',
  'gate',
  'kraken',
  'coinbase',
  'mexc',
  'woo',
  'deribit',
  'upbit',
  'gemini',
  'bitfinex',
  'htx',
  'bingx',
  'hyperliquid',
  'blofin',
  'bitflyer',
  'lbank',
  // siblings checked with their parent's key-info call
  'binanceusdm',
  'binancecoinm',
  'kucoinfutures',
];
