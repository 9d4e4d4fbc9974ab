import { randomInt } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isAppError } from '../../src/errors.js';
import sodium from 'libsodium-wrappers';
import { encodeAssociatedData, readKeyringFile, type Sealed, type WrappedKey } from '../../src/vault/index.js';
import { systemClock } from '../../src/clock.js';
import { describeEachBackend } from '../helpers/backends.js';
import { captureLogs } from '../helpers/logs.js';
import { useTempDirs } from '../helpers/temp.js';
import { openTestVault, type TestVault } from '../helpers/stores.js';

const tempDir = useTempDirs();

const alice = { userId: '100000000000000001', exchange: 'binance', account: 'main' };

/** Random text over a wide Unicode range (astral planes included), up to `max` UTF-16 units. */
function randomUnicode(max: number): string {
  const length = randomInt(0, max + 1);
  let out = '';
  while (out.length < length) {
    const cp = randomInt(0, 4) === 0 ? randomInt(0x1f300, 0x1faff) : randomInt(0x20, 0xd7ff);
    out += String.fromCodePoint(cp);
  }
  return out.slice(0, length).replace(/[\ud800-\udbff]$/, '');
}

function flipBit(b64: string, bit: number): string {
  const bytes = Buffer.from(b64, 'base64');
  bytes[Math.floor(bit / 8) % bytes.length]! ^= 1 << (bit % 8);
  return bytes.toString('base64');
}

async function expectGenericDecryptFailure(promise: Promise<unknown>): Promise<void> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(isAppError(err, 'DECRYPT_FAILED'), `expected DECRYPT_FAILED, got ${String(err)}`).toBe(true);
  expect((err as Error).message).not.toMatch(/apiKey|secret|[A-Za-z0-9+/]{20,}/);
}

describeEachBackend('the vault', (backend) => {
  let t: TestVault;
  beforeEach(async () => {
    const dir = await tempDir();
    t = await openTestVault(dir, systemClock, captureLogs().log, backend.freshUrl(dir));
  });
  afterEach(async () => {
    await t.store.close();
    await backend.cleanup(t.url);
  });

  it('gives back exactly what was sealed, for 1,000 random Unicode secrets of up to 4,000 characters', async () => {
    for (let i = 0; i < 1_000; i++) {
      const secrets = { apiKey: randomUnicode(64), secret: randomUnicode(4_000) };
      const sealed = await t.vault.seal(alice, secrets);
      expect(await t.vault.open(alice, sealed)).toEqual(secrets);
    }
  });

  it('uses a fresh nonce, so the same secret sealed twice gives different ciphertexts', async () => {
    const secrets = { apiKey: 'same-key', secret: 'same-secret' };
    const a = await t.vault.seal(alice, secrets);
    const b = await t.vault.seal(alice, secrets);
    expect(a.nonce).not.toBe(b.nonce);
    expect(a.ct).not.toBe(b.ct);
  });

  it('refuses every single flipped bit of the ciphertext, the nonce and the wrapped data key', async () => {
    const sealed = await t.vault.seal(alice, { apiKey: 'k'.repeat(64), secret: 's'.repeat(64) });
    const ctBits = Buffer.from(sealed.ct, 'base64').length * 8;
    for (let bit = 0; bit < ctBits; bit += 7) {
      await expectGenericDecryptFailure(t.vault.open(alice, { ...sealed, ct: flipBit(sealed.ct, bit) }));
    }
    for (let bit = 0; bit < 24 * 8; bit++) {
      await expectGenericDecryptFailure(t.vault.open(alice, { ...sealed, nonce: flipBit(sealed.nonce, bit) }));
    }
    const dek = (await t.store.getDataKey(alice.userId))!;
    for (const field of ['nonce', 'ct'] as const) {
      const bits = Buffer.from(dek[field], 'base64').length * 8;
      for (let bit = 0; bit < bits; bit += 5) {
        await t.store.replaceDataKey(alice.userId, (await t.store.getDataKey(alice.userId))!, { ...dek, [field]: flipBit(dek[field], bit) });
        await expectGenericDecryptFailure(t.vault.open(alice, sealed));
      }
    }
  });

  it('refuses malformed sealed values without crashing', async () => {
    const sealed = await t.vault.seal(alice, { apiKey: 'a', secret: 'b' });
    const broken: Sealed[] = [
      { ...sealed, ct: sealed.ct.slice(0, 10) },
      { ...sealed, ct: '' },
      { ...sealed, nonce: 'not base64 at all!' },
      { ...sealed, nonce: sealed.nonce.slice(0, 8) },
      { nonce: 42, ct: null } as unknown as Sealed,
    ];
    for (const s of broken) await expectGenericDecryptFailure(t.vault.open(alice, s));
  });

  it('does not open a credential copied to another user, exchange or account', async () => {
    const bob = '100000000000000002';
    await t.vault.seal({ ...alice, userId: bob }, { apiKey: 'bob', secret: 'bob' }); // bob has a data key too
    const sealed = await t.vault.seal(alice, { apiKey: 'alice-key', secret: 'alice-secret' });
    await expectGenericDecryptFailure(t.vault.open({ ...alice, userId: bob }, sealed));
    await expectGenericDecryptFailure(t.vault.open({ ...alice, exchange: 'okx' }, sealed));
    await expectGenericDecryptFailure(t.vault.open({ ...alice, account: 'other' }, sealed));
  });

  it("does not accept another user's wrapped data key, nor one whose key version was changed", async () => {
    const bob = '100000000000000002';
    const sealed = await t.vault.seal(alice, { apiKey: 'alice-key', secret: 'alice-secret' });
    await t.vault.seal({ ...alice, userId: bob }, { apiKey: 'b', secret: 'b' });
    const aliceDek = (await t.store.getDataKey(alice.userId))!;
    const bobDek = (await t.store.getDataKey(bob))!;
    await t.store.replaceDataKey(bob, bobDek, aliceDek);
    await expectGenericDecryptFailure(t.vault.open({ ...alice, userId: bob }, sealed));
    const bumped: WrappedKey = { ...aliceDek, kid: aliceDek.kid + 1 };
    await t.store.replaceDataKey(alice.userId, aliceDek, bumped);
    await expectGenericDecryptFailure(t.vault.open(alice, sealed));
  });

  it("destroys only the shredded user's data key", async () => {
    const bob = { ...alice, userId: '100000000000000002' };
    const a = await t.vault.seal(alice, { apiKey: 'a', secret: 'a' });
    const b = await t.vault.seal(bob, { apiKey: 'b', secret: 'b' });
    await t.vault.shred(alice.userId);
    await expectGenericDecryptFailure(t.vault.open(alice, a));
    expect(await t.vault.open(bob, b)).toEqual({ apiKey: 'b', secret: 'b' });
  });
});

