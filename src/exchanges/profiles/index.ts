import { fieldWording, keyShapes, pemFields } from '../catalog-fields.js';
import { createKeyPaths, displayNames, exchangeNotes, searchAliases } from '../catalog-notes.js';
import { binanceProfile } from './binance.js';
import { bingxProfile } from './bingx.js';
import { bitfinexProfile } from './bitfinex.js';
import { bitflyerProfile } from './bitflyer.js';
import { bitgetProfile } from './bitget.js';
import { blofinProfile } from './blofin.js';
import { bybitProfile } from './bybit.js';
import { coinbaseProfile } from './coinbase.js';
import { cryptocomProfile } from './cryptocom.js';
import { deribitProfile } from './deribit.js';
import { gateProfile } from './gate.js';
import { geminiProfile } from './gemini.js';
import { htxProfile } from './htx.js';
import { hyperliquidProfile } from './hyperliquid.js';
import { krakenProfile } from './kraken.js';
import { krakenfuturesProfile } from './krakenfutures.js';
import { kucoinProfile } from './kucoin.js';
import { lbankProfile } from './lbank.js';
import { mexcProfile } from './mexc.js';
import { okxProfile } from './okx.js';
import { binancecoinmProfile, binanceusdmProfile, kucoinfuturesProfile } from './siblings.js';
import { upbitProfile } from './upbit.js';
import { wooProfile } from './woo.js';
import type { ExchangeProfile, ExpiryRule } from './types.js';

/** Exchanges with a profile of their own. Adding one means adding its file here (and its fixtures under test/). */
export const profiles: ReadonlyMap<string, ExchangeProfile> = new Map(
  [
    binanceProfile,
    bingxProfile,
    bitfinexProfile,
    bitgetProfile,
    bybitProfile,
    coinbaseProfile,
    cryptocomProfile,
    deribitProfile,
    gateProfile,
    geminiProfile,
    htxProfile,
    hyperliquidProfile,
    krakenProfile,
    krakenfuturesProfile,
    kucoinProfile,
    mexcProfile,
    okxProfile,
    upbitProfile,
    wooProfile,
    blofinProfile,
    bitflyerProfile,
    lbankProfile,
    // products of a covered exchange signed with the same key (see siblings.ts)
    binanceusdmProfile,
    binancecoinmProfile,
    kucoinfuturesProfile,
  ].map((p) => [p.id, p]),
);

/** The exchange's own expiry or deletion rule, where a source states one. */
export function expiryRuleOf(id: string): ExpiryRule | undefined {
  return profiles.get(id)?.expiryRule;
}

const generic = new Map<string, ExchangeProfile>();

/**
 * The profile of any ccxt exchange: its own where it has one, else the generic one — a balance call
 * proves the key and ccxt's error class decides — carrying the few hand-written catalog facts kept
 * for exchanges without a profile (regional twins, wallet venues).
 */
export function profileFor(id: string): ExchangeProfile {
  const own = profiles.get(id);
  if (own) return own;
  let profile = generic.get(id);
  if (!profile) {
    profile = {
      id,
      displayName: displayNames[id],
      searchAliases: searchAliases[id],
      fieldWording: fieldWording[id],
      pemFields: pemFields[id],
      keyShapes: keyShapes[id],
      createKeyPath: createKeyPaths[id],
      notes: exchangeNotes[id],
    };
    generic.set(id, profile);
  }
  return profile;
}
