import type { Clock } from '../clock.js';
import { AppError } from '../errors.js';
import type { AccountBalance, ValidationResult, ValidationStep } from '../exchanges/index.js';
import type { Logger } from '../log.js';
import { rotationDays, rotationDue, type RotationDue } from '../reminders/policy.js';
import type { AuditEvent, CredentialRecord, Store, UserRecord } from '../store/index.js';
import type { Vault } from '../vault/index.js';
import { keyHintFor } from '../exchanges/key-hint.js';
import { statusOf } from './key-status.js';
import type { ExchangePort, KeyPolicy } from './ports.js';
import type { ValidationQuota } from './validation-quota.js';
import { observe, refuseStaleSave, sameUser, type SaveIntent, type Seen } from './write-guard.js';

/** Verdicts about the exchange rather than the key. */
const TRANSIENT: ReadonlySet<string> = new Set(['timeout', 'exchange_down', 'maintenance', 'rate_limited']);

export interface KeyServiceDeps {
  store: Store;
  vault: Vault;
  exchanges: ExchangePort;
  quota: ValidationQuota;
  policy: KeyPolicy;
  clock: Clock;
  log: Logger;
  /** told whenever a key's rotation schedule may have changed (the reminder scheduler listens) */
  onScheduleChange?: (userId: string) => Promise<void>;
  /** after a forget: deletes what names the user outside their records (links, limit windows, posted notices) */
  onForget?: (userId: string, former: UserRecord | undefined) => Promise<void>;
}

/** The outcome of a connect or rotate: the validation, and what was stored when it passed. */
export type SaveOutcome =
  | { ok: true; result: ValidationResult; record: CredentialRecord; due?: RotationDue; preview?: AccountBalance; previousHint?: string }
  | { ok: false; result: ValidationResult };

/** A stored key and when it is due for rotation. */
export interface KeyView {
  record: CredentialRecord;
  due?: RotationDue;
}

/**
 * Everything a user does with their keys, in plain values: the subject is always the caller's own
 * user id. A key is stored or replaced only after it passed validation; secrets live only for the
 * duration of one call.
 */
export class KeyService {
  constructor(private readonly deps: KeyServiceDeps) {}

  /** Before a form opens: is the exchange connectable, is there room, does this account exist? */
  async prepareConnect(userId: string, exchange: string, account: string): Promise<{ exists: boolean; taken: Set<string> }> {
    this.deps.exchanges.entry(exchange);
    await this.deps.quota.ensureAvailable(userId);
    const keys = await this.deps.store.listCredentials(userId);
    const exists = keys.some((k) => k.exchange === exchange && k.account === account);
    if (!exists && keys.length >= this.deps.policy.maxAccountsPerUser) throw new AppError('ACCOUNT_LIMIT', { max: this.deps.policy.maxAccountsPerUser });
    return { exists, taken: new Set(keys.filter((k) => k.exchange === exchange).map((k) => k.account)) };
  }

  /** Before the rotate form opens: the key must exist and a check must be available. */
  async prepareRotate(userId: string, exchange: string, account: string): Promise<CredentialRecord> {
    const record = await this.require(userId, exchange, account);
    await this.deps.quota.ensureAvailable(userId);
    return record;
  }

  /** Validates typed credentials and, only if they pass, stores them (replacing when `replace`). */
  async connect(userId: string, exchange: string, account: string, typed: Record<string, string | undefined>, replace: boolean, onProgress?: (s: ValidationStep) => void, guildId?: string): Promise<SaveOutcome> {
    const credentials = this.deps.exchanges.normalize(exchange, typed);
    const seen = await observe(this.deps.store, userId, exchange, account);
    if (seen.record && !replace) throw new AppError('ACCOUNT_EXISTS', { exchange: this.deps.exchanges.entry(exchange).name, account });
    if (!seen.record) await this.prepareConnect(userId, exchange, account);
    return this.validateAndSave(userId, exchange, account, credentials, seen.record ? 'replace' : 'connect', seen, onProgress, guildId);
  }

