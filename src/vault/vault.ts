import { AppError } from '../errors.js';
import { canaryAd, credentialAd, dataKeyAd, heldKeyAd } from './associated-data.js';
import { createKeyPair, type KeyPairType } from './key-pair.js';
import type { Keyring } from './keyring-file.js';
import type { CredentialPlace, DataKeyPort, Sealed, WrappedKey } from './ports.js';
import { loadSodium, type Sodium } from './sodium.js';

const NONCE_BYTES = 24;
const DEK_BYTES = 32;
const KDF_CONTEXT = 'kwrdKEK1';
const CANARY_TEXT = 'keyward keyring canary v1';
/** inside an API key part: the nonce of the private key part it completes */
const PAIRED_WITH = 'pairedWith';

/** Credentials as ccxt names them (apiKey, secret, password, uid, walletAddress, privateKey). */
export type Secrets = Record<string, string>;

const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder();
const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
// the store validates the base64 of every record it reads; tampering that survives that fails authentication here
const unb64 = (text: unknown): Uint8Array => {
  if (typeof text !== 'string') throw new Error('not base64');
  return new Uint8Array(Buffer.from(text, 'base64'));
};

/**
 * Fresh random nonces, drawn from the platform CSPRNG a few kilobytes at a time: far faster than a
 * call per nonce (or randombytes_buf in Node). Each nonce is used once and never handed out again.
 */
const NONCE_POOL = 24 * 1024;
let pool = new Uint8Array(0);
let poolOffset = 0;
const nonce = (): Uint8Array => {
  if (poolOffset + NONCE_BYTES > pool.length) {
    pool = crypto.getRandomValues(new Uint8Array(NONCE_POOL));
    poolOffset = 0;
  }
  const out = pool.slice(poolOffset, poolOffset + NONCE_BYTES);
  pool.fill(0, poolOffset, poolOffset + NONCE_BYTES);
  poolOffset += NONCE_BYTES;
  return out;
};
const decryptFailed = (cause: unknown) => new AppError('DECRYPT_FAILED', undefined, { cause });

/**
 * Envelope encryption: each user has a random data key, wrapped by a key-encryption key derived
 * from the current master key version; credentials are sealed with the user's data key
 * (XChaCha20-Poly1305, AD binding each ciphertext to its place). Rotating the master key re-wraps
 * data keys only; shredding a user destroys one data key.
 */
export class Vault {
  /** Called once when a data key names a master key version this process does not hold yet. */
  onUnknownVersion?: () => Promise<void>;

  private constructor(
    private readonly sodium: Sodium,
    private keks: Map<number, Uint8Array>,
    private current: number,
    private readonly dataKeys: DataKeyPort,
  ) {}

  static async create(keyring: Keyring, dataKeys: DataKeyPort): Promise<Vault> {
    const sodium = await loadSodium();
    return new Vault(sodium, deriveKeks(sodium, keyring), keyring.current, dataKeys);
  }

  get currentVersion(): number {
    return this.current;
  }

  get versions(): number[] {
    return [...this.keks.keys()].sort((a, b) => a - b);
  }

  /** Adopts a keyring re-read from disk (after a rotation by another process). */
  useKeyring(keyring: Keyring): void {
    this.keks = deriveKeks(this.sodium, keyring);
    this.current = keyring.current;
  }

  /**
   * Seals a user's credentials, creating the user's data key on first use. `held`: a key waiting for
   * its owner's answer, sealed apart so its copy cannot be put in place of a stored key.
   */
  async seal(place: CredentialPlace, secrets: Secrets, held = false): Promise<Sealed> {
    const [dek, counter] = await Promise.all([
      this.dataKeyFor(place.userId, await this.dataKeys.getDataKey(place.userId), true),
      this.dataKeys.nextSealCounter(place.userId),
    ]);
    const plaintext = utf8.encode(JSON.stringify(secrets));
    try {
      const n = nonce();
      const ct = this.sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(plaintext, adOf(place, counter, held), null, n, dek);
      return { nonce: b64(n), ct: b64(ct), n: counter };
    } finally {
      this.sodium.memzero(plaintext);
      this.sodium.memzero(dek);
    }
  }

  /**
   * Creates an asymmetric key pair and seals its private half at once (as ccxt's `secret`, PEM
   * PKCS#8): only the public key and the sealed value leave the vault.
   */
  async sealNewKeyPair(place: CredentialPlace, type: KeyPairType, rsaBits?: number): Promise<{ publicKey: string; sealed: Sealed }> {
    const pair = await createKeyPair(this.sodium, type, rsaBits);
    return { publicKey: pair.publicKeyPem, sealed: await this.seal(place, { secret: pair.privateKeyPem }) };
  }

  /**
   * Seals the API key that completes a generated private key (`first`, sealed when the pair was
   * created). This part is sealed last, so it carries the record's counter, and it names the part it
   * belongs with: an older private key cannot be spliced next to it.
   */
  sealPartOf(place: CredentialPlace, secrets: Secrets, first: Sealed): Promise<Sealed> {
    return this.seal(place, { ...secrets, [PAIRED_WITH]: first.nonce });
  }

