/** The short words for stored codes (status, verdict, warning, audit action), so lists stay one line per item. */
import type { RefusalOutcome, WarningCode } from '../../exchanges/codes.js';
import type { AuditAction, CredentialStatus } from '../../store/index.js';
import { COLOURS, sanitize } from './format.js';

/** How a key's stored status looks in a list. */
export const STATUS: Readonly<Record<CredentialStatus, { mark: string; words: string; colour: number }>> = {
  ok: { mark: '✅', words: 'Working', colour: COLOURS.ok },
  warning: { mark: '⚠️', words: 'Working, needs attention', colour: COLOURS.warning },
  failing: { mark: '❌', words: 'Failing', colour: COLOURS.failure },
};

/** Every verdict and refusal has words: a new kind without them does not compile. */
export const VERDICT_WORDS: Readonly<Record<RefusalOutcome, string>> = {
  bad_key: 'key not recognised',
  bad_secret: 'secret rejected',
  bad_passphrase: 'wrong passphrase',
  bad_credentials: 'credentials rejected',
  key_expired: 'key expired',
  ip_not_allowed: "this server's IP is not whitelisted",
  permission_missing: 'a permission is missing',
  clock_skew: 'clock out of sync',
  rate_limited: 'rate-limited by the exchange',
  timeout: 'no answer in time',
  exchange_down: 'exchange unreachable',
  maintenance: 'exchange in maintenance',
  wrong_region: 'blocked in this region',
  account_suspended: 'account frozen',
  withdraw_enabled: 'withdrawals are enabled',
  withdraw_unreported: 'the exchange does not report whether it can withdraw',
  unknown: 'refused by the exchange',
};

/** A verdict kind as words; an audit outcome this version does not know is still shown, escaped. */
export function verdictWords(kind: string): string {
  return VERDICT_WORDS[kind as RefusalOutcome] ?? sanitize(kind.replaceAll('_', ' ').slice(0, 40));
}

/** Every warning code has words: a new code without them does not compile. */
export const WARNING_WORDS: Readonly<Record<WarningCode, string>> = {
  no_ip_restriction: 'not bound to an IP',
  cannot_trade: 'read-only',
  withdraw_enabled: 'can withdraw',
  expires_soon: 'expires soon',
  trading_expires: 'trading lapses',
  clock_drift: 'clock drift',
  permissions_unknown: 'permissions not reported',
  key_unproven: 'wallet proven, key not yet',
  expiry_rule: 'the exchange will end it',
  ip_whitelist_incomplete: "whitelist misses Keyward's addresses",
};

/** A stored warning code as words. */
export function warningWords(code: WarningCode): string {
  return WARNING_WORDS[code];
}

/** What each audit action means to the person it happened to. */
export const ACTION_WORDS: Readonly<Record<AuditAction, string>> = {
  connect: 'Connected',
  replace: 'Replaced',
  rotate: 'Rotated',
  remove: 'Removed',
  test: 'Tested',
  validation_failed: 'Refused a key',
  forget: 'Forgot everything',
  reminder_sent: 'Sent a rotation reminder',
  reminder_snoozed: 'Snoozed a reminder',
  reminders_changed: 'Changed reminder settings',
  health_changed: 'Health check changed its status',
  withdraw_off_confirmed: 'You confirmed withdrawals are off (not reported by the exchange)',
  withdraw_confirmation_declined: 'You did not confirm withdrawals are off; nothing was stored',
  key_pair_created: "Created a key pair (waiting for the exchange's API key)",
  key_pair_discarded: 'Destroyed an unused key pair',
};

/** An exchange's display name from a lookup that may not know an id a newer or older ccxt dropped. */
export function nameOf(exchangeNames: (id: string) => string, id: string): string {
  try {
    return exchangeNames(id);
  } catch {
    return id;
  }
}
