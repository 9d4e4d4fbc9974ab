import type { Clock } from '../clock.js';
import { AppError } from '../errors.js';
import type { AccountBalance, ValidationResult, ValidationStep, WarningCode } from '../exchanges/index.js';
import type { Logger } from '../log.js';
import { rotationDays, rotationDue, type RotationDue } from '../reminders/policy.js';
import { selfGeneratedKeySupport } from '../exchanges/index.js';
import type { AuditEvent, CredentialRecord, SelfGeneratedInfo, Store, UserRecord } from '../store/index.js';
import type { CredentialPlace, Sealed, Vault } from '../vault/index.js';
import { keyHintFor } from '../exchanges/key-hint.js';
import { statusOf } from './key-status.js';
import type { ExchangePort, KeyPolicy } from './ports.js';
import type { ValidationQuota } from './validation-quota.js';
import { KEY_PAIR_TTL_MS, PendingKeyPairs } from './pending-key-pairs.js';
import { observe, refuseStaleSave, sameUser, type SaveIntent, type Seen } from './write-guard.js';
import { PENDING_KEY_TTL_MS, PendingKeys, unreportedWithdrawDecision } from './withdraw-confirmation.js';

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

type SaveAction = 'connect' | 'replace' | 'rotate';

/**
 * A self-generated key as it is stored: the private key sealed when the pair was created (never
 * re-sealed), the API key sealed on its own (again under the user's lock when stored), and the
 * public metadata.
 */
interface SealedParts {
  sealed: Sealed;
  sealedApiKey?: Sealed;
  selfGenerated: SelfGeneratedInfo;
}

/** A key pair Keyward created: what the user pastes on the exchange, and until when the pair waits. */
export interface CreatedKeyPair {
  pendingId: string;
  exchange: string;
  account: string;
  keyType: SelfGeneratedInfo['keyType'];
  publicKey: string;
  expiresAt: number;
}

/** A key that was stored: its validation, its record and what the user sees next. */
export type Saved = { ok: true; result: ValidationResult; record: CredentialRecord; due?: RotationDue; preview?: AccountBalance; previousHint?: string };

/**
 * The outcome of a connect or rotate: stored; refused (a verdict, or withdrawal not reported under
 * the `refuse` policy); or waiting for the owner to confirm withdrawals are off (nothing stored yet).
 */
