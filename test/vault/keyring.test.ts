import { createHash } from 'node:crypto';
import { chmod, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../../src/errors.js';
import { openStore } from '../../src/store/index.js';
import { systemClock } from '../../src/clock.js';
import { openVault, readKeyringFile, writeKeyringFile, generateMasterKey } from '../../src/vault/index.js';
import { captureLogs } from '../helpers/logs.js';
import { openTestVault } from '../helpers/stores.js';
import { useTempDirs } from '../helpers/temp.js';

const tempDir = useTempDirs();
const alice = { userId: '100000000000000001', exchange: 'binance', account: 'main' };
const sha = async (file: string) =>
  createHash('sha256')
    .update(await readFile(file))
    .digest('hex');
const mode = async (path: string) => ((await stat(path)).mode & 0o777).toString(8);

async function errorOf(promise: Promise<unknown>): Promise<Error> {
  return promise.then(
    () => {
      throw new Error('expected a refusal');
    },
    (e: Error) => e,
  );
}

async function writeRawKeyring(path: string, content: string, fileMode = 0o400): Promise<void> {
  await mkdir(join(path, '..'), { recursive: true, mode: 0o700 });
  await writeFile(path, content, { mode: 0o600 });
  await chmod(path, fileMode);
}

describe('the keyring', () => {
  it('is created on first start as a 0400 file in a 0700 directory, with one loud warning to back it up', async () => {
    const dir = await tempDir();
    const logs = captureLogs();
    const t = await openTestVault(dir, systemClock, logs.log);
    await t.store.close();
    expect(await mode(t.keyringPath)).toBe('400');
    expect(await mode(join(dir, 'secrets'))).toBe('700');
    const warnings = logs.lines.filter((l) => l.includes('Back this file up'));
    expect(warnings).toHaveLength(1);
    expect(JSON.parse(warnings[0]!).level).toBe(40);
    const keyring = (await readKeyringFile(t.keyringPath))!;
    expect(warnings[0]).not.toContain(Buffer.from(keyring.keys.get(1)!).toString('base64'));
  });

  it('is not re-created when it goes missing while the store holds data', async () => {
    const dir = await tempDir();
    const t = await openTestVault(dir);
    await t.vault.seal(alice, { apiKey: 'k', secret: 's' });
    await t.store.close();
    await writeFile(t.keyringPath + '.moved', await readFile(t.keyringPath));
    const { rm } = await import('node:fs/promises');
    await rm(t.keyringPath);
    const err = await errorOf(openTestVault(dir));
    expect(isAppError(err, 'KEYRING_MISSING_WITH_DATA')).toBe(true);
    await expect(stat(t.keyringPath)).rejects.toThrow();
  });

  it('refuses a wrong master key and leaves the database bytes exactly as they were', async () => {
    const dir = await tempDir();
    const t = await openTestVault(dir);
    await t.vault.seal(alice, { apiKey: 'k', secret: 's' });
    await t.store.close();
    const before = await sha(t.dbFile);
    await chmod(t.keyringPath, 0o600);
    await writeKeyringFile(t.keyringPath, { current: 1, keys: new Map([[1, generateMasterKey()]]) });
    const err = await errorOf(openTestVault(dir));
    expect(isAppError(err, 'KEYRING_WRONG_KEY')).toBe(true);
    expect(await sha(t.dbFile)).toBe(before);
  });

  it('refuses a keyring that lacks a version the store has a canary for', async () => {
    const dir = await tempDir();
    const t = await openTestVault(dir);
    await t.store.close();
    const keyring = (await readKeyringFile(t.keyringPath))!;
    await writeKeyringFile(t.keyringPath, { current: 2, keys: new Map([[2, keyring.keys.get(1)!]]) });
    expect(isAppError(await errorOf(openTestVault(dir)), 'KEYRING_VERSION_UNKNOWN')).toBe(true);
  });

  const key32 = Buffer.alloc(32, 7).toString('base64');
  const key31 = Buffer.alloc(31, 7).toString('base64');
  const badFiles: Array<[string, string, number, string]> = [
    ['not JSON', `{"format":1,"current":1,"keys":{"1":"${key32}"`, 0o400, 'KEYRING_MALFORMED'],
    ['a key of the wrong length', `{"format":1,"current":1,"keys":{"1":"${key31}"}}`, 0o400, 'KEYRING_MALFORMED'],
    ['a key that is not base64', `{"format":1,"current":1,"keys":{"1":"${key32.slice(0, -4)}!!!!"}}`, 0o400, 'KEYRING_MALFORMED'],
    ['a current version without a key', `{"format":1,"current":2,"keys":{"1":"${key32}"}}`, 0o400, 'KEYRING_MALFORMED'],
    ['an unknown format', `{"format":9,"current":1,"keys":{"1":"${key32}"}}`, 0o400, 'KEYRING_MALFORMED'],
    ['a file readable by others', `{"format":1,"current":1,"keys":{"1":"${key32}"}}`, 0o444, 'KEYRING_PERMISSIONS'],
    ['a file readable by its group', `{"format":1,"current":1,"keys":{"1":"${key32}"}}`, 0o440, 'KEYRING_PERMISSIONS'],
  ];
  for (const [what, content, fileMode, code] of badFiles) {
    it(`refuses ${what}, and the error quotes no key bytes`, async () => {
      const dir = await tempDir();
      const path = join(dir, 'secrets', 'keyring.json');
      await writeRawKeyring(path, content, fileMode);
      const store = await openStore(`sqlite://${join(dir, 'data', 'k.sqlite')}`, systemClock);
      const logs = captureLogs();
      const err = await errorOf(openVault({ keyringPath: path, dataKeys: store, state: store, log: logs.log }));
      await store.close();
      expect(isAppError(err), String(err)).toBe(true);
      expect((err as unknown as { code: string }).code).toBe(code);
      for (const bytes of [key32, key31, key32.slice(0, 12), key31.slice(0, 12)]) {
        expect(err.message).not.toContain(bytes);
        expect(String(err.cause ?? '')).not.toContain(bytes);
      }
      expect(logs.text()).toBe('');
    });
  }
});
