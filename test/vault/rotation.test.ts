import { chmod, copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeAll, expect, it } from 'vitest';
import { systemClock } from '../../src/clock.js';
import { describeEachBackend, type BackendCase } from '../helpers/backends.js';
import { isAppError } from '../../src/errors.js';
import type { Store } from '../../src/store/index.js';
import {
  readKeyringFile,
  retireMasterKey,
  rotateMasterKey,
  watchKeyring,
  writeKeyringFile,
  type DataKeyPort,
  type KeyringToolOptions,
} from '../../src/vault/index.js';
import { captureLogs } from '../helpers/logs.js';
import { openTestVault, type TestVault } from '../helpers/stores.js';
import { useTempDirs } from '../helpers/temp.js';

const tempDir = useTempDirs();
const users = Array.from({ length: 12 }, (_, i) => `2000000000000000${String(i).padStart(2, '0')}`);
const place = (userId: string) => ({ userId, exchange: 'okx', account: 'main' });

let backend: BackendCase;
const opened: string[] = [];
afterEach(async () => {
  for (const url of opened.splice(0)) await backend.cleanup(url);
});

/** The same store and keyring again, as a restarted process would open them. */
const reopen = (t: TestVault) => openTestVault(t.keyringPath.replace(/\/secrets\/keyring\.json$/, ''), systemClock, captureLogs().log, t.url);

async function seeded(): Promise<{ t: TestVault; sealed: Map<string, { nonce: string; ct: string }> }> {
  const dir = await tempDir();
  const t = await openTestVault(dir, systemClock, captureLogs().log, backend.freshUrl(dir));
  opened.push(t.url);
  const sealed = new Map<string, { nonce: string; ct: string }>();
  for (const u of users) sealed.set(u, await t.vault.seal(place(u), { apiKey: `key-${u}`, secret: `secret-${u}` }));
  return { t, sealed };
}

function toolOptions(t: TestVault, dataKeys: DataKeyPort = t.store): KeyringToolOptions {
  return { keyringPath: t.keyringPath, dataKeys, state: t.store, locks: t.store, log: captureLogs().log };
}

/** The store, except that re-wrapping dies (like a killed process) after `n` keys. */
function dyingAfter(store: Store, n: number): DataKeyPort {
  let left = n;
  return {
    getDataKey: (u) => store.getDataKey(u),
    createDataKey: (u, k) => store.createDataKey(u, k),
    deleteDataKey: (u) => store.deleteDataKey(u),
    usersWithDataKeys: () => store.usersWithDataKeys(),
    nextSealCounter: (u) => store.nextSealCounter(u),
    getSealingState: (p) => store.getSealingState(p),
    replaceDataKey: async (u, e, k) => {
      if (left-- <= 0) throw new Error('killed');
      return store.replaceDataKey(u, e, k);
    },
  };
}

async function kidsInUse(store: Store): Promise<number[]> {
  const kids: number[] = [];
  for await (const u of store.usersWithDataKeys()) kids.push((await store.getDataKey(u))!.kid);
  return kids;
}

