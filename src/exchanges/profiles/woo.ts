import { BadResponse, type Exchange } from '../ccxt-errors.js';
import { callExchangeMethod } from '../ccxt-internals.js';
import { exchangeErrorDetail } from '../error-code.js';
import type { KeyPermissions, Tri, VerdictKind } from '../types.js';
import { unknownPermissions } from '../types.js';
import type { ExchangeProfile } from './types.js';

const VERDICTS = new Map<string, VerdictKind>(
  Object.entries({
    // WOO answers a wrong key, a wrong signature, a missing permission and a revoked key all with -1002
    '-1002': 'bad_credentials',
    '-1001': 'bad_credentials', // key or secret in the wrong format
    '-1003': 'rate_limited',
    '-1011': 'maintenance',
    '317178': 'clock_skew', // the receive window is invalid
    '317179': 'clock_skew', // the request left its receive window
  } satisfies Record<string, VerdictKind>),
);

/** The only permission words WOO documents; any other word could be a new grant, so it keeps answers open. */
const KNOWN = new Set(['READ', 'TRADE', 'WITHDRAWAL']);

/**
 * Reads WOO's credentials list: it holds the account's keys, each with `permissions` (READ, TRADE,
 * WITHDRAWAL) and `allowedIPs`, which WOO leaves out when the key has no IP restriction. Only the
 * row of the key being checked counts; without one, nothing is known.
 */
export function parseWooKeyInfo(raw: unknown, apiKey: string): KeyPermissions {
  const out = unknownPermissions();
  const rows = (raw as { data?: { rows?: unknown } } | undefined)?.data?.rows;
  if (!Array.isArray(rows)) return out;
  const row = rows.find((r): r is Record<string, unknown> => typeof r === 'object' && r !== null && (r as { apiKey?: unknown }).apiKey === apiKey);
  if (!row) return out;
  if (Array.isArray(row.permissions)) {
    const words = new Set(row.permissions.filter((p): p is string => typeof p === 'string').map((p) => p.trim().toUpperCase()));
    const allKnown = [...words].every((w) => KNOWN.has(w));
    const has = (word: string): Tri => (words.has(word) ? 'yes' : allKnown ? 'no' : 'unknown');
    out.read = has('READ');
    // WOO has one trading permission for spot and perpetuals alike
    out.spotTrade = has('TRADE');
    out.futuresTrade = has('TRADE');
    out.withdraw = has('WITHDRAWAL');
  }
  if (Array.isArray(row.allowedIPs)) {
    const ips = row.allowedIPs.filter((ip): ip is string => typeof ip === 'string' && ip !== '');
    out.ipRestricted = ips.length > 0 ? 'yes' : 'no';
    out.ipCount = ips.length;
  } else if (!('allowedIPs' in row)) {
    out.ipRestricted = 'no'; // documented: the field is hidden when the key has no IP restriction
  }
  return out;
}

/** WOO X: one signed credentials call proves the key and lists what it may do. */
export const wooProfile: ExchangeProfile = {
  id: 'woo',
  searchAliases: ['woox', 'woo x', 'woo network'],
  sources: [
    'https://developer.woox.io/api-reference/endpoint/account/credentials (GET /v3/account/credentials: rows of apiKey, permissions READ/TRADE/WITHDRAWAL, allowedIPs hidden when unrestricted)',
    'https://support.woox.io/hc/en-001/articles/4410291392409--Why-do-I-keep-receiving-the-error-code-1002 (-1002: key or secret invalid, insufficient permission, expired or revoked key, signature mistakes)',
    'npm ccxt@4.5.84 js/src/woo.js (v3PrivateGetAccountCredentials, v3 signing, exceptions.exact with quoted messages)',
  ],
  notes: [
    'WOO X gives one error for a wrong key, a wrong secret, a missing permission and a revoked key, so Keyward cannot say which of them it is.',
    'WOO X does not report when a key expires, so Keyward cannot warn before it does.',
  ],
  readKeyInfo: async (exchange: Exchange) => {
    const raw = await callExchangeMethod(exchange, 'v3PrivateGetAccountCredentials');
    // ccxt hands back the raw text when the body is not JSON; that is no proof the key works
    if (typeof raw !== 'object' || raw === null) throw new BadResponse('woo answered the credentials call with a body that is not JSON');
    return parseWooKeyInfo(raw, exchange.apiKey);
  },
  classifyError: (err) => {
    const { code } = exchangeErrorDetail(err);
    return code === undefined ? undefined : VERDICTS.get(code);
  },
};
