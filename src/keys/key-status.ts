import type { ValidationResult, WarningCode } from '../exchanges/index.js';
import type { CredentialStatus } from '../store/index.js';

/** Warnings that mean the user should act, not just know. */
const ACTIONABLE: ReadonlySet<WarningCode> = new Set(['no_ip_restriction', 'withdraw_enabled', 'expires_soon', 'cannot_trade']);

/** ok: works as a trading key; warning: works, but something deserves attention; failing: does not work. */
export function statusOf(result: ValidationResult): CredentialStatus {
  if (!result.ok) return 'failing';
  return result.warnings.some((w) => ACTIONABLE.has(w)) ? 'warning' : 'ok';
}
