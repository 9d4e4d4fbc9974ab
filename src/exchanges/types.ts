/** Plain domain types of the exchanges module: what a key can do and why a check failed. */

/** A permission the exchange confirmed ('yes' / 'no') or did not tell us about ('unknown'). Never guess. */
export type Tri = 'yes' | 'no' | 'unknown';

/** What one API key may do, normalised across exchanges. */
export interface KeyPermissions {
  read: Tri;
  spotTrade: Tri;
  futuresTrade: Tri;
  withdraw: Tri;
  transfer: Tri;
  ipRestricted: Tri;
  /** how many IPs the key is bound to, when the exchange says */
  ipCount?: number;
  /** ms since epoch, when the exchange reports an expiry */
  expiresAt?: number;
  /** ms since epoch when trading on the key lapses (or lapsed) while the key itself stays valid (binance) */
  tradingExpiresAt?: number;
  /** true when expiresAt was counted from the exchange's rule (from the last check), not reported by the exchange */
  expiryEstimated?: boolean;
  /** the addresses the key is bound to, when the exchange lists them (an entry may be a CIDR range) */
  ipWhitelist?: string[];
  /** ms since epoch, when the exchange reports the key's creation */
  createdAt?: number;
}

export const unknownPermissions = (): KeyPermissions => ({
  read: 'unknown',
  spotTrade: 'unknown',
  futuresTrade: 'unknown',
  withdraw: 'unknown',
  transfer: 'unknown',
  ipRestricted: 'unknown',
});

/** Why a check failed: the list lives with the other stored codes. */
export type { VerdictKind } from './codes.js';