export type SaveOutcome =
  | Saved
  | { ok: false; result: ValidationResult; unreported?: 'refused' }
  | { ok: false; result: ValidationResult; unreported: 'ask'; pendingId: string; keyHint: string; expiresAt: number };

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
  private readonly pending: PendingKeys;
  private readonly keyPairs: PendingKeyPairs;

  constructor(private readonly deps: KeyServiceDeps) {
    this.pending = new PendingKeys(deps.store.coordination);
    this.keyPairs = new PendingKeyPairs(deps.store.coordination);
  }

  /** Before a form opens: is the exchange connectable, is there room, does this account exist? */
  async prepareConnect(userId: string, exchange: string, account: string): Promise<{ exists: boolean; taken: Set<string> }> {
    this.deps.exchanges.entry(exchange);
    // both reads at once: the form must open within Discord's 3 s, and a full quota or cap still stops it
    const [, keys] = await Promise.all([this.deps.quota.ensureAvailable(userId), this.deps.store.listCredentials(userId)]);
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
  async connect(
    userId: string,
    exchange: string,
    account: string,
    typed: Record<string, string | undefined>,
    replace: boolean,
    onProgress?: (s: ValidationStep) => void,
    guildId?: string,
  ): Promise<SaveOutcome> {
    const credentials = this.deps.exchanges.normalize(exchange, typed);
    const seen = await observe(this.deps.store, userId, exchange, account);
    if (seen.record && !replace) throw new AppError('ACCOUNT_EXISTS', { exchange: this.deps.exchanges.entry(exchange).name, account });
    if (!seen.record) await this.prepareConnect(userId, exchange, account);
    return this.validateAndSave(userId, exchange, account, credentials, seen.record ? 'replace' : 'connect', seen, onProgress, guildId);
  }

  /** Replaces a stored key with a new one that passed validation; the old one stays until the new one is stored. */
  async rotate(
    userId: string,
    exchange: string,
    account: string,
    typed: Record<string, string | undefined>,
    onProgress?: (s: ValidationStep) => void,
    guildId?: string,
  ): Promise<SaveOutcome> {
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
  async recheck(
    userId: string,
    exchange: string,
    account: string,
  ): Promise<{ before: CredentialRecord; after: CredentialRecord; result: ValidationResult; verdictTitle?: string }> {
    const before = await this.require(userId, exchange, account);
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
      await this.pending.forgetUser(userId);
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

  /**
   * Creates a key pair for an exchange that accepts uploaded public keys. The private key is sealed
   * inside the vault at once and waits, bound to user, exchange and account, for the API key the
   * exchange displays; it is destroyed when it expires or is cancelled, and a forget makes it void.
   */
  async createKeyPair(userId: string, exchange: string, account: string, action: SaveAction, guildId?: string): Promise<CreatedKeyPair> {
    const support = selfGeneratedKeySupport(exchange);
    if (!support) throw new AppError('KEY_PAIR_UNSUPPORTED', { exchange: this.deps.exchanges.entry(exchange).name });
    if (action === 'rotate') await this.require(userId, exchange, account);
    const keyType = support.keyTypes[0];
    const { publicKey, sealed } = await this.deps.vault.sealNewKeyPair({ userId, exchange, account }, keyType, support.rsaBits);
    const createdAt = this.deps.clock.now();
    const expiresAt = createdAt + KEY_PAIR_TTL_MS;
    // sealing made the user's record (with their data key) if there was none
    const userSince = (await this.deps.store.getUser(userId))?.createdAt;
    if (userSince === undefined) throw new AppError('FORGOTTEN_MEANWHILE');
    const pendingId = await this.keyPairs.put({
      v: 1,
      userId,
      exchange,
      account,
      action,
      keyType,
      publicKey,
      sealed,
      createdAt,
      expiresAt,
      userSince,
      ...(guildId ? { guildId } : {}),
    });
    await this.audit(userId, { action: 'key_pair_created', exchange, account });
    return { pendingId, exchange, account, keyType, publicKey, expiresAt };
  }

  /** A created key pair that still waits (for a retry button), or KEY_PAIR_EXPIRED. */
  async pendingKeyPair(userId: string, pendingId: string): Promise<CreatedKeyPair> {
    const p = await this.keyPairs.peek(userId, pendingId);
    if (!p) throw new AppError('KEY_PAIR_EXPIRED');
    return { pendingId, exchange: p.exchange, account: p.account, keyType: p.keyType, publicKey: p.publicKey, expiresAt: p.expiresAt };
  }

  /**
   * The user created the key on the exchange and typed the API key it shows: the check signs with
   * the waiting private key. Only a key that passed is stored, promoting the sealed private key as
   * it is, through the same under-lock check as every save; a failed check leaves the pair waiting
   * for another try until it expires. A pair made before the user was forgotten is void.
   */
  async completeKeyPair(
    userId: string,
    pendingId: string,
    typed: Record<string, string | undefined>,
    onProgress?: (s: ValidationStep) => void,
  ): Promise<SaveOutcome> {
    const waiting = await this.keyPairs.peek(userId, pendingId);
    if (!waiting) throw new AppError('KEY_PAIR_EXPIRED');
    const { exchange, account, action } = waiting;
    const place = { userId, exchange, account };
    const seen = await observe(this.deps.store, userId, exchange, account);
    if (seen.user?.createdAt !== waiting.userSince) {
      await this.keyPairs.take(userId, pendingId);
      throw new AppError('KEY_PAIR_EXPIRED');
    }
    if (action !== 'connect' && !seen.record) throw new AppError('ACCOUNT_NOT_FOUND', { exchange, account });
    // room and "already exists" before a check is spent; checked again under the lock when storing
    if (action === 'connect') await refuseStaleSave(this.deps.store, userId, exchange, account, seen, this.intentOf(action, exchange));
    const { secret } = await this.deps.vault.openWaiting(place, waiting.sealed);
    const credentials = this.deps.exchanges.normalize(exchange, { apiKey: typed.apiKey, secret });
    await this.deps.quota.take(userId);
    const result = await this.deps.exchanges.validate(exchange, credentials, onProgress);
    const hint = keyHintFor(this.deps.exchanges.entry(exchange), credentials);
    if (!result.ok) {
      await this.audit(userId, { action: 'validation_failed', exchange, account, keyHint: hint, outcome: result.verdict?.kind ?? 'unknown' }, seen);
      return { ok: false, result };
    }
    const decision = unreportedWithdrawDecision(this.deps.policy.unverifiedWithdraw, result);
    if (decision === 'refuse') {
      await this.audit(userId, { action: 'validation_failed', exchange, account, keyHint: hint, outcome: 'withdraw_unreported' }, seen);
      return { ok: false, result, unreported: 'refused' };
    }
    // taken only now: of two submissions racing, one promotes the pair and the other finds it gone
    const promoted = await this.keyPairs.take(userId, pendingId);
    if (!promoted) throw new AppError('KEY_PAIR_EXPIRED');
    const selfGenerated = { keyType: promoted.keyType, publicKey: promoted.publicKey };
    if (decision === 'ask')
      return this.holdForConfirmation(userId, exchange, account, action, hint, credentials, result, seen, promoted.guildId, {
        sealed: promoted.sealed,
        selfGenerated,
      });
    // the API key part is sealed only under the user's lock, after the write guard (sealing outside it would remake a forgotten user)
    const saved = await this.save(userId, exchange, account, action, hint, credentials, result, seen, promoted.guildId, undefined, {
      sealed: promoted.sealed,
      selfGenerated,
    });
    return action !== 'connect' && seen.record ? { ...saved, previousHint: seen.record.keyHint } : saved;
  }

  /** The user cancelled: the waiting key pair is destroyed with its sealed private key. */
  async discardKeyPair(userId: string, pendingId: string): Promise<{ exchange: string; account: string }> {
    const discarded = await this.keyPairs.take(userId, pendingId);
    if (!discarded) throw new AppError('KEY_PAIR_EXPIRED');
    await this.audit(userId, { action: 'key_pair_discarded', exchange: discarded.exchange, account: discarded.account });
    return { exchange: discarded.exchange, account: discarded.account };
  }

  recentAudit(userId: string, limit = 15): Promise<AuditEvent[]> {
    return this.deps.store.recentAudit(userId, limit);
  }

  private async validateAndSave(
    userId: string,
    exchange: string,
    account: string,
    credentials: Record<string, string>,
    action: SaveAction,
    seen: Seen,
    onProgress?: (s: ValidationStep) => void,
    guildId?: string,
  ): Promise<SaveOutcome> {
    await this.deps.quota.take(userId);
    // the card's balance comes back with the check, read alongside the key info where the exchange allows
    const result = await this.deps.exchanges.validate(exchange, credentials, onProgress, undefined, { preview: true });
    const hint = keyHintFor(this.deps.exchanges.entry(exchange), credentials);
    if (!result.ok) {
      await this.audit(userId, { action: 'validation_failed', exchange, account, keyHint: hint, outcome: result.verdict?.kind ?? 'unknown' }, seen);
      return { ok: false, result };
    }
    switch (unreportedWithdrawDecision(this.deps.policy.unverifiedWithdraw, result)) {
      case 'refuse':
        await this.audit(userId, { action: 'validation_failed', exchange, account, keyHint: hint, outcome: 'withdraw_unreported' }, seen);
        return { ok: false, result, unreported: 'refused' };
      case 'ask':
        return this.holdForConfirmation(userId, exchange, account, action, hint, credentials, result, seen, guildId);
      case 'store':
        return this.save(userId, exchange, account, action, hint, credentials, result, seen, guildId);
    }
  }

  /**
   * The owner confirmed withdrawals are off on a key whose exchange does not report it: the key
   * waiting for this answer is stored, marked with the date of the confirmation. The write guard
   * compares with the store as it is now: a key removed or a user forgotten while the question
   * waited is not brought back (a forgotten user's data key no longer opens the waiting copy).
   */
  async confirmWithdrawOff(userId: string, pendingId: string): Promise<Saved> {
    const pending = await this.pending.take(userId, pendingId);
    if (!pending) throw new AppError('CONFIRMATION_EXPIRED');
    const { exchange, account, action } = pending;
    // the operator may have switched to refuse while the question waited: the answer no longer stores
    if (this.deps.policy.unverifiedWithdraw === 'refuse')
      throw new AppError('WITHDRAW_UNREPORTED_REFUSED', { exchange: this.deps.exchanges.entry(exchange).name });
    const seen = await observe(this.deps.store, userId, exchange, account);
    // a key connected at this place while the question waited wins (its copy is newer than the waiting one)
    if (action === 'connect' && seen.record) throw new AppError('ACCOUNT_EXISTS', { exchange: this.deps.exchanges.entry(exchange).name, account });
    if (action !== 'connect' && !seen.record) throw new AppError('ACCOUNT_NOT_FOUND', { exchange, account });
    // the key the question was about replacing must still be the stored one: a rotation meanwhile wins
    if (action !== 'connect' && seen.record!.sealed.n !== pending.replaces) throw new AppError('KEY_CHANGED_MEANWHILE', { exchange, account });
    const place = { userId, exchange, account };
    // a generated key pair waits in its two parts; any other key waits sealed apart ("held")
    const credentials = pending.sealedApiKey
      ? await this.deps.vault.openParts(place, [pending.sealed, pending.sealedApiKey])
      : await this.deps.vault.open(place, pending.sealed, true);
    const parts =
      pending.sealedApiKey && pending.selfGenerated
        ? { sealed: pending.sealed, sealedApiKey: pending.sealedApiKey, selfGenerated: pending.selfGenerated }
        : undefined;
    const result: ValidationResult = {
      ok: true,
      permissions: pending.permissions,
      warnings: pending.warnings as WarningCode[],
      clock: pending.clock,
      hints: pending.hints,
      checkedAt: pending.checkedAt,
    };
    const saved = await this.save(userId, exchange, account, action, pending.keyHint, credentials, result, seen, pending.guildId, this.deps.clock.now(), parts);
    // only a confirmation that stored its key is recorded
    await this.audit(userId, { action: 'withdraw_off_confirmed', exchange, account, keyHint: pending.keyHint, outcome: 'ok' }, seen);
    return action === 'rotate' && seen.record ? { ...saved, previousHint: seen.record.keyHint } : saved;
  }

  /** The owner did not confirm: the waiting key is dropped and nothing is stored. */
  async declineWithdrawConfirmation(userId: string, pendingId: string): Promise<{ exchange: string; account: string; keyHint: string }> {
    const pending = await this.pending.take(userId, pendingId);
    if (!pending) throw new AppError('CONFIRMATION_EXPIRED');
    const { exchange, account, keyHint: hint } = pending;
    await this.audit(userId, { action: 'withdraw_confirmation_declined', exchange, account, keyHint: hint });
    return { exchange, account, keyHint: hint };
  }

  /** Nothing is stored: the credentials wait sealed with the owner's data key, in a one-time value that expires. */
  private async holdForConfirmation(
    userId: string,
    exchange: string,
    account: string,
    action: SaveAction,
    hint: string,
    credentials: Record<string, string>,
    result: ValidationResult,
    seen: Seen,
    guildId?: string,
    parts?: SealedParts,
  ): Promise<SaveOutcome> {
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

  private async save(
    userId: string,
    exchange: string,
    account: string,
    action: SaveAction,
    hint: string,
    credentials: Record<string, string>,
    result: ValidationResult,
    seen: Seen,
    guildId?: string,
    withdrawConfirmedAt?: number,
    parts?: SealedParts,
  ): Promise<Saved> {
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
    await this.deps.onScheduleChange?.(userId);
    const user = await this.deps.store.getUser(userId);
    return {
      ok: true,
      result,
      record,
      due: rotationDue(record, rotationDays(user, this.deps.policy.defaultRotationDays)),
      preview: preview.ok ? preview.balance : undefined,
    };
  }

  private intentOf(action: SaveAction, exchange: string): SaveIntent {
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

  private async require(userId: string, exchange: string, account: string): Promise<CredentialRecord> {
    const record = await this.deps.store.getCredential(userId, exchange, account);
    if (!record) throw new AppError('ACCOUNT_NOT_FOUND', { exchange, account });
    return record;
  }

  /** Appends an audit event, unless the user was forgotten since `seen` (checked under their lock). */
  private async audit(userId: string, event: Omit<AuditEvent, 'v' | 'at'>, seen?: Seen): Promise<void> {
    await this.deps.store
      .withUserLock(userId, async () => {
        if (seen && !sameUser(seen, await this.deps.store.getUser(userId))) return;
        await this.deps.store.appendAudit(userId, event);
      })
      .catch((err: unknown) => this.deps.log.warn({ err }, 'audit write failed'));
  }
}
