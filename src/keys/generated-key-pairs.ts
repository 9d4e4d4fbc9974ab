import { AppError } from '../errors.js';
import { selfGeneratedKeySupport, type ValidationStep } from '../exchanges/index.js';
import { keyHintFor } from '../exchanges/key-hint.js';
import type { KeyWriter } from './key-writer.js';
import type { CreatedKeyPair, SaveAction, SaveOutcome } from './outcomes.js';
import { KEY_PAIR_TTL_MS, PendingKeyPairs } from './pending-key-pairs.js';
import type { KeyServiceDeps } from './ports.js';
import { unreportedWithdrawDecision } from './withdraw-confirmation.js';
import { observe, refuseStaleSave } from './write-guard.js';

/** Key pairs Keyward generates for exchanges that accept uploaded public keys, from creation to the stored key. */
export class GeneratedKeyPairs {
  private readonly keyPairs: PendingKeyPairs;

  constructor(
    private readonly deps: KeyServiceDeps,
    private readonly writer: KeyWriter,
  ) {
    this.keyPairs = new PendingKeyPairs(deps.store.coordination);
  }

  /**
   * Creates a key pair for an exchange that accepts uploaded public keys. The private key is sealed
   * inside the vault at once and waits, bound to user, exchange and account, for the API key the
   * exchange displays; it is destroyed when it expires or is cancelled, and a forget makes it void.
   */
  async createKeyPair(userId: string, exchange: string, account: string, action: SaveAction, guildId?: string): Promise<CreatedKeyPair> {
    const support = selfGeneratedKeySupport(exchange);
    if (!support) throw new AppError('KEY_PAIR_UNSUPPORTED', { exchange: this.deps.exchanges.entry(exchange).name });
    if (action === 'rotate') await this.writer.require(userId, exchange, account);
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
    await this.writer.audit(userId, { action: 'key_pair_created', exchange, account });
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
    if (action === 'connect') await refuseStaleSave(this.deps.store, userId, exchange, account, seen, this.writer.intentOf(action, exchange));
    const { secret } = await this.deps.vault.openWaiting(place, waiting.sealed);
    const credentials = this.deps.exchanges.normalize(exchange, { apiKey: typed.apiKey, secret });
    await this.deps.quota.take(userId);
    const result = await this.deps.exchanges.validate(exchange, credentials, onProgress);
    const hint = keyHintFor(this.deps.exchanges.entry(exchange), credentials);
    if (!result.ok) {
      await this.writer.audit(userId, { action: 'validation_failed', exchange, account, keyHint: hint, outcome: result.verdict?.kind ?? 'unknown' }, seen);
      return { ok: false, result };
    }
    const decision = unreportedWithdrawDecision(this.deps.policy.unverifiedWithdraw, result);
    if (decision === 'refuse') {
      await this.writer.audit(userId, { action: 'validation_failed', exchange, account, keyHint: hint, outcome: 'withdraw_unreported' }, seen);
      return { ok: false, result, unreported: 'refused' };
    }
    // taken only now: of two submissions racing, one promotes the pair and the other finds it gone
    const promoted = await this.keyPairs.take(userId, pendingId);
    if (!promoted) throw new AppError('KEY_PAIR_EXPIRED');
    const selfGenerated = { keyType: promoted.keyType, publicKey: promoted.publicKey };
    const passed = {
      userId,
      exchange,
      account,
      action,
      hint,
      credentials,
      result,
      seen,
      guildId: promoted.guildId,
      parts: { sealed: promoted.sealed, selfGenerated },
    };
    if (decision === 'ask') return this.writer.holdForConfirmation(passed);
    // the API key part is sealed only under the user's lock, after the write guard (sealing outside it would remake a forgotten user)
    const saved = await this.writer.save(passed);
    return action !== 'connect' && seen.record ? { ...saved, previousHint: seen.record.keyHint } : saved;
  }

  /** The user cancelled: the waiting key pair is destroyed with its sealed private key. */
  async discardKeyPair(userId: string, pendingId: string): Promise<{ exchange: string; account: string }> {
    const discarded = await this.keyPairs.take(userId, pendingId);
    if (!discarded) throw new AppError('KEY_PAIR_EXPIRED');
    await this.writer.audit(userId, { action: 'key_pair_discarded', exchange: discarded.exchange, account: discarded.account });
    return { exchange: discarded.exchange, account: discarded.account };
  }
}
