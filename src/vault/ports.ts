/** What the vault needs from storage, as small structural types the store implements. */

/** A user's data key, encrypted by master key version `kid`. Base64 strings: keyv stores JSON. */
export interface WrappedKey {
  kid: number;
  nonce: string;
  ct: string;
}

/** A ciphertext with its nonce. */
export interface Sealed {
  nonce: string;
  ct: string;
}

/** Where users' wrapped data keys live. */
export interface DataKeyPort {
  getDataKey(userId: string): Promise<WrappedKey | undefined>;
  /** Stores `key` unless the user already has one; returns the key that is stored. */
  createDataKey(userId: string, key: WrappedKey): Promise<WrappedKey>;
  /** Replaces the user's key only if it still equals `expected`; false when it changed meanwhile. */
  replaceDataKey(userId: string, expected: WrappedKey, next: WrappedKey): Promise<boolean>;
  deleteDataKey(userId: string): Promise<void>;
  /** Every user that has a data key, without listing store keys (works on any keyv profile). */
  usersWithDataKeys(): AsyncIterable<string>;
}

/** Keyring bookkeeping kept in the store: a canary per master key version and any unfinished rotation. */
export interface KeyringState {
  canaries: Record<string, Sealed>;
  /** set while a rotation to this version is re-wrapping data keys */
  rotatingTo?: number;
}

export interface KeyringStatePort {
  getKeyringState(): Promise<KeyringState | undefined>;
  putKeyringState(state: KeyringState): Promise<void>;
}

/** A cross-process lock (the store's atomic operations). */
export interface LockPort {
  withLock<T>(name: string, ttlMs: number, fn: () => Promise<T>): Promise<T>;
}
