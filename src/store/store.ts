import type { Clock } from '../clock.js';
import { AppError } from '../errors.js';
import type { DataKeyPort, KeyringState, KeyringStatePort, LockPort, WrappedKey } from '../vault/ports.js';
import { AuditLog } from './audit-log.js';
import type { Backend } from './backends/backend.js';
import type { Coordination } from './coordination.js';
import { withLease } from './locks.js';
import { RecordIO } from './record-io.js';
import {
  accountNameSchema, credentialSchema, exchangeIdSchema, keyringStateSchema, userIdSchema, userSchema,
  type AuditEvent, type CredentialRecord, type UserRecord,
} from './records.js';
import { UserRegistry } from './user-registry.js';

const USER_LOCK_TTL_MS = 30_000;

export interface StoreOptions {
  /** how many audit events are kept per user (oldest dropped first) */
  auditCap?: number;
}

/**
 * Typed, validated records on any keyv profile. A user's credentials are found through the index in
 * the user record and all users through a bucketed registry, never by listing store keys. Every
 * change to one user's records happens under that user's cross-process lock.
 */
export class Store implements DataKeyPort, KeyringStatePort, LockPort {
  readonly coordination: Coordination;
  private readonly records: RecordIO;
  private readonly registry: UserRegistry;
  private readonly audit: AuditLog;
  private closing: Promise<void> | undefined;

  constructor(private readonly backend: Backend, private readonly clock: Clock, opts: StoreOptions = {}) {
    this.coordination = backend.coordination;
    this.records = new RecordIO(backend);
    this.registry = new UserRegistry(this.records, this.coordination);
    this.audit = new AuditLog(this.records, this.coordination, clock, opts.auditCap ?? 200);
  }

  get kind(): Backend['kind'] {
    return this.backend.kind;
  }

  withLock<T>(name: string, ttlMs: number, fn: () => Promise<T>): Promise<T> {
    return withLease(this.coordination, `lock:${name}`, ttlMs, fn, 10_000, () => new AppError('KEYRING_BUSY'));
  }

  /** Serialises every change to one user's records, across processes. */
  withUserLock<T>(userId: string, fn: () => Promise<T>): Promise<T> {
    return withLease(this.coordination, `user:${userIdSchema.parse(userId)}`, USER_LOCK_TTL_MS, fn);
  }

  // ── users ──
  getUser(userId: string): Promise<UserRecord | undefined> {
    return this.records.read(`user:${userIdSchema.parse(userId)}`, userSchema, 'a user record');
  }

  /** Reads, changes and writes a user record under the user's lock; creates it when absent. */
  updateUser(userId: string, change: (user: UserRecord) => UserRecord): Promise<UserRecord> {
    return this.withUserLock(userId, async () => {
      const existing = await this.getUser(userId);
      const user = change(existing ?? this.newUser(userId));
      await this.records.write(`user:${userId}`, userSchema, user);
      if (!existing) await this.registry.add(userId);
      return user;
    });
  }

  /** Every user id in the registry. */
  users(): AsyncIterable<string> {
    return this.registry.all();
  }

  // ── credentials ──
  getCredential(userId: string, exchange: string, account: string): Promise<CredentialRecord | undefined> {
    return this.records.read(credentialKey(userId, exchange, account), credentialSchema, `the ${exchange}/${account} credential`);
  }

  /** Every credential in the user's index, in the order they were connected. */
  async listCredentials(userId: string): Promise<CredentialRecord[]> {
    const user = await this.getUser(userId);
    const keys = (user?.credentials ?? []).map((c) => credentialKey(userId, c.exchange, c.account));
    return this.records.readMany(keys, credentialSchema, 'a credential');
  }

  /**
   * Stores a credential, replacing any at the same place in one write (the old one stays readable
   * until then). The index gains the entry before the record exists, so no record is ever unlisted.
   */
  putCredential(record: CredentialRecord): Promise<void> {
    return this.withUserLock(record.userId, async () => {
      const user = (await this.getUser(record.userId)) ?? this.newUser(record.userId);
      if (!user.credentials.some((c) => c.exchange === record.exchange && c.account === record.account)) {
        await this.records.write(`user:${user.id}`, userSchema, { ...user, credentials: [...user.credentials, { exchange: record.exchange, account: record.account }] });
        await this.registry.add(user.id);
      }
      await this.records.write(credentialKey(record.userId, record.exchange, record.account), credentialSchema, record);
    });
  }

