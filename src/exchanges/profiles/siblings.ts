import type { Exchange } from '../ccxt-errors.js';
import { createKeyPaths, displayNames, exchangeNotes, searchAliases } from '../catalog-notes.js';
import { binanceProfile } from './binance.js';
import { kucoinProfile, readKucoinKeyInfo } from './kucoin.js';
import type { ExchangeProfile } from './types.js';

/**
 * ccxt classes that are another product of a covered exchange, signed with the same key: each reuses
 * its parent's key-info call, error codes, advice and sources, and keeps its own generic catalog facts
 * (name, aliases, notes). Futures trading is what a key needs on them.
 *
 * Left out on purpose — regional twins with their own accounts and keys, so the parent's key does not
 * work there and no source says their key-info call answers for it: binanceus, myokx, okxus, bybiteu,
 * gateeu (each one's catalog note says keys made on the global site do not work there) and bybitid
 * (ccxt 4.5.84 js/src/bybitid.js: "its own listings and accounts"). ccxt subclasses them all from the
 * parent, which is why ccxt alone is no proof of a shared key.
 */
function sibling(id: string, parent: ExchangeProfile, own: Partial<ExchangeProfile>): ExchangeProfile {
  return {
    id,
    displayName: displayNames[id],
    searchAliases: searchAliases[id],
    createKeyPath: createKeyPaths[id] ?? parent.createKeyPath,
    notes: exchangeNotes[id],
    advice: parent.advice,
    classifyError: parent.classifyError,
    readKeyInfo: parent.readKeyInfo,
    tradesOnly: 'futures',
    ...own,
  };
}

/** The Binance spot and margin lapse concerns a permission these venues never use, so its date is dropped here. */
async function readBinanceFuturesKeyInfo(exchange: Exchange) {
  const { tradingExpiresAt: _spotAndMarginOnly, ...permissions } = await binanceProfile.readKeyInfo!(exchange);
  return permissions;
}

const binanceFutures = (id: string): ExchangeProfile =>
  sibling(id, binanceProfile, {
    // a self-generated (Ed25519 or RSA) Binance key may be pasted here too: ccxt signs every Binance API family alike
    fieldWording: binanceProfile.fieldWording,
    pemFields: binanceProfile.pemFields,
    readKeyInfo: readBinanceFuturesKeyInfo,
    sources: [
      ...(binanceProfile.sources ?? []),
      `ccxt 4.5.84 js/src/${id}.js: class ${id} extends binance (urls.api.sapi stays https://api.binance.com/sapi/v1, so sapiGetAccountApiRestrictions is inherited)`,
      'https://developers.binance.com/docs/wallet/account/api-key-permission (enableFutures, the one futures flag of the key: "The Futures API cannot be used if the API key was created before the Futures account was opened")',
      'https://www.binance.com/en-IN/support/announcement/cda0a4b53da04396b5d27881e93abf78 (the lapse on keys without a whitelisted IP names "Enable Spot & Margin Trading" only, not futures)',
      'github binance/binance-futures-connector-java src/test/java/examples/signature/Ed25519.java and Rsa.java (5395c5605af212252e97bab62df2a5c556cb404e): COIN-M account information signed with an Ed25519 or RSA key',
      `ccxt 4.5.84 js/src/binance.js sign(): HMAC, RSA and Ed25519 secrets sign sapi, fapi and dapi requests alike`,
    ],
  });

/** Binance USDⓈ-M futures: the Binance key, read by Binance's own key-info call. */
export const binanceusdmProfile = binanceFutures('binanceusdm');

/** Binance COIN-M futures: the Binance key, read by Binance's own key-info call. */
export const binancecoinmProfile = binanceFutures('binancecoinm');

/** KuCoin futures: a KuCoin key with the Futures permission, read by KuCoin's API-key call on the spot host. */
export const kucoinfuturesProfile = sibling('kucoinfutures', kucoinProfile, {
  keyShapes: kucoinProfile.keyShapes,
  // the spot HF-account lookup is no concern of a futures balance, so only the key call is made
  readKeyInfo: readKucoinKeyInfo,
  // fetchBalance asks whether the account is unified before reading the futures account; hf is spot only
  accountModeOptions: ['uta'],
  sources: [
    ...(kucoinProfile.sources ?? []),
    `ccxt 4.5.84 js/src/kucoinfutures.js: class kucoinfutures extends kucoin (urls.api.private stays https://api.kucoin.com, so privateGetUserApiKey is inherited; the balance is futuresPrivateGetAccountOverview)`,
    'https://www.kucoin.com/docs-new/api-3470130 and github Kucoin/kucoin-universal-sdk spec/rest/api/openapi-account-account.json (permission: "General, Spot, Margin, Futures, InnerTransfer, Transfer, Earn" on one key)',
    'https://docs.ccxt.com/docs/comparisons/ccxt-vs-kucoinfutures-api ("Same account as KuCoin spot", a different API host)',
  ],
});
