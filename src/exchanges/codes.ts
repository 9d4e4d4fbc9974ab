/**
 * The codes a check stores and shows, listed once: the compiler derives the unions from these lists,
 * zod checks stored records against them, and each wording table must cover every entry.
 */

/** Why a check failed, in the words traders use; each kind carries its own advice. */
export const VERDICT_KINDS = [
  'bad_key',
  'bad_secret',
  'bad_passphrase',
  'bad_credentials',
  'key_expired',
  'ip_not_allowed',
  'permission_missing',
  'clock_skew',
  'rate_limited',
  'timeout',
  'exchange_down',
  'maintenance',
  'wrong_region',
  'account_suspended',
  'withdraw_enabled',
  'unknown',
] as const;
export type VerdictKind = (typeof VERDICT_KINDS)[number];

/** What deserves attention on a key that works. */
export const WARNING_CODES = [
  'no_ip_restriction',
  'cannot_trade',
  'withdraw_enabled',
  'expires_soon',
  'trading_expires',
  'expiry_rule',
  'ip_whitelist_incomplete',
  'clock_drift',
  'permissions_unknown',
  'key_unproven',
] as const;
export type WarningCode = (typeof WARNING_CODES)[number];

/** A refused save's audit outcome: a verdict, or a key whose withdrawal nobody could rule out. */
export const REFUSAL_OUTCOMES = [...VERDICT_KINDS, 'withdraw_unreported'] as const;
export type RefusalOutcome = (typeof REFUSAL_OUTCOMES)[number];
