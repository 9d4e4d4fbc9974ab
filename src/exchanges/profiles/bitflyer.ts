import { BadResponse, type Exchange } from '../ccxt-errors.js';
import { callExchangeMethod } from '../ccxt-internals.js';
import type { KeyPermissions, Tri, VerdictKind } from '../types.js';
import { unknownPermissions } from '../types.js';
import type { ExchangeProfile } from './types.js';

/**
 * ccxt maps only bitFlyer's status -2 (maintenance); every other refusal is a plain ExchangeError
 * carrying the body, and -500 covers both a bad signature and a missing permission: the text decides.
 */
const TEXTS: Array<[RegExp, VerdictKind]> = [
  [/"error_message"\s*:\s*"Invalid signature"/i, 'bad_credentials'],
  [/"error_message"\s*:\s*"Permission denied"/i, 'permission_missing'],
  [/"error_message"\s*:\s*"Over API limit/i, 'rate_limited'],
];

/** Every private path bitFlyer's page or ccxt's bitflyer.js lists; any other one could move money. */
const KNOWN = new Set(
  [
    'getpermissions',
    'getbalance',
    'getbalancehistory',
    'getcollateral',
    'getcollateralhistory',
    'getcollateralaccounts',
    'getaddresses',
    'getcoinins',
    'getcoinouts',
    'getbankaccounts',
    'getdeposits',
    'getwithdrawals',
    'getchildorders',
    'getparentorders',
    'getparentorder',
    'getexecutions',
    'getpositions',
    'gettradingcommission',
    'sendcoin',
    'withdraw',
    'sendchildorder',
    'cancelchildorder',
    'sendparentorder',
    'cancelparentorder',
    'cancelallchildorders',
  ].map((name) => `/v1/me/${name}`),
);

/** Orders are placed as child orders or as special (parent) orders. */
const TRADE = ['/v1/me/sendchildorder', '/v1/me/sendparentorder'];
/** Cash goes out to a bank account (withdraw), crypto to an address (sendcoin). */
const WITHDRAW = ['/v1/me/withdraw', '/v1/me/sendcoin'];

/**
 * Reads bitFlyer's permission list: the HTTP Private API paths the key may call, and nothing else.
 * A path that is absent is a "no"; withdrawal stays open when the list holds a path nobody documents.
 * The list says nothing about IP addresses or expiry.
 */
export function parseBitflyerPermissions(raw: unknown): KeyPermissions {
  const out = unknownPermissions();
  if (!Array.isArray(raw)) return out;
  const paths = new Set(raw.filter((p): p is string => typeof p === 'string').map((p) => p.trim().toLowerCase()));
  if (paths.size === 0) return out;
  const any = (list: string[]): Tri => (list.some((p) => paths.has(p)) ? 'yes' : 'no');
  out.read = any(['/v1/me/getbalance']);
  out.spotTrade = any(TRADE);
  // Crypto CFD (FX_BTC_JPY) is ordered through the same order calls as spot
  out.futuresTrade = out.spotTrade;
  out.withdraw = any(WITHDRAW);
  // a path nobody documents, or an entry that is not a path at all, may be a way to move funds out
  const unreadable = raw.some((p) => typeof p !== 'string');
  if (out.withdraw === 'no' && (unreadable || ![...paths].every((p) => KNOWN.has(p)))) out.withdraw = 'unknown';
  return out;
}

/** bitFlyer: one signed permissions call proves the key and lists every path it may call. */
export const bitflyerProfile: ExchangeProfile = {
  id: 'bitflyer',
  sources: [
    'https://lightning.bitflyer.com/docs?lang=en ("Get API Key Permissions", GET /v1/me/getpermissions: the HTTP Private API paths the key may use; Crypto CFD keeps the Lightning FX API and its FX_BTC_JPY product code)',
    'github after-the-sunrise/bitflyer4j src/test/resources/json/PERMISSION.json @53a3a9a2 (the documented example list) and REJECT.json @a16bd7d9 ({"status":-500,"error_message":"Permission denied"})',
    'github uraitakahito/crypto-api-client src/crypto_api_client/bitflyer/bitflyer_response_validator.py @8e9427f6 ({"status":-500,"error_message":"Invalid signature"})',
    'npm ccxt@4.5.84 js/src/bitflyer.js (privateGetGetpermissions, private paths, hex HMAC-SHA256 of timestamp + method + /v1/me/path + body, exceptions.exact -2 only)',
    'https://ryota-trade.com/?cat=4&paged=2 (a tutorial: Lightning menu → API → add a new API key, then tick what the key may do, withdrawal (出金) among the items)',
  ],
  createKeyPath: 'bitFlyer Lightning → Menu → API → Add a new API key',
  notes: [
    'bitFlyer lists every API call a key may make: Keyward reads that list to see whether the key may place orders or withdraw (a call bitFlyer does not document leaves withdrawal open).',
    'bitFlyer does not report the IP addresses a key is bound to, nor an expiry.',
    'bitFlyer refuses a wrong secret with "Invalid signature" and does not say whether the key or the secret is wrong.',
  ],
  advice: {
    withdraw_enabled: 'On bitFlyer, make a key with the withdrawal (出金) item unticked.',
    permission_missing: 'On bitFlyer, a key may only make the calls it was granted: grant it the balance call (and the order calls if it should trade).',
  },
  readKeyInfo: async (exchange: Exchange) => {
    const raw = await callExchangeMethod(exchange, 'privateGetGetpermissions');
    // ccxt hands back the raw text when the body is not JSON; that is no proof the key works
    if (!Array.isArray(raw)) throw new BadResponse('bitflyer answered the permissions call with a body that is not a list');
    return parseBitflyerPermissions(raw);
  },
  classifyError: (err) => {
    const message = err instanceof Error ? err.message : String(err);
    return TEXTS.find(([text]) => text.test(message))?.[1];
  },
};
