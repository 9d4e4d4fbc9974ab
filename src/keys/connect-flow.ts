import { AppError } from '../errors.js';
import type { ValidationStep } from '../exchanges/index.js';
import { keyHintFor } from '../exchanges/key-hint.js';
import type { CredentialRecord } from '../store/index.js';
import type { KeyWriter } from './key-writer.js';
import type { SaveAction, SaveOutcome } from './outcomes.js';
import type { KeyServiceDeps } from './ports.js';
import { unreportedWithdrawDecision } from './withdraw-confirmation.js';
import { observe, type Seen } from './write-guard.js';

/** Connecting and rotating with typed credentials: each is checked first, and only a key that passed is stored. */
export class ConnectFlow {
  constructor(
    private readonly deps: KeyServiceDeps,
    private readonly writer: KeyWriter,
  ) {}

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
    const record = await this.writer.require(userId, exchange, account);
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
      await this.writer.audit(userId, { action: 'validation_failed', exchange, account, keyHint: hint, outcome: result.verdict?.kind ?? 'unknown' }, seen);
      return { ok: false, result };
    }
    switch (unreportedWithdrawDecision(this.deps.policy.unverifiedWithdraw, result)) {
      case 'refuse':
        await this.writer.audit(userId, { action: 'validation_failed', exchange, account, keyHint: hint, outcome: 'withdraw_unreported' }, seen);
        return { ok: false, result, unreported: 'refused' };
      case 'ask':
        return this.writer.holdForConfirmation({ userId, exchange, account, action, hint, credentials, result, seen, guildId });
      case 'store':
        return this.writer.save({ userId, exchange, account, action, hint, credentials, result, seen, guildId });
    }
  }
}
