import { z } from 'zod';
import type { Clock } from '../clock.js';
import { AppError, isAppError } from '../errors.js';
import type { DataKeyPort, KeyringState, KeyringStatePort, LockPort, WrappedKey } from '../vault/ports.js';
import { isCorruption, type Backend } from './backends/backend.js';
import type { Coordination } from './coordination.js';
import { withLease } from './locks.js';
import {
  accountNameSchema, auditEventSchema, credentialSchema, exchangeIdSchema, keyringStateSchema, userIdSchema, userSchema,
  type AuditEvent, type CredentialRecord, type UserRecord,
} from './records.js';

const REGISTRY_BUCKETS = 64;
const USER_LOCK_TTL_MS = 30_000;

export interface StoreOptions {
  /** how many audit events are kept per user (oldest dropped first) */
  auditCap?: number;
}

/**
 * Typed, validated records on any keyv adapter. A user's credentials are found through the index in
 * the user record and all users through a bucketed registry, never by listing store keys. Every
 * change to one user's records happens under that user's cross-process lock.
 */
export class Store implements DataKeyPort, KeyringStatePort, LockPort {
  readonly coordination: Coordination;
  private readonly auditCap: number;
  private closing: Promise<void> | undefined;

  constructor(private readonly backend: Backend, private readonly clock: Clock, opts: StoreOptions = {}) {
    this.coordination = backend.coordination;
    this.auditCap = opts.auditCap ?? 200;
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
    return this.read(`user:${userIdSchema.parse(userId)}`, userSchema, 'a user record');
  }

  /** Reads, changes and writes a user record under the user's lock; creates it when absent. */
  updateUser(userId: string, change: (user: UserRecord) => UserRecord): Promise<UserRecord> {
    return this.withUserLock(userId, async () => {
      const existing = await this.getUser(userId);
      const user = change(existing ?? this.newUser(userId));
      await this.write(`user:${userId}`, userSchema, user);
      if (!existing) await this.register(userId);
      return user;
    });
  }

  // ── credentials ──
  getCredential(userId: string, exchange: string, account: string): Promise<CredentialRecord | undefined> {
    return this.read(credentialKey(userId, exchange, account), credentialSchema, `the ${exchange}/${account} credential`);
  }

  /** Every credential in the user's index, in the order they were connected. */
  async listCredentials(userId: string): Promise<CredentialRecord[]> {
    const user = await this.getUser(userId);
    if (!user || user.credentials.length === 0) return [];
    const keys = user.credentials.map((c) => credentialKey(userId, c.exchange, c.account));
    const raws = (await this.io(() => this.backend.keyv.get(keys))) as unknown[];
    return raws.flatMap((raw, i) => (raw === undefined ? [] : [this.parse(raw, credentialSchema, `the ${keys[i]} credential`)]));
  }

  /**
   * Stores a credential, replacing any at the same place in one write (the old one stays readable
   * until then). The index gains the entry before the record exists, so no record is ever unlisted.
   */
  putCredential(record: CredentialRecord): Promise<void> {
    return this.withUserLock(record.userId, async () => {
      const user = (await this.getUser(record.userId)) ?? this.newUser(record.userId);
      if (!user.credentials.some((c) => c.exchange === record.exchange && c.account === record.account)) {
        await this.write(`user:${user.id}`, userSchema, {
          ...user, credentials: [...user.credentials, { exchange: record.exchange, account: record.account }],
        });
        await this.register(user.id);
      }
      await this.write(credentialKey(record.userId, record.exchange, record.account), credentialSchema, record);
    });
  }

  /** Removes one credential; false when there was none. */
  deleteCredential(userId: string, exchange: string, account: string): Promise<boolean> {
    return this.withUserLock(userId, async () => {
      const user = await this.getUser(userId);
      const listed = user?.credentials.some((c) => c.exchange === exchange && c.account === account);
      if (!user || !listed) return false;
      await this.io(() => this.backend.keyv.delete(credentialKey(userId, exchange, account)));
      await this.write(`user:${userId}`, userSchema, {
        ...user, credentials: user.credentials.filter((c) => !(c.exchange === exchange && c.account === account)),
      });
      return true;
    });
  }

  // ── audit ──
  /** Appends one event (never a secret: the schema has no free-text field) and drops the oldest past the cap. */
  async appendAudit(userId: string, event: Omit<AuditEvent, 'v' | 'at'>): Promise<void> {
    const seq = await this.io(() => this.coordination.increment(`audit:${userIdSchema.parse(userId)}`));
    await this.write(`audit:${userId}:${seq}`, auditEventSchema, { v: 1, at: this.clock.now(), ...event });
    if (seq > this.auditCap) await this.io(() => this.backend.keyv.delete(`audit:${userId}:${seq - this.auditCap}`));
  }

  /** The user's most recent events, newest first. */
  async recentAudit(userId: string, limit = 20): Promise<AuditEvent[]> {
    const last = await this.io(() => this.coordination.readCounter(`audit:${userIdSchema.parse(userId)}`));
    const keys: string[] = [];
    for (let seq = last; seq > 0 && keys.length < Math.min(limit, this.auditCap); seq--) keys.push(`audit:${userId}:${seq}`);
    if (keys.length === 0) return [];
    const raws = (await this.io(() => this.backend.keyv.get(keys))) as unknown[];
    return raws.flatMap((raw) => (raw === undefined ? [] : [this.parse(raw, auditEventSchema, 'an audit event')]));
  }

