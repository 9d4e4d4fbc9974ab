import { BadResponse, type Exchange } from '../ccxt-errors.js';
import { callExchangeMethod } from '../ccxt-internals.js';
import { exchangeErrorDetail } from '../error-code.js';
import { readableWhitelist } from '../ip-whitelist.js';
import type { KeyPermissions, VerdictKind } from '../types.js';
import { unknownPermissions } from '../types.js';
import type { ExchangeProfile } from './types.js';

/**
 * BloFin's own codes (docs "Errors" table). ccxt 4.5.84 raises AuthenticationError for 152401,
 * 152402, 152408 and 152409 alike, so only the code tells a wrong key from an expired key, a wrong
 * passphrase or a wrong secret; and it raises a plain ExchangeError for code 500, whose body it
 * matches by code before its "Internal Server Error" text can make it ExchangeNotAvailable.
 */
const BY_CODE: Record<string, VerdictKind> = {
  '152401': 'bad_key', // access key does not exist (or is not active)
  '152402': 'key_expired',
  '152408': 'bad_passphrase',
  '152409': 'bad_secret', // signature verification failed
  '401': 'bad_credentials', // "Invalid signature." without saying which part is wrong
  '152406': 'ip_not_allowed',
  '152404': 'permission_missing',
  '152405': 'clock_skew', // the timestamp must be within 60 s
  '152407': 'clock_skew', // a nonce reused within 60 s
  '152410': 'clock_skew', // the timestamp is not in milliseconds
  '429': 'rate_limited',
  '500': 'exchange_down',
};

const ms = (value: unknown): number | undefined => {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : typeof value === 'number' ? value : Number.NaN;
  return Number.isFinite(n) && n > 0 ? n : undefined;
};

/**
 * Reads BloFin's "Get API Key Info" answer for the calling key: `readOnly` 1 read only, 0 read and
 * write (which of trade, transfer or withdrawal the key holds is not reported, so those stay
 * unknown), `ips` the addresses the key is bound to, `expireTime` and `createTime` in ms.
 */
export function parseBlofinKeyInfo(raw: unknown): KeyPermissions {
  const out = unknownPermissions();
  const data = (raw as { data?: unknown } | undefined)?.data as Record<string, unknown> | undefined;
  if (!data || typeof data !== 'object') return out;
  const readOnly = data.readOnly === 1 || data.readOnly === '1' ? 'yes' : data.readOnly === 0 || data.readOnly === '0' ? 'no' : 'unknown';
  // any key that gets an answer can read; a read-only key can do nothing else
  if (readOnly !== 'unknown') out.read = 'yes';
  if (readOnly === 'yes') Object.assign(out, { spotTrade: 'no', futuresTrade: 'no', withdraw: 'no', transfer: 'no' });
  if (Array.isArray(data.ips)) {
    const ips = data.ips.filter((ip): ip is string => typeof ip === 'string' && ip.trim() !== '');
    out.ipRestricted = ips.length > 0 ? 'yes' : 'no';
    out.ipCount = ips.length;
    const whitelist = readableWhitelist(ips);
    if (whitelist) out.ipWhitelist = whitelist;
  }
  const expiresAt = ms(data.expireTime);
  const createdAt = ms(data.createTime);
  if (expiresAt !== undefined) out.expiresAt = expiresAt;
  if (createdAt !== undefined) out.createdAt = createdAt;
  return out;
}

/** BloFin: one signed "Get API Key Info" call proves the key and reports read-only, IPs and expiry. */
export const blofinProfile: ExchangeProfile = {
  id: 'blofin',
  sources: [
    'https://docs.blofin.com/index.html#get-api-key-info (GET /api/v1/user/query-apikey: uid, apiName, apiKey, readOnly 0 read and write / 1 read only, type, expireTime, createTime, ips, parentUid; read in github blofin/blofin-api-docs index.md @bbdc0329)',
    'https://docs.blofin.com/index.html#api-key-creation (permissions READ, TRADE, TRANSFER; up to 20 IPs; keys not bound to IPs expire after 90 days)',
    'https://docs.blofin.com/index.html#errors (152401-152410, 401, 429, 500; read in github blofin/blofin-api-docs _includes/errors.md @f8993609)',
    'npm ccxt@4.5.84 js/src/blofin.js (privateGetUserQueryApikey, sign(): ACCESS-NONCE = ACCESS-TIMESTAMP, base64 of the hex HMAC-SHA256; exceptions.exact, handleErrors)',
  ],
  createKeyPath: 'API page of your BloFin account (blofin.com/account/apis) → create a key with a passphrase',
  notes: [
    'BloFin says only whether a key is read-only, so Keyward cannot see whether any other key may withdraw; by default it asks you to confirm withdrawals are off.',
    'The passphrase is the one you set when creating the key; BloFin refuses a wrong one with its own error, so Keyward can say which box is wrong.',
  ],
  advice: {
    key_expired: "BloFin keys not bound to an IP expire after 90 days; create a new key and bind it to Keyward's IP addresses so it does not expire.",
  },
  readKeyInfo: async (exchange: Exchange) => {
    const raw = await callExchangeMethod(exchange, 'privateGetUserQueryApikey');
    if (typeof raw !== 'object' || raw === null) throw new BadResponse('blofin answered the API key info call with a body that is not JSON');
    return parseBlofinKeyInfo(raw);
  },
  classifyError: (err) => {
    const { code } = exchangeErrorDetail(err);
    return code === undefined ? undefined : BY_CODE[code];
  },
  // ccxt sends the millisecond timestamp as the nonce, which BloFin refuses to see twice within 60 s
  serialRequests: true,
  // expireTime gives the date; the docs do not say whether use extends it
  expiryRule: {
    effect: 'expires',
    appliesTo: 'no_ip',
    clock: 'reported',
    days: 90,
    avoid:
      "Bind the key to Keyward's IP addresses (see /help topic:ip-whitelist) on BloFin's API page: the 90-day expiry applies only to keys not bound to an IP.",
    source:
      'https://docs.blofin.com/index.html#api-key-creation ("API Keys that are not bound to IPs will expire after 90 days"); https://docs.blofin.com/index.html#get-api-key-info (expireTime)',
  },
};
