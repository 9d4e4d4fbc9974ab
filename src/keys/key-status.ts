import type { ValidationResult, WarningCode } from '../exchanges/index.js';
import type { CredentialStatus } from '../store/index.js';

/** Warnings that mean the user should act, not just know. */
const ACTIONABLE: ReadonlySet<WarningCode> = new Set(['no_ip_restriction', 'withdraw_enabled', 'expires_soon', 'cannot_trade', 'ip_whitelist_incomplete']);

/**
 * ok: works as a trading key; warning: works, but something deserves attention; failing: does not
 * work. A key whose withdrawal permission nobody reported, and whose owner never confirmed it is
 * off, is never plainly ok.
 */
export function statusOf(result: ValidationResult, withdrawConfirmedAt?: number): CredentialStatus {
  if (!result.ok) return 'failing';
  if (result.permissions.withdraw === 'unknown' && withdrawConfirmedAt === undefined) return 'warning';
  return result.warnings.some((w) => ACTIONABLE.has(w)) ? 'warning' : 'ok';
}
