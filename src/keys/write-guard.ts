import { AppError } from '../errors.js';
import type { CredentialRecord, Store, UserRecord } from '../store/index.js';

/** The user and one of their keys as an operation found them when it started (either may be absent). */
export interface Seen {
  user?: UserRecord;
  record?: CredentialRecord;
}

/** Reads what a later write must still find. */
export async function observe(store: Store, userId: string, exchange: string, account: string): Promise<Seen> {
  const [user, record] = await Promise.all([store.getUser(userId), store.getCredential(userId, exchange, account)]);
  return { user, record };
}

/**
 * False once the user was forgotten since `seen` (their record is gone or is a new one). A user who
 * had no record yet has nothing a forget could have removed.
 */
export function sameUser(seen: Seen, user: UserRecord | undefined): boolean {
  return seen.user === undefined || (user !== undefined && user.createdAt === seen.user.createdAt);
}

/** True while a key holds the same secrets it held when `seen` was taken (removal or rotation changes that). */
function sameKey(seen: CredentialRecord | undefined, current: CredentialRecord | undefined): boolean {
  return seen !== undefined && current !== undefined && current.sealed.ct === seen.sealed.ct;
}

/** What a save may do when it lands: add an account, or replace the key it started from. */
export type SaveIntent = { kind: 'add'; exchangeName: string; maxAccounts: number } | { kind: 'replace' };

/**
 * Checked under the user's lock right before a key is stored: forget and remove win over a save
 * that was still validating, and the account cap and "already exists" hold however many saves race.
 */
export async function refuseStaleSave(store: Store, userId: string, exchange: string, account: string, seen: Seen, intent: SaveIntent): Promise<void> {
  const now = await observe(store, userId, exchange, account);
  if (!sameUser(seen, now.user)) throw new AppError('FORGOTTEN_MEANWHILE');
  if (intent.kind === 'replace') {
    if (!sameKey(seen.record, now.record)) throw new AppError('KEY_CHANGED_MEANWHILE', { exchange, account });
    return;
  }
  if (now.record) throw new AppError('ACCOUNT_EXISTS', { exchange: intent.exchangeName, account });
  if ((now.user?.credentials.length ?? 0) >= intent.maxAccounts) throw new AppError('ACCOUNT_LIMIT', { max: intent.maxAccounts });
}
