import { BadResponse, BaseError, type Exchange } from '../ccxt-errors.js';
import { callExchangeMethod } from '../ccxt-internals.js';
import { exchangeErrorDetail } from '../error-code.js';
import type { KeyPermissions, Tri, VerdictKind } from '../types.js';
import type { ExchangeProfile } from './types.js';

const asRecord = (value: unknown): Record<string, unknown> =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};

/** kraken reports times as unix seconds (0 = none); a few answers carry ms or ISO text instead. */
function epochMs(value: unknown): number | undefined {
  if (typeof value === 'string' && value.trim() !== '' && !/^\d+(\.\d+)?$/.test(value.trim())) {
    const parsed = Date.parse(value);
    return Number.isFinite(parsed) ? parsed : undefined;
  }
  const n = typeof value === 'string' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isFinite(n) || n <= 0) return undefined;
  return n < 1e12 ? Math.round(n * 1000) : n;
}

/** The allowlist as a list, whether kraken sent an array or a comma-separated string; undefined when absent. */
function allowlist(value: unknown): string[] | undefined {
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string' && v.trim() !== '');
  if (typeof value === 'string') return value.split(/[\s,]+/).filter((v) => v !== '');
  return undefined;
}

/**
 * kraken's GetApiKeyInfo answer (or its `result`) → KeyPermissions. kraken names permissions
 * (query-funds, modify-trades, withdraw-funds, ...); spot keys never cover Kraken Futures and kraken
 * has no separate transfer permission, so those two stay unknown.
 */
export function parseKrakenKeyInfo(raw: unknown): KeyPermissions {
  const outer = asRecord(raw);
  const r = 'result' in outer ? asRecord(outer.result) : outer;
  const names = Array.isArray(r.permissions) ? new Set(r.permissions.filter((p) => typeof p === 'string')) : undefined;
  const has = (name: string): Tri => (names === undefined ? 'unknown' : names.has(name) ? 'yes' : 'no');
  const ips = allowlist(r.ipAllowlist);
  const out: KeyPermissions = {
    read: has('query-funds'),
    spotTrade: has('modify-trades'),
    futuresTrade: 'unknown',
    withdraw: has('withdraw-funds'),
    transfer: 'unknown',
    ipRestricted: ips === undefined ? 'unknown' : ips.length > 0 ? 'yes' : 'no',
  };
  if (ips !== undefined) out.ipCount = ips.length;
  const expiresAt = epochMs(r.validUntil);
  const createdAt = epochMs(r.createdTime);
  if (expiresAt !== undefined) out.expiresAt = expiresAt;
  if (createdAt !== undefined) out.createdAt = createdAt;
  return out;
}

/**
 * kraken's own error names. It does not tell an IP outside the allowlist from a missing permission
 * (both "EGeneral:Permission denied"), nor an expired or deleted key from a mistyped one (all
 * "EAPI:Invalid key"); a nonce below one already used is "EAPI:Invalid nonce".
 */
const BY_CODE: Record<string, VerdictKind> = {
  'EAPI:Invalid key': 'bad_key',
  'EAPI:Invalid signature': 'bad_secret',
  'EAPI:Invalid nonce': 'clock_skew',
  'EGeneral:Permission denied': 'permission_missing',
  'EAPI:Rate limit exceeded': 'rate_limited',
  'EOrder:Rate limit exceeded': 'rate_limited',
  'EGeneral:Too many requests': 'rate_limited',
  'EGeneral:Temporary lockout': 'rate_limited',
  'EService:Unavailable': 'maintenance',
  'EService:Market in cancel_only mode': 'maintenance',
  'EService:Market in post_only mode': 'maintenance',
  'EService:Busy': 'exchange_down',
  'ETrade:User Locked': 'account_suspended',
};

/** Why kraken refused, from its own error name; a secret ccxt could not base64-decode is a bad secret. */
function classifyKrakenError(err: unknown): VerdictKind | undefined {
  const message = err instanceof Error ? err.message : String(err);
  if (!(err instanceof BaseError) && /padding|Unknown letter|base64/i.test(message)) return 'bad_secret';
  if (message.includes('error code: 1009')) return 'wrong_region';
  const { code } = exchangeErrorDetail(err);
  return code === undefined ? undefined : BY_CODE[code];
}

/** kraken: GetApiKeyInfo needs no permission and says what the key may do. */
export const krakenProfile: ExchangeProfile = {
  id: 'kraken',
  // whether Keyward can create this exchange's key pair itself (see self-generated-keys.ts)
  selfGeneratedKeys: {
    supported: false,
    reason: 'Kraken issues both halves of its API key and signs with HMAC-SHA512; it takes no uploaded public key.',
    sources: [
      'https://support.kraken.com/articles/360029054811-what-is-the-authentication-algorithm-for-private-endpoints- (API-Sign: HMAC-SHA512 with the base64-decoded private key)',
      `ccxt 4.5.84, js/src/kraken.js sign(): this.hmac(binhash, secret, sha512, 'base64') only`,
    ],
  },
  sources: [
    'https://docs.kraken.com/api-reference/account-data/get-api-key-info (permissions, validUntil, createdTime/modifiedTime as string seconds)',
    'https://docs.kraken.com/exchange/guides/general/errors (EAPI:Invalid key, EAPI:Invalid signature, EAPI:Invalid nonce, EGeneral:Permission denied)',
    'npm ccxt@4.5.84 js/src/kraken.js exceptions',
  ],
  advice: { clock_skew: "On Kraken, raise the key's nonce window if several tools share this key." },
  createKeyPath: 'Profile → Settings → API → Create API key',
  notes: [
    'If several tools share this key, raise its nonce window (for example to 10000) in the key settings, or give each tool its own key.',
    'The key needs the Query Funds permission for its balance to be read.',
    'Kraken Futures keys are created on the futures site and only work under Kraken Futures.',
  ],
  fieldWording: {
    secret: { label: 'Private key (secret)', hint: 'Shown only once, when you create the key. Include any = signs at the end.' },
  },
  keyShapes: { apiKey: /^[A-Za-z0-9+/]{56}$/, secret: /^[A-Za-z0-9+/]{86}==$/ },
  compensateClock: false,
  async readKeyInfo(exchange: Exchange) {
    const raw = await callExchangeMethod(exchange, 'privatePostGetApiKeyInfo');
    if (!raw || typeof raw !== 'object') throw new BadResponse('kraken GetApiKeyInfo answered with something that is not an object');
    return parseKrakenKeyInfo(raw);
  },
  classifyError: classifyKrakenError,
  tradeProbe: { symbol: 'BTC/USD' },
  // the date is the one chosen when the key was made (validUntil, 0 = never); no IP rule is documented
  expiryRule: {
    effect: 'expires',
    appliesTo: 'all',
    clock: 'reported',
    avoid: 'Create a new key on Kraken before that date (leave its expiry empty if it should not end) and use /keys rotate.',
    source: 'https://docs.kraken.com/api-reference/account-data/get-api-key-info (validUntil: when the key expires, 0 if no expiration)',
  },
};
