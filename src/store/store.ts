import type { Clock } from '../clock.js';
import { AppError } from '../errors.js';
import type { z } from 'zod';
import type { CredentialPlace, DataKeyPort, KeyringState, KeyringStatePort, KeyringUse, LockPort, WrappedKey } from '../vault/ports.js';
import { AuditLog } from './audit-log.js';
import type { Logger } from '../log.js';
import type { Backend, CompactResult } from './backends/backend.js';
import type { Coordination } from './coordination.js';
import { withLease } from './locks.js';
import { RecordIO } from './record-io.js';
import {
  accountNameSchema,
  credentialSchema,
  exchangeIdSchema,
  keyringStateSchema,
  keyringUsesSchema,
  userIdSchema,
  userSchema,
  type AuditEvent,
  type CredentialRecord,
  type UserRecord,
} from './records.js';
import { UserRegistry } from './user-registry.js';

const USER_LOCK_TTL_MS = 30_000;
/** a heartbeat holds this long: six missed checks of the keyring mean the process is gone */
const KEYRING_USE_TTL_MS = 30_000;

export interface StoreOptions {
  /** how many audit events are kept per user (oldest dropped first) */
  auditCap?: number;
  /** how long forgetting a user waits for the engine to drop the data from its files (default 15 s) */
  compactWaitMs?: number;
  /** where to report what forgetting could not remove from the files */
  log?: Logger;
}

/**
 * Typed, validated records on any keyv adapter. A user's credentials are found through the index in
 * the user record and all users through a bucketed registry, never by listing store keys. Every
 * change to one user's records happens under that user's cross-process lock.
 */
export class Store implements DataKeyPort, KeyringStatePort, LockPort {
  readonly coordination: Coordination;
  private readonly records: RecordIO;
  private readonly registry: UserRegistry;
  private readonly audit: AuditLog;
  private closing: Promise<void> | undefined;
  private readonly compactWaitMs: number;
  private readonly log: Logger | undefined;

