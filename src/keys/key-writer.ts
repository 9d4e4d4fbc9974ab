import { AppError } from '../errors.js';
import type { ValidationResult } from '../exchanges/index.js';
import { rotationDays, rotationDue } from '../reminders/policy.js';
import type { AuditEvent, CredentialRecord } from '../store/index.js';
import type { CredentialPlace } from '../vault/index.js';
import { statusOf } from './key-status.js';
import type { SaveAction, SaveOutcome, Saved, SealedParts } from './outcomes.js';
import type { KeyServiceDeps } from './ports.js';
import { PENDING_KEY_TTL_MS, type PendingKeys } from './withdraw-confirmation.js';
import { refuseStaleSave, sameUser, type SaveIntent, type Seen } from './write-guard.js';

/** A key that passed its checks, with what the write needs to know about it. */
export interface PassedKey {
  userId: string;
  exchange: string;
  account: string;
  action: SaveAction;
  hint: string;
  credentials: Record<string, string>;
  result: ValidationResult;
  /** the stored key as the flow saw it before the check, for the write guard */
  seen: Seen;
  guildId?: string;
  /** a key pair Keyward created: its private key is already sealed */
  parts?: SealedParts;
}

/**
 * The one way a key that passed its checks is written: stored under the user's lock after the write
 * guard, or held sealed for the withdrawal question; plus the audit trail every flow appends to.
 */
export class KeyWriter {
  constructor(
    private readonly deps: KeyServiceDeps,
    private readonly pending: PendingKeys,
  ) {}

  /** Nothing is stored: the credentials wait sealed with the owner's data key, in a one-time value that expires. */
  async holdForConfirmation(key: PassedKey): Promise<SaveOutcome> {
    const { userId, exchange, account, action, hint, credentials, result, seen, guildId, parts } = key;
    // under the lock, like a save: sealing may create a data key, and a forget that landed meanwhile wins
    const pendingId = await this.deps.store.withUserLock(userId, async () => {
      await refuseStaleSave(this.deps.store, userId, exchange, account, seen, this.intentOf(action, exchange));
      const place = { userId, exchange, account };
      // a generated pair keeps its private-key part; its API key part is sealed here, after the guard
      const sealed = parts
        ? { ...parts, sealedApiKey: await this.deps.vault.sealPartOf(place, { apiKey: credentials.apiKey! }, parts.sealed) }
        : { sealed: await this.deps.vault.seal(place, credentials, true) };
      return this.pending.put({
        v: 1,
        userId,
        exchange,
        account,
        action,
        keyHint: hint,
        ...sealed,
        permissions: result.permissions,
        warnings: result.warnings,
        hints: result.hints,
        clock: result.clock,
        checkedAt: result.checkedAt,
        ...(guildId ? { guildId } : {}),
        ...(seen.record?.sealed.n === undefined ? {} : { replaces: seen.record.sealed.n }),
      });
    });
    return { ok: false, result, unreported: 'ask', pendingId, keyHint: hint, expiresAt: this.deps.clock.now() + PENDING_KEY_TTL_MS };
  }

  /** `withdrawConfirmedAt`: when the owner said withdrawals are off, where the exchange does not report them. */
  async save(key: PassedKey, withdrawConfirmedAt?: number): Promise<Saved> {
    const { userId, exchange, account, action, hint, credentials, result, seen, guildId, parts } = key;
    const preview = result.balance
      ? { ok: true as const, balance: result.balance, hints: result.hints }
      : await this.deps.exchanges.balance(exchange, credentials, result.hints);
    const now = this.deps.clock.now();
    const intent = this.intentOf(action, exchange);
    const record: CredentialRecord = await this.deps.store.withUserLock(userId, async () => {
      // checked again here, where no other write can interleave: forget, remove and racing connects win
      await refuseStaleSave(this.deps.store, userId, exchange, account, seen, intent);
      const stored = await this.sealForStore({ userId, exchange, account }, credentials, parts);
      const existing = await this.deps.store.getCredential(userId, exchange, account);
      const guild = guildId ?? existing?.guildId; // a rotation from a DM keeps the key's server
      const next: CredentialRecord = {
        ...(guild ? { guildId: guild } : {}),
        v: 1,
        userId,
        exchange,
        account,
        keyHint: hint,
        createdAt: existing?.createdAt ?? now,
        rotatedAt: now,
        lastCheckedAt: result.checkedAt,
        status: statusOf(result, withdrawConfirmedAt),
        warnings: result.warnings,
        permissions: result.permissions,
        hints: (preview.ok ? preview.hints : undefined) ?? result.hints,
        ...stored,
        reminders: {},
        ...(withdrawConfirmedAt === undefined ? {} : { withdrawConfirmedAt }),
      };
      await this.deps.store.putCredential(next);
      await this.audit(userId, { action, exchange, account, keyHint: hint, outcome: 'ok' });
      return next;
    });
    await this.deps.schedule.keysChanged(userId);
    const user = await this.deps.store.getUser(userId);
    return {
      ok: true,
      result,
      record,
      due: rotationDue(record, rotationDays(user, this.deps.policy.defaultRotationDays)),
      preview: preview.ok ? preview.balance : undefined,
    };
  }

  intentOf(action: SaveAction, exchange: string): SaveIntent {
    return action === 'connect'
      ? { kind: 'add', exchangeName: this.deps.exchanges.entry(exchange).name, maxAccounts: this.deps.policy.maxAccountsPerUser }
      : { kind: 'replace' };
  }

  /**
   * Sealed under the user's lock, so the record carries the newest counter. A self-generated key keeps
   * the ciphertext its private key was sealed into when it was created; its API key part is sealed
   * again here, naming that ciphertext, so the record opens and any older copy of it does not.
   */
  private async sealForStore(
    place: CredentialPlace,
    credentials: Record<string, string>,
    parts?: SealedParts,
  ): Promise<Pick<CredentialRecord, 'sealed' | 'sealedApiKey' | 'selfGenerated'>> {
    if (!parts) return { sealed: await this.deps.vault.seal(place, credentials) };
    return {
      sealed: parts.sealed,
      sealedApiKey: await this.deps.vault.sealPartOf(place, { apiKey: credentials.apiKey! }, parts.sealed),
      selfGenerated: parts.selfGenerated,
    };
  }

  async require(userId: string, exchange: string, account: string): Promise<CredentialRecord> {
    const record = await this.deps.store.getCredential(userId, exchange, account);
    if (!record) throw new AppError('ACCOUNT_NOT_FOUND', { exchange, account });
    return record;
  }

  /** Appends an audit event, unless the user was forgotten since `seen` (checked under their lock). */
  async audit(userId: string, event: Omit<AuditEvent, 'v' | 'at'>, seen?: Seen): Promise<void> {
    await this.deps.store
      .withUserLock(userId, async () => {
        if (seen && !sameUser(seen, await this.deps.store.getUser(userId))) return;
        await this.deps.store.appendAudit(userId, event);
      })
      .catch((err: unknown) => this.deps.log.warn({ err }, 'audit write failed'));
  }
}
