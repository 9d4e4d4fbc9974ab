/** What the vault needs from storage, as small structural types the store implements. */

/** A user's data key, encrypted by master key version `kid`. Base64 strings: keyv stores JSON. */
export interface WrappedKey {
  kid: number;
  nonce: string;
  ct: string;
}

/** A ciphertext with its nonce, and for credentials the counter bound into its AD (absent on older records). */
export interface Sealed {
  nonce: string;
  ct: string;
  n?: number;
}

/** Where a credential lives; the ciphertext is bound to exactly this place. */
export interface CredentialPlace {
  userId: string;
  exchange: string;
  account: string;
}

/** Where users' wrapped data keys live. */
export interface DataKeyPort {
  getDataKey(userId: string): Promise<WrappedKey | undefined>;
  /** Stores `key` unless the user already has one; returns the key that is stored. */
  createDataKey(userId: string, key: WrappedKey): Promise<WrappedKey>;
  /** Replaces the user's key only if it still equals `expected`; false when it changed meanwhile. */
  replaceDataKey(userId: string, expected: WrappedKey, next: WrappedKey): Promise<boolean>;
  deleteDataKey(userId: string): Promise<void>;
  /** A new value of the user's seal counter: only ever grows, also across removing a key. */
  nextSealCounter(userId: string): Promise<number>;
  /**
   * The user's data key with the counter of the credential stored at `place` (undefined when that
   * record has none yet): a ciphertext with a lower counter is an older copy.
   */
  getSealingState(place: CredentialPlace): Promise<{ key?: WrappedKey; counter?: number }>;
  /** Every user that has a data key, without listing store keys (works on any keyv adapter). */
  usersWithDataKeys(): AsyncIterable<string>;
}

/** Keyring bookkeeping kept in the store: a canary per master key version and any unfinished rotation. */
export interface KeyringState {
  canaries: Record<string, Sealed>;
  /** set while a rotation to this version is re-wrapping data keys */
  rotatingTo?: number;
}

/** A running process and the master key version it wraps new data keys with. */
export interface KeyringUse {
  processId: string;
  version: number;
}

export interface KeyringStatePort {
  getKeyringState(): Promise<KeyringState | undefined>;
  putKeyringState(state: KeyringState): Promise<void>;
  /** A heartbeat: `processId` is alive and wraps new data keys with `version`; lapses unless repeated. */
  reportKeyringUse(use: KeyringUse): Promise<void>;
  /** A process stopping takes its heartbeat back. */
  endKeyringUse(processId: string): Promise<void>;
  /** The processes whose heartbeat has not lapsed. */
  keyringUses(): Promise<KeyringUse[]>;
}

/** A cross-process lock (the store's atomic operations). */
export interface LockPort {
  withLock<T>(name: string, ttlMs: number, fn: () => Promise<T>): Promise<T>;
}
