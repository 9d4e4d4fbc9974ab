export { openStore, storeExists } from './open-store.js';
export { sqlitePath } from './backends/sqlite.js';
export { Store } from './store.js';
export type { Coordination } from './coordination.js';
export { withLease } from './locks.js';
export { isKeyAddress } from './key-address.js';
export type { AuditAction, AuditEvent, CredentialRecord, CredentialStatus, PendingKeyRecord, UserRecord } from './records.js';
export { pendingKeySchema } from './records.js';
