import { exchangeErrorDetail } from '../error-code.js';
import type { VerdictKind } from '../types.js';
import type { ExchangeProfile } from './types.js';

/**
 * crypto.com's response codes: 10002 UNAUTHORIZED ("not authenticated, or key/signature incorrect")
 * and 10003 IP_ILLEGAL ("IP address not whitelisted") are both PermissionDenied in ccxt 4.5.84, so
 * only the code tells an IP problem from a bad key. 10002 is reported to cover a missing permission
 * too, so no cancel probe can tell "may not trade" from "bad key": trading stays unknown.
 */
const BY_CODE: Record<string, VerdictKind> = {
  '10002': 'bad_credentials',
  '10003': 'ip_not_allowed',
  '40101': 'bad_credentials',
  '40103': 'ip_not_allowed',
  '10006': 'rate_limited',
  '10007': 'clock_skew',
  '40102': 'clock_skew',
  '9010001': 'maintenance',
};

function classifyCryptocomError(err: unknown): VerdictKind | undefined {
  const { code } = exchangeErrorDetail(err);
  return code === undefined ? undefined : BY_CODE[code];
}

/** crypto.com: a balance call proves the key; its own codes tell IP from key. */
export const cryptocomProfile: ExchangeProfile = {
  id: 'cryptocom',
  sources: [
    'github csc530/crypto.com-exhcange-API api-doc.md (a copy of the Exchange v2 response-code table: 10002 UNAUTHORIZED, 10003 IP_ILLEGAL)',
    'npm ccxt@4.5.84 js/src/cryptocom.js exceptions (10002 and 10003 both PermissionDenied)',
  ],
  searchAliases: ['crypto.com'],
  classifyError: classifyCryptocomError,
};