  /** Replaces a stored key with a new one that passed validation; the old one stays until the new one is stored. */
  async rotate(userId: string, exchange: string, account: string, typed: Record<string, string | undefined>, onProgress?: (s: ValidationStep) => void, guildId?: string): Promise<SaveOutcome> {
    const seen = await observe(this.deps.store, userId, exchange, account);
    if (!seen.record) throw new AppError('ACCOUNT_NOT_FOUND', { exchange, account });
    const credentials = this.deps.exchanges.normalize(exchange, typed);
    const outcome = await this.validateAndSave(userId, exchange, account, credentials, 'rotate', seen, onProgress, guildId);
    return outcome.ok ? { ...outcome, previousHint: seen.record.keyHint } : outcome;
  }

  /** Checks a stored key again now and records what the exchange said. */
  async test(userId: string, exchange: string, account: string): Promise<{ before: CredentialRecord; after: CredentialRecord; result: ValidationResult }> {
    const seen = await observe(this.deps.store, userId, exchange, account);
    if (!seen.record) throw new AppError('ACCOUNT_NOT_FOUND', { exchange, account });
    await this.deps.quota.take(userId);
    const outcome = await this.recheck(userId, exchange, account);
    await this.audit(userId, { action: 'test', exchange, account, keyHint: outcome.after.keyHint, outcome: outcome.result.verdict?.kind ?? 'ok' }, seen);
    return outcome;
  }

  /**
   * Re-validates a stored key (health checks and /keys test) and updates its status. A failure that
   * is the exchange's (down, slow, rate-limited) says nothing about the key: its status stays.
   */
  async recheck(userId: string, exchange: string, account: string): Promise<{ before: CredentialRecord; after: CredentialRecord; result: ValidationResult; verdictTitle?: string }> {
    const before = await this.require(userId, exchange, account);
    const credentials = await this.deps.vault.open({ userId, exchange, account }, before.sealed);
    const result = await this.deps.exchanges.validate(exchange, credentials, undefined, before.hints);
    const transient = result.verdict !== undefined && TRANSIENT.has(result.verdict.kind);
    const checked = (record: CredentialRecord): CredentialRecord => (transient ? { ...record, lastCheckedAt: result.checkedAt } : {
      ...record, lastCheckedAt: result.checkedAt, status: statusOf(result), verdict: result.verdict?.kind, warnings: result.warnings,
      permissions: result.ok ? result.permissions : record.permissions, hints: result.hints ?? record.hints,
    });
    // applied to the record as it is now, so reminders or snoozes recorded during the check survive
    const after = await this.deps.store.withUserLock(userId, async () => {
      const current = await this.deps.store.getCredential(userId, exchange, account);
      // a rotation that landed meanwhile wins: its record is newer than this check
      if (!current || current.sealed.ct !== before.sealed.ct) return checked(before);
      const next = checked(current);
      await this.deps.store.putCredential(next);
      return next;
    });
    return { before, after, result, verdictTitle: result.verdict?.title };
  }

  /** Deletes one key. */
  async remove(userId: string, exchange: string, account: string): Promise<CredentialRecord> {
    const seen = await observe(this.deps.store, userId, exchange, account);
    const record = seen.record;
    if (!record) throw new AppError('ACCOUNT_NOT_FOUND', { exchange, account });
    await this.deps.store.deleteCredential(userId, exchange, account);
    await this.audit(userId, { action: 'remove', exchange, account, keyHint: record.keyHint, outcome: 'ok' }, seen);
    await this.deps.onScheduleChange?.(userId);
    return record;
  }

  /** Destroys the user's data key and every record of theirs, in one step no other write can land inside. */
  async forget(userId: string): Promise<number> {
    const { count, former } = await this.deps.store.withUserLock(userId, async () => {
      const user = await this.deps.store.getUser(userId);
      const keys = (await this.deps.store.listCredentials(userId)).length;
      await this.deps.vault.shred(userId);
      await this.deps.store.forgetUser(userId);
      return { count: keys, former: user };
    });
    await this.deps.onForget?.(userId, former).catch((err: unknown) => this.deps.log.warn({ err }, 'some traces of a forgotten user could not be deleted'));
    await this.deps.onScheduleChange?.(userId);
    this.deps.log.info({ event: 'forget', keys: count }, 'a user was forgotten');
    return count;
  }

