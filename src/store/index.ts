export { openStore, storeExists } from './open-store.js';
export { sqlitePath } from './backends/sqlite.js';
export { Store } from './store.js';
export type { Coordination } from './coordination.js';
export { withLease } from './locks.js';
export { isKeyAddress } from './key-address.js';
export type {
  AuditAction,
  AuditEvent,
  CredentialRecord,
  CredentialRef,
  CredentialStatus,
  PendingKeyPairRecord,
  PendingKeyRecord,
  SelfGeneratedInfo,
  UserRecord,
} from './records.js';
export { pendingKeyPairSchema, pendingKeySchema, userIdSchema } from './records.js';