describeEachBackend('master key rotation', (b) => {
  beforeAll(() => {
    backend = b;
  });
  it('adds a version, re-wraps every data key under it, and everything still opens', async () => {
    const { t, sealed } = await seeded();
    const report = await rotateMasterKey(toolOptions(t));
    expect(report).toEqual({ version: 2, rewrapped: users.length, resumed: false });
    expect(new Set(await kidsInUse(t.store))).toEqual(new Set([2]));
    expect((await readKeyringFile(t.keyringPath))!.current).toBe(2);
    await t.store.close();
    const again = await reopen(t);
    for (const u of users) expect(await again.vault.open(place(u), sealed.get(u)!)).toEqual({ apiKey: `key-${u}`, secret: `secret-${u}` });
    await again.store.close();
  });

  it('resumes a rotation killed midway instead of adding yet another version', async () => {
    const { t, sealed } = await seeded();
    await expect(rotateMasterKey(toolOptions(t, dyingAfter(t.store, 5)))).rejects.toThrow('killed');
    expect((await kidsInUse(t.store)).filter((k) => k === 2)).toHaveLength(5);
    const report = await rotateMasterKey(toolOptions(t));
    expect(report).toEqual({ version: 2, rewrapped: users.length - 5, resumed: true });
    expect(new Set(await kidsInUse(t.store))).toEqual(new Set([2]));
    expect([...(await readKeyringFile(t.keyringPath))!.keys.keys()]).toEqual([1, 2]);
    for (const u of users) expect((await t.vault.open(place(u), sealed.get(u)!)).apiKey).toBe(`key-${u}`);
    await t.store.close();
  });

  it('picks up a rotation made by another process while running, without a restart', async () => {
    const { t, sealed } = await seeded();
    await rotateMasterKey(toolOptions(t)); // the running vault still holds only version 1
    expect(t.vault.currentVersion).toBe(1);
    expect((await t.vault.open(place(users[0]!), sealed.get(users[0]!)!)).apiKey).toBe(`key-${users[0]}`);
    expect(t.vault.currentVersion).toBe(2);
    await t.store.close();
  });

  it('refuses to retire a version while a data key still uses it, then retires it once none does', async () => {
    const { t } = await seeded();
    await expect(retireMasterKey(toolOptions(t), 1)).rejects.toSatisfy((e) => isAppError(e, 'KEYRING_VERSION_CURRENT'));
    await expect(rotateMasterKey(toolOptions(t, dyingAfter(t.store, 3)))).rejects.toThrow('killed');
    const inUse = await retireMasterKey(toolOptions(t), 1).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isAppError(inUse, 'KEYRING_VERSION_IN_USE')).toBe(true);
    await rotateMasterKey(toolOptions(t));
    await retireMasterKey(toolOptions(t), 1);
    expect([...(await readKeyringFile(t.keyringPath))!.keys.keys()]).toEqual([2]);
    expect(Object.keys((await t.store.getKeyringState())!.canaries)).toEqual(['2']);
    await t.store.close();
  });

  it('fails explicitly on a data key sealed under a retired version', async () => {
    const { t, sealed } = await seeded();
    const oldKey = (await t.store.getDataKey(users[0]!))!;
    await rotateMasterKey(toolOptions(t));
    await retireMasterKey(toolOptions(t), 1);
    await t.store.replaceDataKey(users[0]!, (await t.store.getDataKey(users[0]!))!, oldKey); // e.g. restored from an old backup
    const fresh = await reopen(t);
    const err = await fresh.vault.open(place(users[0]!), sealed.get(users[0]!)!).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isAppError(err, 'DECRYPT_FAILED')).toBe(true);
    expect(String((err as Error).cause)).toContain('version 1 is not in the keyring');
    await fresh.store.close();
    await t.store.close();
  });

  it('refuses to rotate or retire with a keyring that does not match the store', async () => {
    const { t } = await seeded();
    const { chmod } = await import('node:fs/promises');
    await chmod(t.keyringPath, 0o600);
    const { generateMasterKey } = await import('../../src/vault/index.js');
    await writeKeyringFile(t.keyringPath, { current: 1, keys: new Map([[1, generateMasterKey()]]) });
    await expect(rotateMasterKey(toolOptions(t))).rejects.toSatisfy((e) => isAppError(e, 'KEYRING_WRONG_KEY'));
    expect(new Set(await kidsInUse(t.store))).toEqual(new Set([1]));
    await t.store.close();
  });

  it('refuses to retire a version that a running process still wraps new keys with, until it moved on or stopped', async () => {
    const { t } = await seeded();
    await rotateMasterKey(toolOptions(t));
    await t.store.reportKeyringUse({ processId: 'bot-a/101', version: 1 });
    await t.store.reportKeyringUse({ processId: 'bot-b/102', version: 2 });
    const err = await retireMasterKey(toolOptions(t), 1).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isAppError(err, 'KEYRING_VERSION_RUNNING')).toBe(true);
    expect((err as Error).message).toContain('bot-a/101');
    expect((err as Error).message).not.toContain('bot-b/102');
    expect([...(await readKeyringFile(t.keyringPath))!.keys.keys()]).toEqual([1, 2]);
    await t.store.endKeyringUse('bot-a/101');
    await retireMasterKey(toolOptions(t), 1);
    expect(await t.store.keyringUses()).toEqual([{ processId: 'bot-b/102', version: 2 }]);
    await t.store.close();
  });

  it('has a running process adopt a rotation and a retirement as soon as the keyring file changes, and report its version', async () => {
    const { t, sealed } = await seeded();
    const watch = watchKeyring(t.vault, { ...toolOptions(t), processId: 'bot/1', intervalMs: 60_000 });
    try {
      await expect.poll(() => t.store.keyringUses()).toEqual([{ processId: 'bot/1', version: 1 }]);
      await rotateMasterKey(toolOptions(t));
      await expect.poll(() => t.store.keyringUses(), { timeout: 5_000 }).toEqual([{ processId: 'bot/1', version: 2 }]);
      expect(t.vault.currentVersion).toBe(2);
      await retireMasterKey(toolOptions(t), 1);
      await expect.poll(() => t.vault.versions, { timeout: 5_000 }).toEqual([2]);
      const fresh = '300000000000000001';
      await t.vault.seal(place(fresh), { apiKey: 'k', secret: 's' });
      expect((await t.store.getDataKey(fresh))!.kid).toBe(2);
      expect((await t.vault.open(place(users[0]!), sealed.get(users[0]!)!)).apiKey).toBe(`key-${users[0]}`);
    } finally {
      await watch.stop();
    }
    expect(await t.store.keyringUses()).toEqual([]);
    await t.store.close();
  });

  it("warns once when the store has a newer master key version than this process's keyring file (a rotation made on another host)", async () => {
    const { t } = await seeded();
    const elsewhere = join(await tempDir(), 'keyring.json'); // another host's copy of the keyring
    await copyFile(t.keyringPath, elsewhere);
    await chmod(elsewhere, 0o400);
    await rotateMasterKey({ ...toolOptions(t), keyringPath: elsewhere });
    const logs = captureLogs();
    const watch = watchKeyring(t.vault, { ...toolOptions(t), log: logs.log, processId: 'bot/2', intervalMs: 50 });
    try {
      await expect.poll(() => logs.lines.filter((l) => l.includes('copy the rotated keyring file')).length).toBe(1);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(logs.lines.filter((l) => l.includes('copy the rotated keyring file'))).toHaveLength(1);
      expect(await t.store.keyringUses()).toEqual([{ processId: 'bot/2', version: 1 }]);
    } finally {
      await watch.stop();
    }
    await t.store.close();
  });
});
