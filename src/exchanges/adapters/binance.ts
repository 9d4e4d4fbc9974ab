import { BadResponse, type Exchange } from 'ccxt';
import { exchangeErrorDetail } from '../error-code.js';
import type { KeyPermissions, Tri, VerdictKind } from '../types.js';
import type { ExchangeAdapter } from './types.js';

const tri = (value: unknown): Tri => (value === true ? 'yes' : value === false ? 'no' : 'unknown');

/** 'yes' if either flag allows it, 'no' only when both were reported as denied. */
const either = (a: unknown, b: unknown): Tri => (a === true || b === true ? 'yes' : a === false && b === false ? 'no' : 'unknown');

const epochMs = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : undefined;

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
export const binanceAdapter: ExchangeAdapter = {
  id: 'binance',
  async readKeyInfo(exchange: Exchange) {
    const api = exchange as unknown as { sapiGetAccountApiRestrictions(): Promise<unknown> };
    const raw = await api.sapiGetAccountApiRestrictions();
    if (!raw || typeof raw !== 'object') throw new BadResponse('binance apiRestrictions answered with something that is not an object');
    return parseBinanceKeyInfo(raw);
  },
  classifyError: classifyBinanceError,
};
