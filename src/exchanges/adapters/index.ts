import { binanceAdapter } from './binance.js';
import { bingxAdapter } from './bingx.js';
import { bitgetAdapter } from './bitget.js';
import { bybitAdapter } from './bybit.js';
import { coinbaseAdapter } from './coinbase.js';
import { cryptocomAdapter } from './cryptocom.js';
import { gateAdapter } from './gate.js';
import { htxAdapter } from './htx.js';
import { krakenAdapter } from './kraken.js';
import { kucoinAdapter } from './kucoin.js';
import { mexcAdapter } from './mexc.js';
import { okxAdapter } from './okx.js';
import type { ExchangeAdapter } from './types.js';

/** Exchanges Keyward knows beyond ccxt's unified API; the rest use the balance-call fallback. */
export const adapters: ReadonlyMap<string, ExchangeAdapter> = new Map(
  [
    binanceAdapter, bingxAdapter, bitgetAdapter, bybitAdapter, coinbaseAdapter, cryptocomAdapter, gateAdapter, htxAdapter, krakenAdapter,
    kucoinAdapter, mexcAdapter, okxAdapter,
  ].map((a) => [a.id, a]),
);