  /** The user's keys, each with its rotation due date. */
  async list(userId: string): Promise<KeyView[]> {
    const [user, records] = await Promise.all([this.deps.store.getUser(userId), this.deps.store.listCredentials(userId)]);
    const days = rotationDays(user, this.deps.policy.defaultRotationDays);
    return records.map((record) => ({ record, due: rotationDue(record, days) }));
  }

  recentAudit(userId: string, limit = 15): Promise<AuditEvent[]> {
    return this.deps.store.recentAudit(userId, limit);
  }

  private async validateAndSave(userId: string, exchange: string, account: string, credentials: Record<string, string>, action: 'connect' | 'replace' | 'rotate', seen: Seen, onProgress?: (s: ValidationStep) => void, guildId?: string): Promise<SaveOutcome> {
    await this.deps.quota.take(userId);
    const result = await this.deps.exchanges.validate(exchange, credentials, onProgress);
    const hint = keyHintFor(this.deps.exchanges.entry(exchange), credentials);
    if (!result.ok) {
      await this.audit(userId, { action: 'validation_failed', exchange, account, keyHint: hint, outcome: result.verdict?.kind ?? 'unknown' }, seen);
      return { ok: false, result };
    }
    const preview = result.balance ? { ok: true as const, balance: result.balance, hints: result.hints } : await this.deps.exchanges.balance(exchange, credentials, result.hints);
    const now = this.deps.clock.now();
    const intent: SaveIntent = action === 'connect' ? { kind: 'add', exchangeName: this.deps.exchanges.entry(exchange).name, maxAccounts: this.deps.policy.maxAccountsPerUser } : { kind: 'replace' };
    const record: CredentialRecord = await this.deps.store.withUserLock(userId, async () => {
      // checked again here, where no other write can interleave: forget, remove and racing connects win
      await refuseStaleSave(this.deps.store, userId, exchange, account, seen, intent);
      const sealed = await this.deps.vault.seal({ userId, exchange, account }, credentials);
      const existing = await this.deps.store.getCredential(userId, exchange, account);
      const guild = guildId ?? existing?.guildId; // a rotation from a DM keeps the key's server
      const next: CredentialRecord = {
        ...(guild ? { guildId: guild } : {}),
        v: 1, userId, exchange, account, keyHint: hint, createdAt: existing?.createdAt ?? now, rotatedAt: now, lastCheckedAt: result.checkedAt,
        status: statusOf(result), warnings: result.warnings, permissions: result.permissions,
        hints: (preview.ok ? preview.hints : undefined) ?? result.hints, sealed, reminders: {},
      };
      await this.deps.store.putCredential(next);
      await this.audit(userId, { action, exchange, account, keyHint: hint, outcome: 'ok' });
      return next;
    });
    await this.deps.onScheduleChange?.(userId);
    const user = await this.deps.store.getUser(userId);
    return { ok: true, result, record, due: rotationDue(record, rotationDays(user, this.deps.policy.defaultRotationDays)), preview: preview.ok ? preview.balance : undefined };
  }

  private async require(userId: string, exchange: string, account: string): Promise<CredentialRecord> {
    const record = await this.deps.store.getCredential(userId, exchange, account);
    if (!record) throw new AppError('ACCOUNT_NOT_FOUND', { exchange, account });
    return record;
  }

  /** Appends an audit event, unless the user was forgotten since `seen` (checked under their lock). */
  private async audit(userId: string, event: Omit<AuditEvent, 'v' | 'at'>, seen?: Seen): Promise<void> {
    await this.deps.store.withUserLock(userId, async () => {
      if (seen && !sameUser(seen, await this.deps.store.getUser(userId))) return;
      await this.deps.store.appendAudit(userId, event);
    }).catch((err: unknown) => this.deps.log.warn({ err }, 'audit write failed'));
  }
}
