import { createPrivateKey, createPublicKey, sign, verify } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/clock.js';
import { isAppError } from '../../src/errors.js';
import { createKeyPair } from '../../src/vault/key-pair.js';
import { loadSodium } from '../../src/vault/sodium.js';
import { openTestVault, type TestVault } from '../helpers/stores.js';
import { useTempDirs } from '../helpers/temp.js';

const tempDir = useTempDirs();
const alice = { userId: '100000000000000001', exchange: 'binance', account: 'main' };
const MESSAGE = Buffer.from('symbol=BTCUSDT&timestamp=1700000000000');

describe('key pairs Keyward creates', () => {
  it('makes Ed25519 pairs in the PEM forms exchanges and ccxt read, and the halves belong together', async () => {
    const pair = await createKeyPair(await loadSodium(), 'ed25519');
    expect(pair.publicKeyPem).toMatch(/^-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA[A-Za-z0-9+/]{43}=\n-----END PUBLIC KEY-----\n$/);
    expect(pair.privateKeyPem).toMatch(/^-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEI[A-Za-z0-9+/]{43}\n-----END PRIVATE KEY-----\n$/);
    // ccxt's binance treats a PEM secret of more than 120 characters as RSA: an Ed25519 key must stay below
    expect(pair.privateKeyPem.length).toBeLessThanOrEqual(120);
    const privateKey = createPrivateKey(pair.privateKeyPem);
    expect(privateKey.asymmetricKeyType).toBe('ed25519');
    expect(createPublicKey(privateKey).export({ type: 'spki', format: 'pem' })).toBe(pair.publicKeyPem);
    expect(verify(null, MESSAGE, pair.publicKeyPem, sign(null, MESSAGE, privateKey))).toBe(true);
  });

  it('makes a different Ed25519 pair every time', async () => {
    const sodium = await loadSodium();
    const [a, b] = [await createKeyPair(sodium, 'ed25519'), await createKeyPair(sodium, 'ed25519')];
    expect(a.publicKeyPem).not.toBe(b.publicKeyPem);
    expect(a.privateKeyPem).not.toBe(b.privateKeyPem);
  });

  it('makes RSA pairs of 2048 bits as SPKI and PKCS#8 PEM, and refuses smaller ones', async () => {
    const sodium = await loadSodium();
    const pair = await createKeyPair(sodium, 'rsa');
    expect(pair.publicKeyPem.startsWith('-----BEGIN PUBLIC KEY-----\n')).toBe(true);
    expect(pair.privateKeyPem.startsWith('-----BEGIN PRIVATE KEY-----\n')).toBe(true);
    const publicKey = createPublicKey(pair.publicKeyPem);
    expect(publicKey.asymmetricKeyDetails?.modulusLength).toBe(2048);
    expect(verify('sha256', MESSAGE, publicKey, sign('sha256', MESSAGE, pair.privateKeyPem))).toBe(true);
    await expect(createKeyPair(sodium, 'rsa', 1024)).rejects.toThrow(/2048/);
  });
});

describe('the vault creating a key pair', () => {
  let t: TestVault;
  beforeEach(async () => {
    t = await openTestVault(await tempDir(), systemClock);
  });
  afterEach(async () => t.store.close());

  it('hands out only the public key and the sealed private key, bound to its owner and place', async () => {
    const { publicKey, sealed } = await t.vault.sealNewKeyPair(alice, 'ed25519');
    expect(JSON.stringify(sealed)).not.toContain('PRIVATE KEY');
    const { secret } = await t.vault.open(alice, sealed);
    expect(createPublicKey(secret!).export({ type: 'spki', format: 'pem' })).toBe(publicKey);
    const elsewhere = await t.vault.open({ ...alice, account: 'other' }, sealed).catch((e: unknown) => e);
    expect(isAppError(elsewhere, 'DECRYPT_FAILED')).toBe(true);
    const stranger = await t.vault.open({ ...alice, userId: '100000000000000002' }, sealed).catch((e: unknown) => e);
    expect(isAppError(stranger, 'DECRYPT_FAILED')).toBe(true);
  });

  it('opens a credential kept in parts as one set of credentials', async () => {
    const { sealed } = await t.vault.sealNewKeyPair(alice, 'ed25519');
    const apiKey = await t.vault.sealPartOf(alice, { apiKey: 'K'.repeat(64) }, sealed);
    const opened = await t.vault.openParts(alice, [sealed, apiKey]);
    expect(Object.keys(opened).sort()).toEqual(['apiKey', 'secret']);
    expect(opened.apiKey).toBe('K'.repeat(64));
    // an API key part sealed on its own names no private key part: the two are not one credential
    const loose = await t.vault.seal(alice, { apiKey: 'K'.repeat(64) });
    expect(isAppError(await t.vault.openParts(alice, [sealed, loose]).catch((e: unknown) => e), 'DECRYPT_FAILED')).toBe(true);
  });
});