  // ── forgetting ──
  /** Deletes every record of a user (credentials, audit, user record, registry entry) and compacts the files. */
  async forgetUser(userId: string): Promise<void> {
    await this.withUserLock(userId, async () => {
      const user = await this.getUser(userId);
      for (const c of user?.credentials ?? []) await this.io(() => this.backend.keyv.delete(credentialKey(userId, c.exchange, c.account)));
      const last = await this.io(() => this.coordination.readCounter(`audit:${userId}`));
      const auditKeys = Array.from({ length: Math.min(last, this.auditCap) }, (_, i) => `audit:${userId}:${last - i}`);
      if (auditKeys.length > 0) await this.io(() => this.backend.keyv.deleteMany(auditKeys));
      await this.io(() => this.coordination.deleteCounter(`audit:${userId}`));
      await this.io(() => this.backend.keyv.delete(`user:${userId}`));
      await this.unregister(userId);
    });
    await this.io(() => this.backend.compact());
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
      await this.write(`user:${userId}`, userSchema, { ...user, dek: next });
      return true;
    });
  }

  async deleteDataKey(userId: string): Promise<void> {
    await this.withUserLock(userId, async () => {
      const user = await this.getUser(userId);
      if (user?.dek) await this.write(`user:${userId}`, userSchema, { ...user, dek: undefined });
    });
  }

  async *usersWithDataKeys(): AsyncIterable<string> {
    for await (const userId of this.users()) if ((await this.getUser(userId))?.dek) yield userId;
  }

  /** Every user id in the registry. */
  async *users(): AsyncIterable<string> {
    for (let bucket = 0; bucket < REGISTRY_BUCKETS; bucket++) {
      const ids = await this.read(`registry:${bucket}`, registrySchema, 'the user registry');
      for (const id of ids ?? []) yield id;
    }
  }

  // ── KeyringStatePort ──
  getKeyringState(): Promise<KeyringState | undefined> {
    return this.read('meta:keyring', keyringStateSchema, 'the keyring state');
  }

  async putKeyringState(state: KeyringState): Promise<void> {
    await this.write('meta:keyring', keyringStateSchema, state);
  }

  /** One cheap round trip: true when the store answers. */
  async ping(): Promise<boolean> {
    try {
      await this.io(() => this.coordination.peekOnce('health-probe'));
      return true;
    } catch {
      return false;
    }
  }

  /** A consistent copy of the data, for backups (SQLite only: Redis and Postgres have their own tools). */
  async snapshot(path: string): Promise<void> {
    if (!this.backend.snapshot) throw new Error(`snapshots are made with the ${this.backend.kind} server's own tools`);
    await this.io(() => this.backend.snapshot!(path));
  }

  /** Closes the connection once; later calls are no-ops. */
  close(): Promise<void> {
    this.closing ??= this.backend.close();
    return this.closing;
  }

  // ── internals ──
  private newUser(userId: string): UserRecord {
    return { v: 1, id: userIdSchema.parse(userId), createdAt: this.clock.now(), credentials: [], settings: {}, dm: {} };
  }

  private async register(userId: string): Promise<void> {
    await this.changeBucket(userId, (ids) => (ids.includes(userId) ? ids : [...ids, userId]));
  }

  private async unregister(userId: string): Promise<void> {
    await this.changeBucket(userId, (ids) => ids.filter((id) => id !== userId));
  }

  private async changeBucket(userId: string, change: (ids: string[]) => string[]): Promise<void> {
    const bucket = bucketOf(userId);
    await withLease(this.coordination, `registry:${bucket}`, USER_LOCK_TTL_MS, async () => {
      const ids = (await this.read(`registry:${bucket}`, registrySchema, 'the user registry')) ?? [];
      const next = change(ids);
      if (next !== ids) await this.write(`registry:${bucket}`, registrySchema, next);
    });
  }

  private async read<T>(key: string, schema: z.ZodType<T>, what: string): Promise<T | undefined> {
    const raw = await this.io(() => this.backend.keyv.get(key));
    return raw === undefined ? undefined : this.parse(raw, schema, what);
  }

  private parse<T>(raw: unknown, schema: z.ZodType<T>, what: string): T {
    const parsed = schema.safeParse(raw);
    if (!parsed.success) throw new AppError('STORE_CORRUPT', { what });
    return parsed.data;
  }

  private async write<T>(key: string, schema: z.ZodType<T>, value: T): Promise<void> {
    const checked = schema.parse(value);
    await this.io(() => this.backend.keyv.set(key, stripUndefined(checked)));
  }

  /** Turns engine failures into the two errors an operator and a user can act on. */
  private async io<T>(op: () => Promise<T>): Promise<T> {
    try {
      return await op();
    } catch (err) {
      if (isAppError(err)) throw err;
      if (isCorruption(err) || err instanceof SyntaxError) throw new AppError('STORE_CORRUPT', { what: 'the database' }, { cause: err });
      throw new AppError('STORE_UNAVAILABLE', undefined, { cause: err });
    }
  }
}

const registrySchema = z.array(userIdSchema);

function credentialKey(userId: string, exchange: string, account: string): string {
  return `cred:${userIdSchema.parse(userId)}:${exchangeIdSchema.parse(exchange)}:${accountNameSchema.parse(account)}`;
}

function bucketOf(userId: string): number {
  let h = 0;
  for (const ch of userId) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return h % REGISTRY_BUCKETS;
}

/** keyv serialises with JSON; drop undefined fields so a record reads back exactly as validated. */
function stripUndefined<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
