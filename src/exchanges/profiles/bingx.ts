import { BadResponse, type Exchange } from '../ccxt-errors.js';
import { callExchangeMethod } from '../ccxt-internals.js';
import { exchangeErrorDetail } from '../error-code.js';
import type { KeyPermissions, Tri, VerdictKind } from '../types.js';
import { unknownPermissions } from '../types.js';
import type { ExchangeProfile } from './types.js';

/**
 * bingx's own codes. 100413 "Incorrect apiKey" is missing from ccxt 4.5.84's map (a plain
 * ExchangeError there); 100419 "IP does not match IP whitelist" shares PermissionDenied with a
 * missing permission in ccxt, so only the code says "IP".
 */
const BY_CODE: Record<string, VerdictKind> = {
  '100413': 'bad_key',
  '100419': 'ip_not_allowed',
  '100001': 'bad_credentials', // signature verification failed: a wrong secret or a mangled key
  '100412': 'bad_credentials',
  '100414': 'account_suspended', // risk control check failed
  '100500': 'exchange_down',
};

/**
 * Codes whose meaning bingx gives only in the text: on the permissions call 100421 and 80014 are
 * timestamp refusals and 100410 a rate limit, while elsewhere 100421 restricts a pair and 100410
 * means "system busy".
 */
const BY_TEXT: Array<[string, RegExp, VerdictKind]> = [
  ['100421', /timestamp/i, 'clock_skew'],
  ['80014', /timestamp/i, 'clock_skew'],
  ['100410', /rate limit|frequency|requests within/i, 'rate_limited'],
  ['100410', /busy/i, 'exchange_down'],
];

function classifyBingxError(err: unknown): VerdictKind | undefined {
  const { code, text = '' } = exchangeErrorDetail(err);
  if (code === undefined) return undefined;
  for (const [c, pattern, kind] of BY_TEXT) if (c === code && pattern.test(text)) return kind;
  return BY_CODE[code];
}

/**
 * Reads bingx's API-key permissions: `permissions` numbers 1 spot trading, 2 reading, 3 perpetual
 * futures trading, 4 universal transfer, 5 coin withdrawal, 7 transfer within sub-accounts;
 * `ipAddresses` the whitelist. No expiry is reported.
 */
export function parseBingxKeyInfo(raw: unknown): KeyPermissions {
  const out = unknownPermissions();
  const data = (raw as { data?: unknown } | undefined)?.data as Record<string, unknown> | undefined;
  if (!data || typeof data !== 'object') return out;
  if (Array.isArray(data.permissions)) {
    const perms = new Set(data.permissions.map((p) => Number(p)));
    const has = (...n: number[]): Tri => (n.some((p) => perms.has(p)) ? 'yes' : 'no');
    out.spotTrade = has(1);
    out.read = has(2);
    out.futuresTrade = has(3);
    out.transfer = has(4, 7);
    out.withdraw = has(5);
  }
  if (Array.isArray(data.ipAddresses)) {
    const ips = data.ipAddresses.filter((ip) => typeof ip === 'string' && ip.trim() !== '');
    out.ipRestricted = ips.length > 0 ? 'yes' : 'no';
    out.ipCount = ips.length;
  }
  return out;
}

/** bingx: one signed permissions call proves the key and says what it may do (main and sub-account keys alike). */
export const bingxProfile: ExchangeProfile = {
  id: 'bingx',
  sources: [
    'https://bingx-api.github.io/docs/#/en-us/common/sub-account (Query user API Key permissions: GET /openApi/v1/account/apiPermissions, fields, errors 80014/100421/100419/100410/100413)',
    'https://support.cryptohopper.com/en/articles/9234624-why-do-i-see-error-100413-incorrect-apikey-on-bingx (100413 body)',
    'npm ccxt@4.5.84 js/src/bingx.js accountV1PrivateGetAccountApiPermissions, exceptions (100419, 100001, 100414, 80016/80017)',
    'https://bingx-api.github.io/docs/standard/basic-information.html (429, 418)',
  ],
  readKeyInfo: async (exchange: Exchange) => {
    const raw = await callExchangeMethod(exchange, 'accountV1PrivateGetAccountApiPermissions');
    if (typeof raw !== 'object' || raw === null) throw new BadResponse('bingx answered the API-key permissions call with a body that is not JSON');
    return parseBingxKeyInfo(raw);
  },
  tradeProbe: { symbol: 'BTC/USDT' },
  classifyError: classifyBingxError,
  // "inactivity" is not defined: whether a signed read call counts as activity is not documented
  expiryRule: {
    effect: 'deletes',
    appliesTo: 'no_ip',
    spareReadOnly: true,
    clock: 'last_use',
    days: 14,
    checksCountAsUse: 'unknown',
    avoid:
      "Link the key to Keyward's IP addresses (see /help topic:ip-whitelist) under API Management on BingX: keys linked to an IP, or that only read, have no expiration limit.",
    source:
      'https://bingx.com/en-gb/account/api/ ("API keys that are not linked to an IP address and have permissions for spot and futures trading … will be automatically deleted after 14 days of inactivity")',
  },
};
