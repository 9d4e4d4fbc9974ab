import { AppError } from '../errors.js';
import type { ValidationResult, WarningCode } from '../exchanges/index.js';
import type { KeyWriter } from './key-writer.js';
import type { Saved } from './outcomes.js';
import type { KeyServiceDeps } from './ports.js';
import type { PendingKeys } from './withdraw-confirmation.js';
import { observe } from './write-guard.js';

/** The owner's answer to "withdrawals are off?" for a key whose exchange does not report it. */
export class WithdrawAnswers {
  constructor(
    private readonly deps: KeyServiceDeps,
    private readonly pending: PendingKeys,
    private readonly writer: KeyWriter,
  ) {}

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
    const passed = { userId, exchange, account, action, hint: pending.keyHint, credentials, result, seen, guildId: pending.guildId, parts };
    const saved = await this.writer.save(passed, this.deps.clock.now());
    // only a confirmation that stored its key is recorded
    await this.writer.audit(userId, { action: 'withdraw_off_confirmed', exchange, account, keyHint: pending.keyHint, outcome: 'ok' }, seen);
    return action === 'rotate' && seen.record ? { ...saved, previousHint: seen.record.keyHint } : saved;
  }

  /** The owner did not confirm: the waiting key is dropped and nothing is stored. */
  async declineWithdrawConfirmation(userId: string, pendingId: string): Promise<{ exchange: string; account: string; keyHint: string }> {
    const pending = await this.pending.take(userId, pendingId);
    if (!pending) throw new AppError('CONFIRMATION_EXPIRED');
    const { exchange, account, keyHint: hint } = pending;
    await this.writer.audit(userId, { action: 'withdraw_confirmation_declined', exchange, account, keyHint: hint });
    return { exchange, account, keyHint: hint };
  }
}