  /**
   * Opens a credential kept in two sealed parts (a generated private key and the API key sealed with
   * `sealPartOf`), or in one. The newest part must not be an older copy; the first is accepted
   * because that part names it.
   */
  async openParts(place: CredentialPlace, parts: readonly [Sealed, Sealed?]): Promise<Secrets> {
    const [first, second] = parts;
    if (!second) return this.open(place, first);
    const { [PAIRED_WITH]: pairedWith, ...latest } = await this.open(place, second);
    if (pairedWith !== first.nonce || (first.n ?? 0) > (second.n ?? 0)) throw decryptFailed(new Error('the parts belong to different credentials'));
    const state = await this.dataKeys.getSealingState(place);
    return { ...(await this.decrypt(place, first, state.key)), ...latest };
  }

  /**
   * Opens a generated private key that still waits for its API key: a one-time value outside the
   * credential records, so no record's counter applies to it yet.
   */
  async openWaiting(place: CredentialPlace, sealed: Sealed): Promise<Secrets> {
    return this.decrypt(place, sealed, await this.dataKeys.getDataKey(place.userId));
  }

  /** Opens sealed credentials; any failure is one generic DECRYPT_FAILED that reveals nothing. */
  async open(place: CredentialPlace, sealed: Sealed, held = false): Promise<Secrets> {
    const state = await this.dataKeys.getSealingState(place);
    // an older copy of this place's record (its counter is below the one the user's index holds)
    if ((sealed.n ?? 0) < (state.counter ?? 0)) throw decryptFailed(new Error('an older copy of this credential'));
    return this.decrypt(place, sealed, state.key, held);
  }

  /** `held`: a key waiting for its owner's answer, sealed apart so it never opens as a stored key. */
  private async decrypt(place: CredentialPlace, sealed: Sealed, wrapped: WrappedKey | undefined, held = false): Promise<Secrets> {
    const dek = await this.dataKeyFor(place.userId, wrapped, false);
    let plaintext: Uint8Array | undefined;
    try {
      if (held && sealed.n === undefined) throw new Error('a held key without its counter');
      plaintext = this.sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(null, unb64(sealed.ct), adOf(place, sealed.n, held), unb64(sealed.nonce), dek);
      const parsed: unknown = JSON.parse(fromUtf8.decode(plaintext));
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('sealed value is not an object');
      return parsed as Secrets;
    } catch (err) {
      throw decryptFailed(err);
    } finally {
      if (plaintext) this.sodium.memzero(plaintext);
      this.sodium.memzero(dek);
    }
  }

  /** Destroys the user's data key: every ciphertext sealed with it, in any backup, is unreadable. */
  async shred(userId: string): Promise<void> {
    await this.dataKeys.deleteDataKey(userId);
  }

  /** Re-wraps a data key under the current master key version; returns it unchanged when already current. */
  rewrap(userId: string, wrapped: WrappedKey): WrappedKey {
    if (wrapped.kid === this.current) return wrapped;
    const dek = this.unwrap(userId, wrapped);
    try {
      return this.wrap(userId, dek);
    } finally {
      this.sodium.memzero(dek);
    }
  }

  makeCanary(kid: number): Sealed {
    const kek = this.kek(kid);
    const n = nonce();
    const ct = this.sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(CANARY_TEXT, canaryAd(kid), null, n, kek);
    return { nonce: b64(n), ct: b64(ct) };
  }

  /** True when `canary` was made by this keyring's master key version `kid`. */
  checkCanary(kid: number, canary: Sealed): boolean {
    try {
      const kek = this.kek(kid);
      const text = this.sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(null, unb64(canary.ct), canaryAd(kid), unb64(canary.nonce), kek, 'text');
      return text === CANARY_TEXT;
    } catch {
      return false;
    }
  }

  private async dataKeyFor(userId: string, existing: WrappedKey | undefined, create: boolean): Promise<Uint8Array> {
    if (existing && !this.keks.has(existing.kid) && this.onUnknownVersion) await this.onUnknownVersion();
    if (existing) return this.unwrap(userId, existing);
    if (!create) throw decryptFailed(new Error('the user has no data key'));
    const dek = this.sodium.crypto_aead_xchacha20poly1305_ietf_keygen();
    const stored = await this.dataKeys.createDataKey(userId, this.wrap(userId, dek));
    this.sodium.memzero(dek);
    return this.unwrap(userId, stored);
  }

  private wrap(userId: string, dek: Uint8Array): WrappedKey {
    const n = nonce();
    const ct = this.sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(dek, dataKeyAd(userId, this.current), null, n, this.kek(this.current));
    return { kid: this.current, nonce: b64(n), ct: b64(ct) };
  }

  private unwrap(userId: string, wrapped: WrappedKey): Uint8Array {
    try {
      const dek = this.sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(
        null,
        unb64(wrapped.ct),
        dataKeyAd(userId, wrapped.kid),
        unb64(wrapped.nonce),
        this.kek(wrapped.kid),
      );
      if (dek.length !== DEK_BYTES) throw new Error('data key has the wrong length');
      return dek;
    } catch (err) {
      throw decryptFailed(err);
    }
  }

  private kek(kid: number): Uint8Array {
    const kek = this.keks.get(kid);
    if (!kek) throw new Error(`master key version ${kid} is not in the keyring (retired or missing)`);
    return kek;
  }
}

const adOf = (place: CredentialPlace, n: number | undefined, held: boolean) =>
  held ? heldKeyAd(place.userId, place.exchange, place.account, n!) : credentialAd(place.userId, place.exchange, place.account, n);

function deriveKeks(sodium: Sodium, keyring: Keyring): Map<number, Uint8Array> {
  return new Map([...keyring.keys].map(([kid, master]) => [kid, sodium.crypto_kdf_derive_from_key(DEK_BYTES, 1, KDF_CONTEXT, master)]));
}
