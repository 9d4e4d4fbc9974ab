import { exchangeErrorDetail } from '../error-code.js';
import type { VerdictKind } from '../types.js';
import type { ExchangeProfile } from './types.js';

/**
 * htx answers a bad key and a missing permission with one err-code, api-signature-not-valid; only
 * err-msg tells them apart (both bodies quoted in ccxt 4.5.84 js/src/htx.js exceptions). No source
 * gives htx's wording for an IP outside the whitelist, so that stays to ccxt's class.
 */
const BY_TEXT: Array<[RegExp, VerdictKind]> = [
  [/API key has no permission/i, 'permission_missing'],
  [/Incorrect Access key/i, 'bad_key'],
];

const BY_CODE: Record<string, VerdictKind> = {
  'base-request-exceed-frequency-limit': 'rate_limited',
  'rate-too-many-requests': 'rate_limited',
  'system-maintenance': 'maintenance',
};

function classifyHtxError(err: unknown): VerdictKind | undefined {
  const { code, text = '' } = exchangeErrorDetail(err);
  for (const [pattern, kind] of BY_TEXT) if (pattern.test(text)) return kind;
  return code === undefined ? undefined : BY_CODE[code];
}

/**
 * htx: no key-info call, so a balance call proves the key; ccxt raises OrderNotFound for a made-up
 * order (base-record-invalid, order-orderstate-error) and PermissionDenied for a key without trade
 * permission, so cancelling one probes trading.
 */
export const htxProfile: ExchangeProfile = {
  id: 'htx',
  sources: [
    'npm ccxt@4.5.84 js/src/htx.js exceptions (api-signature-not-valid bodies, broad \'API key has no permission\', OrderNotFound codes)',
  ],
  searchAliases: ['huobi'],
  tradeProbe: { symbol: 'BTC/USDT' },
  classifyError: classifyHtxError,
  // "used regularly" extends it, but htx does not say which calls count as use
  expiryRule: {
    effect: 'deactivates', appliesTo: 'no_ip', spareReadOnly: true, clock: 'last_use', days: 90, checksCountAsUse: 'unknown',
    avoid: 'Link the key to Keyward\'s IP addresses (see /help topic:ip-whitelist) under API Management on HTX: keys linked to an IP are not deactivated.',
    source: 'https://www.htx.com/en-us/apikey ("An API key not linked with an IP address but has trading or withdrawal permissions will be automatically deactivated after 90 days of inactivity … extended automatically for 90 days from the last usage")',
  },
};
