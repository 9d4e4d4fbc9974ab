import { AppError } from '../errors.js';
import type { ValidationResult } from '../exchanges/index.js';
import { rotationDays, rotationDue, type RotationDue } from '../reminders/policy.js';
import type { AuditEvent, CredentialRecord } from '../store/index.js';
import { statusOf } from './key-status.js';
import type { KeyWriter } from './key-writer.js';
import type { KeyServiceDeps } from './ports.js';
import type { PendingKeys } from './withdraw-confirmation.js';
import { observe } from './write-guard.js';

/** Verdicts about the exchange rather than the key. */
const TRANSIENT: ReadonlySet<string> = new Set(['timeout', 'exchange_down', 'maintenance', 'rate_limited']);

/** A stored key and when it is due for rotation. */
export interface StoredKey {
  record: CredentialRecord;
  due?: RotationDue;
}

/** Keys already stored: listing, checking again, removing one, and forgetting the user. */
export class StoredKeys {
  constructor(
    private readonly deps: KeyServiceDeps,
    private readonly pending: PendingKeys,
    private readonly writer: KeyWriter,
  ) {}

  /** Checks a stored key again now and records what the exchange said. */
  async test(userId: string, exchange: string, account: string): Promise<{ before: CredentialRecord; after: CredentialRecord; result: ValidationResult }> {
    const seen = await observe(this.deps.store, userId, exchange, account);
    if (!seen.record) throw new AppError('ACCOUNT_NOT_FOUND', { exchange, account });
    await this.deps.quota.take(userId);
    const outcome = await this.recheck(userId, exchange, account);
    await this.writer.audit(userId, { action: 'test', exchange, account, keyHint: outcome.after.keyHint, outcome: outcome.result.verdict?.kind ?? 'ok' }, seen);
    return outcome;
  }

  /**
   * Re-validates a stored key (health checks and /keys test) and updates its status. A failure that
   * is the exchange's (down, slow, rate-limited) says nothing about the key: its status stays.
   */
  async recheck(
    userId: string,
    exchange: string,
    account: string,
  ): Promise<{ before: CredentialRecord; after: CredentialRecord; result: ValidationResult; verdictTitle?: string }> {
    const before = await this.writer.require(userId, exchange, account);
    const credentials = await this.deps.vault.openParts({ userId, exchange, account }, [before.sealed, before.sealedApiKey]);
    const result = await this.deps.exchanges.validate(exchange, credentials, undefined, before.hints);
    const transient = result.verdict !== undefined && TRANSIENT.has(result.verdict.kind);
    const checked = (record: CredentialRecord): CredentialRecord =>
      transient
        ? { ...record, lastCheckedAt: result.checkedAt }
        : {
            ...record,
            lastCheckedAt: result.checkedAt,
            status: statusOf(result, record.withdrawConfirmedAt),
            verdict: result.verdict?.kind,
            warnings: result.warnings,
            permissions: result.ok ? result.permissions : record.permissions,
            hints: result.hints ?? record.hints,
          };
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
    await this.writer.audit(userId, { action: 'remove', exchange, account, keyHint: record.keyHint, outcome: 'ok' }, seen);
    await this.deps.schedule.keysChanged(userId);
    return record;
  }

  /** Destroys the user's data key and every record of theirs, in one step no other write can land inside. */
  async forget(userId: string): Promise<number> {
    const { count, former } = await this.deps.store.withUserLock(userId, async () => {
      const user = await this.deps.store.getUser(userId);
      const keys = (await this.deps.store.listCredentials(userId)).length;
      await this.deps.vault.shred(userId);
      await this.pending.forgetUser(userId);
      await this.deps.store.forgetUser(userId);
      return { count: keys, former: user };
    });
    await this.deps.onForget?.(userId, former).catch((err: unknown) => this.deps.log.warn({ err }, 'some traces of a forgotten user could not be deleted'));
    await this.deps.schedule.keysChanged(userId);
    this.deps.log.info({ event: 'forget', keys: count }, 'a user was forgotten');
    return count;
  }

  /** The user's keys, each with its rotation due date. */
  async list(userId: string): Promise<StoredKey[]> {
    const [user, records] = await Promise.all([this.deps.store.getUser(userId), this.deps.store.listCredentials(userId)]);
    const days = rotationDays(user, this.deps.policy.defaultRotationDays);
    return records.map((record) => ({ record, due: rotationDue(record, days) }));
  }

  recentAudit(userId: string, limit = 15): Promise<AuditEvent[]> {
    return this.deps.store.recentAudit(userId, limit);
  }
}