  constructor(
    private readonly backend: Backend,
    private readonly clock: Clock,
    opts: StoreOptions = {},
  ) {
    this.coordination = backend.coordination;
    this.records = new RecordIO(backend);
    this.registry = new UserRegistry(this.records, this.coordination);
    this.audit = new AuditLog(this.records, this.coordination, clock, opts.auditCap ?? 200);
    this.compactWaitMs = opts.compactWaitMs ?? 15_000;
    this.log = opts.log;
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
  /** The credential at a place, if the user's index lists it (a row the index does not list was put there by hand). */
  async getCredential(userId: string, exchange: string, account: string): Promise<CredentialRecord | undefined> {
    const [user, record] = await Promise.all([
      this.getUser(userId),
      this.records.read(credentialKey(userId, exchange, account), credentialSchema, `the ${exchange}/${account} credential`),
    ]);
    return user?.credentials.some((c) => c.exchange === exchange && c.account === account) ? record : undefined;
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
      const ref = { exchange: record.exchange, account: record.account, n: newestSeal(record) };
      const listed = user.credentials.find((c) => c.exchange === record.exchange && c.account === record.account);
      if (!listed) {
        await this.records.write(`user:${user.id}`, userSchema, { ...user, credentials: [...user.credentials, ref] });
        await this.registry.add(user.id);
      }
      await this.records.write(credentialKey(record.userId, record.exchange, record.account), credentialSchema, record);
      // the index learns the new counter only after the record holds it: a crash between leaves a record that still opens.
      // It never goes down: writing back an older copy someone put in place (a snooze, a reminder stage) must not make it open
      if (listed && (ref.n ?? 0) > (listed.n ?? 0)) {
        await this.records.write(`user:${user.id}`, userSchema, { ...user, credentials: user.credentials.map((c) => (c === listed ? ref : c)) });
      }
    });
  }

  /** Removes one credential; false when there was none. */
  deleteCredential(userId: string, exchange: string, account: string): Promise<boolean> {
    return this.withUserLock(userId, async () => {
      const user = await this.getUser(userId);
      const listed = user?.credentials.some((c) => c.exchange === exchange && c.account === account);
      if (!user || !listed) return false;
      await this.records.delete(credentialKey(userId, exchange, account));
      await this.records.write(`user:${userId}`, userSchema, {
        ...user,
        credentials: user.credentials.filter((c) => !(c.exchange === exchange && c.account === account)),
      });
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

  /**
   * Deletes every record of a user (credentials, audit, user record, registry entry), then has the
   * engine drop them from its live files; what it could not do is logged for the operator and returned.
   */
  async forgetUser(userId: string): Promise<CompactResult> {
    await this.withUserLock(userId, async () => {
      const user = await this.getUser(userId);
      await this.records.delete(...(user?.credentials ?? []).map((c) => credentialKey(userId, c.exchange, c.account)));
      await this.audit.erase(userId);
      await this.records.io(() => this.coordination.deleteCounter(sealCounter(userId)));
      await this.records.delete(`user:${userId}`);
      await this.registry.remove(userId);
    });
    const result = await this.records.io(() => this.backend.compact(this.compactWaitMs));
    if (!result.clean) this.log?.warn({ store: this.backend.kind, residue: result.detail }, "a forgotten user may remain in the store's files");
    return result;
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

  nextSealCounter(userId: string): Promise<number> {
    return this.records.io(() => this.coordination.increment(sealCounter(userId)));
  }

  async getSealingState(place: CredentialPlace): Promise<{ key?: WrappedKey; counter?: number }> {
    const user = await this.getUser(place.userId);
    return { key: user?.dek, counter: user?.credentials.find((c) => c.exchange === place.exchange && c.account === place.account)?.n };
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

  async reportKeyringUse(use: KeyringUse): Promise<void> {
    await this.changeKeyringUses((uses) => ({ ...uses, [use.processId]: { version: use.version, until: this.clock.now() + KEYRING_USE_TTL_MS } }));
  }

  async endKeyringUse(processId: string): Promise<void> {
    await this.changeKeyringUses((uses) => Object.fromEntries(Object.entries(uses).filter(([id]) => id !== processId)));
  }

  async keyringUses(): Promise<KeyringUse[]> {
    const uses = (await this.records.read('meta:keyring-uses', keyringUsesSchema, 'the keyring heartbeats')) ?? {};
    const now = this.clock.now();
    return Object.entries(uses)
      .filter(([, u]) => u.until > now)
      .map(([processId, u]) => ({ processId, version: u.version }));
  }

  private changeKeyringUses(change: (uses: z.infer<typeof keyringUsesSchema>) => z.infer<typeof keyringUsesSchema>): Promise<void> {
    return withLease(this.coordination, 'keyring-uses', USER_LOCK_TTL_MS, async () => {
      const now = this.clock.now();
      const uses = (await this.records.read('meta:keyring-uses', keyringUsesSchema, 'the keyring heartbeats')) ?? {};
      // lapsed heartbeats (processes that died) are dropped on every write
      const alive = Object.fromEntries(Object.entries(uses).filter(([, u]) => u.until > now));
      await this.records.write('meta:keyring-uses', keyringUsesSchema, change(alive));
    });
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

const sealCounter = (userId: string) => `seal:${userIdSchema.parse(userId)}`;

function credentialKey(userId: string, exchange: string, account: string): string {
  return `cred:${userIdSchema.parse(userId)}:${exchangeIdSchema.parse(exchange)}:${accountNameSchema.parse(account)}`;
}

/** A record's counter is its newest part's: a generated private key keeps its older counter, bound to the API key part sealed with it. */
function newestSeal(record: CredentialRecord): number | undefined {
  const counters = [record.sealed.n, record.sealedApiKey?.n].filter((n): n is number => n !== undefined);
  return counters.length ? Math.max(...counters) : undefined;
}