describe('associated data encoding', () => {
  it('tells apart field lists that a separator would confuse', () => {
    const a = encodeAssociatedData(['keyward/cred', '1', '1', 'main|x', 'binance']);
    const b = encodeAssociatedData(['keyward/cred', '1', '1', 'main', 'x|binance']);
    const c = encodeAssociatedData(['ab', 'c']);
    const d = encodeAssociatedData(['a', 'bc']);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(false);
    expect(Buffer.from(c).equals(Buffer.from(d))).toBe(false);
  });

  it('never maps two different random field lists to the same bytes', () => {
    const alphabet = ['', 'a', '|', ':', '\u0000', 'é', '\u0001\u0000'];
    const seen = new Map<string, string>();
    for (let i = 0; i < 20_000; i++) {
      const fields = Array.from({ length: randomInt(0, 4) }, () =>
        Array.from({ length: randomInt(0, 3) }, () => alphabet[randomInt(0, alphabet.length)]).join(''),
      );
      const key = Buffer.from(encodeAssociatedData(fields)).toString('hex');
      const id = JSON.stringify(fields);
      const before = seen.get(key);
      if (before !== undefined) expect(before).toBe(id);
      seen.set(key, id);
    }
    expect(seen.size).toBeGreaterThan(100);
  });
});

describe("libsodium's WebAssembly memory", () => {
  it('keeps no copy of a sealed or opened secret, nor of the master key, once the vault is done with it', async () => {
    const t = await openTestVault(await tempDir());
    const secret = 'HEAP-CANARY-secret-value-4f1e9a';
    const place = { userId: '100000000000000009', exchange: 'okx', account: 'main' };
    const sealed = await t.vault.seal(place, { apiKey: 'HEAP-CANARY-api-key-77', secret });
    expect((await t.vault.open(place, sealed)).secret).toBe(secret);
    const master = (await readKeyringFile(t.keyringPath))!.keys.get(1)!;
    const heap = Buffer.from((sodium as unknown as { libsodium: { HEAPU8: Uint8Array } }).libsodium.HEAPU8);
    expect(heap.includes(Buffer.from(secret))).toBe(false);
    expect(heap.includes(Buffer.from('HEAP-CANARY-api-key-77'))).toBe(false);
    expect(heap.includes(Buffer.from(master))).toBe(false);
    await t.store.close();
  });
});
