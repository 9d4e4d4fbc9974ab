import { ConnectFlow } from './connect-flow.js';
import { GeneratedKeyPairs } from './generated-key-pairs.js';
import { KeyWriter } from './key-writer.js';
import type { KeyServiceDeps } from './ports.js';
import { StoredKeys } from './stored-keys.js';
import { WithdrawAnswers } from './withdraw-answers.js';
import { PendingKeys } from './withdraw-confirmation.js';

export type { CreatedKeyPair, Saved, SaveOutcome } from './outcomes.js';
export type { KeyServiceDeps } from './ports.js';
export type { StoredKey } from './stored-keys.js';

/**
 * Everything a user does with their keys, in plain values: the subject is always the caller's own
 * user id. A key is stored or replaced only after it passed validation; secrets live only for the
 * duration of one call. Each part lives in its own module; this is the one face commands see.
 */
export class KeyService {
  private readonly typed: ConnectFlow;
  private readonly stored: StoredKeys;
  private readonly pairs: GeneratedKeyPairs;
  private readonly answers: WithdrawAnswers;

  constructor(deps: KeyServiceDeps) {
    const pending = new PendingKeys(deps.store.coordination);
    const writer = new KeyWriter(deps, pending);
    this.typed = new ConnectFlow(deps, writer);
    this.stored = new StoredKeys(deps, pending, writer);
    this.pairs = new GeneratedKeyPairs(deps, writer);
    this.answers = new WithdrawAnswers(deps, pending, writer);
  }

  // typed credentials: /connect, Replace, Add another, /keys rotate
  prepareConnect(...a: Parameters<ConnectFlow['prepareConnect']>) {
    return this.typed.prepareConnect(...a);
  }
  prepareRotate(...a: Parameters<ConnectFlow['prepareRotate']>) {
    return this.typed.prepareRotate(...a);
  }
  connect(...a: Parameters<ConnectFlow['connect']>) {
    return this.typed.connect(...a);
  }
  rotate(...a: Parameters<ConnectFlow['rotate']>) {
    return this.typed.rotate(...a);
  }

  // keys already stored
  list(...a: Parameters<StoredKeys['list']>) {
    return this.stored.list(...a);
  }
  test(...a: Parameters<StoredKeys['test']>) {
    return this.stored.test(...a);
  }
  recheck(...a: Parameters<StoredKeys['recheck']>) {
    return this.stored.recheck(...a);
  }
  remove(...a: Parameters<StoredKeys['remove']>) {
    return this.stored.remove(...a);
  }
  forget(...a: Parameters<StoredKeys['forget']>) {
    return this.stored.forget(...a);
  }
  recentAudit(...a: Parameters<StoredKeys['recentAudit']>) {
    return this.stored.recentAudit(...a);
  }

  // key pairs Keyward generates
  createKeyPair(...a: Parameters<GeneratedKeyPairs['createKeyPair']>) {
    return this.pairs.createKeyPair(...a);
  }
  pendingKeyPair(...a: Parameters<GeneratedKeyPairs['pendingKeyPair']>) {
    return this.pairs.pendingKeyPair(...a);
  }
  completeKeyPair(...a: Parameters<GeneratedKeyPairs['completeKeyPair']>) {
    return this.pairs.completeKeyPair(...a);
  }
  discardKeyPair(...a: Parameters<GeneratedKeyPairs['discardKeyPair']>) {
    return this.pairs.discardKeyPair(...a);
  }

  // the withdrawal question
  confirmWithdrawOff(...a: Parameters<WithdrawAnswers['confirmWithdrawOff']>) {
    return this.answers.confirmWithdrawOff(...a);
  }
  declineWithdrawConfirmation(...a: Parameters<WithdrawAnswers['declineWithdrawConfirmation']>) {
    return this.answers.declineWithdrawConfirmation(...a);
  }
}
