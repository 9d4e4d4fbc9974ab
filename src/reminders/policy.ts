import { DAY } from '../clock.js';
import type { CredentialRecord, UserRecord } from '../store/index.js';

/** Why a key is due: its age, or the expiry date the exchange reported. */
export type DueReason = 'age' | 'expiry';

export interface RotationDue {
  at: number;
  reason: DueReason;
}

/** Days between rotations for this user: their own choice, else the server's default; undefined when reminders are off. */
export function rotationDays(user: UserRecord | undefined, defaultDays: number): number | undefined {
  if (user?.settings.remindersOff) return undefined;
  return user?.settings.rotationDays ?? defaultDays;
}

/**
 * When a key should be replaced: `rotatedAt + days`, unless the exchange says the key expires
 * earlier — an expiry always counts, even with reminders off for age.
 */
export function rotationDue(credential: CredentialRecord, days: number | undefined): RotationDue | undefined {
  const byAge = days === undefined ? undefined : credential.rotatedAt + days * DAY;
  // a lapse of trading (binance) needs the same action before it happens: a key bound to an IP, or a new one
  const { expiresAt, tradingExpiresAt } = credential.permissions;
  const expiry = expiresAt === undefined ? tradingExpiresAt : tradingExpiresAt === undefined ? expiresAt : Math.min(expiresAt, tradingExpiresAt);
  if (expiry !== undefined && (byAge === undefined || expiry <= byAge)) return { at: expiry, reason: 'expiry' };
  return byAge === undefined ? undefined : { at: byAge, reason: 'age' };
}
