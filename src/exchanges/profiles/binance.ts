import { BadResponse, type Exchange } from '../ccxt-errors.js';
import { callExchangeMethod } from '../ccxt-internals.js';
import { exchangeErrorDetail } from '../error-code.js';
import { keyPairSecret } from '../catalog-fields.js';
import type { KeyPermissions, Tri, VerdictKind } from '../types.js';
import type { ExchangeProfile } from './types.js';

const tri = (value: unknown): Tri => (value === true ? 'yes' : value === false ? 'no' : 'unknown');

/** 'yes' if either flag allows it, 'no' only when both were reported as denied. */
const either = (a: unknown, b: unknown): Tri => (a === true || b === true ? 'yes' : a === false && b === false ? 'no' : 'unknown');

const epochMs = (value: unknown): number | undefined => (typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : undefined);

/**
 * binance's apiRestrictions answer → KeyPermissions. binance says whether a key is IP-bound but not
 * to how many addresses, so ipCount stays absent. It reports no key expiry, only when spot and margin
 * trading lapses on a key without an IP whitelist.
 */
export function parseBinanceKeyInfo(raw: unknown): KeyPermissions {
  const r = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  const out: KeyPermissions = {
    read: tri(r.enableReading),
    spotTrade: tri(r.enableSpotAndMarginTrading),
    futuresTrade: tri(r.enableFutures),
    withdraw: tri(r.enableWithdrawals),
    transfer: either(r.enableInternalTransfer, r.permitsUniversalTransfer),
    ipRestricted: tri(r.ipRestrict),
  };
  // documented as the expiry of the spot and margin trading permission, not of the key
  const tradingExpiresAt = epochMs(r.tradingAuthorityExpirationTime);
  const createdAt = epochMs(r.createTime);
  if (tradingExpiresAt !== undefined) out.tradingExpiresAt = tradingExpiresAt;
  if (createdAt !== undefined) out.createdAt = createdAt;
  return out;
}

/** binance's codes where ccxt's class is coarse; -2015 covers key, IP and permission alike, so it stays vague. */
const BY_CODE: Record<string, VerdictKind> = {
  '-2014': 'bad_key',
  '-2008': 'bad_key',
  '-2015': 'bad_credentials',
  '-1022': 'bad_secret',
  '-1021': 'clock_skew',
  '-1002': 'permission_missing',
  '-1003': 'rate_limited',
};

/** Why binance refused, from its own code or message (ccxt keeps only the message when it matched on it). */
function classifyBinanceError(err: unknown): VerdictKind | undefined {
  const { code, text = err instanceof Error ? err.message : '' } = exchangeErrorDetail(err);
  if (text.includes('restricted location')) return 'wrong_region';
  if (text.includes('This action is disabled on this account.')) return 'account_suspended';
  if (text.includes('System is under maintenance.')) return 'maintenance';
  if (text.includes('You are not authorized to execute this request.')) return 'permission_missing';
  return code === undefined ? undefined : BY_CODE[code];
}

/** binance: one signed sapi call says what the key may do. */
export const binanceProfile: ExchangeProfile = {
  id: 'binance',
  // whether Keyward can create this exchange's key pair itself (see self-generated-keys.ts)
  // Binance accepts Ed25519 (recommended by Binance), RSA 2048/4096 and HMAC keys. Its own generator
  // writes the public key as PEM SPKI and the private key as PEM PKCS#8. ccxt signs with a secret that
  // contains "PRIVATE KEY": longer than 120 characters means RSA-SHA256 (base64), otherwise Ed25519
  // over the query string, taking the last 32 bytes of the PKCS#8 DER as the seed.
  selfGeneratedKeys: {
    supported: true,
    keyTypes: ['ed25519', 'rsa'],
    rsaBits: 2048,
    publicKeyFormat: 'pem-spki',
    ccxtSecretFormat: 'pem-pkcs8',
    steps: [
      'Log in to Binance and open Profile → API Management, then Create API.',
      'Choose Self-generated and continue.',
      'Paste the public key Keyward shows into the box (the BEGIN/END lines included), name the key, and confirm with 2FA.',
      'Edit restrictions: Enable Reading and, if you trade with it, Spot & Margin Trading — never Enable Withdrawals — and restrict access to trusted IPs.',
    ],
    sources: [
      'https://developers.binance.com/docs/binance-spot-api-docs/faqs/api_key_types (Ed25519 recommended; RSA 2048 and 4096; PEM public key samples)',
      'https://www.binance.com/en/support/faq/on-binance-6b9a63f1e3384cf48a2eedb82767a69a (Profile → API Management → Create API → Self-generated → paste the public key → name → 2FA)',
      'github.com/binance/asymmetric-key-generator src/generate.js (public key: spki/pem; private key: pkcs8/pem)',
      `ccxt 4.5.84, js/src/binance.js sign(): secret.indexOf('PRIVATE KEY'), length > 120 → rsa(query, secret, sha256), else eddsa(query, secret, ed25519)`,
      `ccxt 4.5.84, js/src/base/functions/crypto.js eddsa(): pemToDer(secret).slice(16) is the Ed25519 seed`,
    ],
  },
  sources: [
    'https://developers.binance.com/docs/wallet/account/api-key-permission (GET /sapi/v1/account/apiRestrictions)',
    'github binance/binance-api-swagger spot_api.yaml: tradingAuthorityExpirationTime, "Expiration time for spot and margin trading permission"',
    'https://www.binance.com/en-IN/support/announcement/cda0a4b53da04396b5d27881e93abf78 (trading permission lapses on keys without an IP whitelist)',
    'https://developers.binance.com/docs/binance-spot-api-docs/errors (-2015, -2014, -1022, -1021, -1002, -1003)',
    'npm ccxt@4.5.84 js/src/binance.js exceptions',
  ],
  advice: { wrong_region: 'US residents need Binance.US (binanceus) rather than Binance.' },
  createKeyPath: 'Profile → Account → API Management → Create API',
  notes: [
    'In the US? binance.com keys do not work for US residents: Binance US is a separate exchange with its own keys.',
    'Without an IP whitelist, Binance switches spot and margin trading off on a key after a while (it still reads). Add the IP of the server running Keyward (ask its admin) to keep trading on.',
    'Spot, margin and futures are separate permissions on one key. Enable reading, and trading only for the products you use.',
  ],
  fieldWording: { secret: keyPairSecret },
  pemFields: ['secret'],
  async readKeyInfo(exchange: Exchange) {
    const raw = await callExchangeMethod(exchange, 'sapiGetAccountApiRestrictions');
    if (!raw || typeof raw !== 'object') throw new BadResponse('binance apiRestrictions answered with something that is not an object');
    return parseBinanceKeyInfo(raw);
  },
  classifyError: classifyBinanceError,
  // the 2021 announcement said 30 days; the date is read from tradingAuthorityExpirationTime, never counted
  expiryRule: {
    effect: 'stops_trading',
    appliesTo: 'no_ip',
    clock: 'reported',
    avoid:
      'Edit the key on Binance, choose "Restrict access to trusted IPs only" with Keyward\'s addresses (see /help topic:ip-whitelist), and tick spot and margin trading again: on whitelisted keys it does not lapse.',
    source:
      'https://www.binance.com/en-IN/support/announcement/cda0a4b53da04396b5d27881e93abf78 (trading permission on keys without a whitelisted IP lapses; whitelisted keys do not expire)',
  },
};
