import type { CredentialRecord, Store } from '../store/index.js';

/**
 * For each record, whether the store still holds that key with the same secrets: a DM or audit
 * row about a key that was removed, rotated or forgotten since it was read must not be written.
 */
export async function stillStored(store: Store, userId: string, records: CredentialRecord[]): Promise<boolean[]> {
  return Promise.all(records.map(async (r) => (await store.getCredential(userId, r.exchange, r.account))?.sealed.ct === r.sealed.ct));
}
