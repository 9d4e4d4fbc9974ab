import type { AccountBalance, ValidationResult } from '../exchanges/index.js';
import type { RotationDue } from '../reminders/policy.js';
import type { CredentialRecord, SelfGeneratedInfo } from '../store/index.js';
import type { Sealed } from '../vault/index.js';

/** Why a key is being stored: a new account, a new key for an existing one from /connect, or a rotation. */
export type SaveAction = 'connect' | 'replace' | 'rotate';

/**
 * A self-generated key as it is stored: the private key sealed when the pair was created (never
 * re-sealed), the API key sealed on its own (again under the user's lock when stored), and the
 * public metadata.
 */
export interface SealedParts {
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