  /** Removes one credential; false when there was none. */
  deleteCredential(userId: string, exchange: string, account: string): Promise<boolean> {
    return this.withUserLock(userId, async () => {
      const user = await this.getUser(userId);
      const listed = user?.credentials.some((c) => c.exchange === exchange && c.account === account);
      if (!user || !listed) return false;
      await this.records.delete(credentialKey(userId, exchange, account));
      await this.records.write(`user:${userId}`, userSchema, { ...user, credentials: user.credentials.filter((c) => !(c.exchange === exchange && c.account === account)) });
      return true;
    });
  }

  // ── audit ──
  /** Appends one event (never a secret: the schema has no free-text field) and drops the oldest past the cap. */
  appendAudit(userId: string, event: Omit<AuditEvent, 'v' | 'at'>): Promise<void> {
    return this.audit.append(userId, event);
  }

  /** The user's most recent events, newest first. */
  recentAudit(userId: string, limit = 20): Promise<AuditEvent[]> {
    return this.audit.recent(userId, limit);
  }

  /** Deletes every record of a user (credentials, audit, user record, registry entry) and compacts the files. */
  async forgetUser(userId: string): Promise<void> {
    await this.withUserLock(userId, async () => {
      const user = await this.getUser(userId);
      await this.records.delete(...(user?.credentials ?? []).map((c) => credentialKey(userId, c.exchange, c.account)));
      await this.audit.erase(userId);
      await this.records.delete(`user:${userId}`);
      await this.registry.remove(userId);
    });
    await this.records.io(() => this.backend.compact());
  }

  // ── DataKeyPort ──
  async getDataKey(userId: string): Promise<WrappedKey | undefined> {
    return (await this.getUser(userId))?.dek;
  }

  async createDataKey(userId: string, key: WrappedKey): Promise<WrappedKey> {
    const user = await this.updateUser(userId, (u) => (u.dek ? u : { ...u, dek: key }));
    return user.dek!;
  }

  replaceDataKey(userId: string, expected: WrappedKey, next: WrappedKey): Promise<boolean> {
    return this.withUserLock(userId, async () => {
      const user = await this.getUser(userId);
      const same = user?.dek && user.dek.kid === expected.kid && user.dek.nonce === expected.nonce && user.dek.ct === expected.ct;
      if (!user || !same) return false;
      await this.records.write(`user:${userId}`, userSchema, { ...user, dek: next });
      return true;
    });
  }

  async deleteDataKey(userId: string): Promise<void> {
    await this.withUserLock(userId, async () => {
      const user = await this.getUser(userId);
      if (user?.dek) await this.records.write(`user:${userId}`, userSchema, { ...user, dek: undefined });
    });
  }

  async *usersWithDataKeys(): AsyncIterable<string> {
    for await (const userId of this.registry.all()) if ((await this.getUser(userId))?.dek) yield userId;
  }

  // ── KeyringStatePort ──
  getKeyringState(): Promise<KeyringState | undefined> {
    return this.records.read('meta:keyring', keyringStateSchema, 'the keyring state');
  }

  async putKeyringState(state: KeyringState): Promise<void> {
    await this.records.write('meta:keyring', keyringStateSchema, state);
  }

  // ── operations ──
  /** One cheap round trip: true when the store answers. */
  async ping(): Promise<boolean> {
    try {
      await this.records.io(() => this.coordination.peekOnce('health-probe'));
      return true;
    } catch {
      return false;
    }
  }

  /** A consistent copy of the data, for backups (SQLite only: Redis and Postgres have their own tools). */
  async snapshot(path: string): Promise<void> {
    if (!this.backend.snapshot) throw new Error(`snapshots are made with the ${this.backend.kind} server's own tools`);
    await this.records.io(() => this.backend.snapshot!(path));
  }

  /** Closes the connection once; later calls are no-ops. */
  close(): Promise<void> {
    this.closing ??= this.backend.close();
    return this.closing;
  }

  private newUser(userId: string): UserRecord {
    return { v: 1, id: userIdSchema.parse(userId), createdAt: this.clock.now(), credentials: [], settings: {}, dm: {} };
  }
}

function credentialKey(userId: string, exchange: string, account: string): string {
  return `cred:${userIdSchema.parse(userId)}:${exchangeIdSchema.parse(exchange)}:${accountNameSchema.parse(account)}`;
}
