import { readdirSync, statSync } from 'node:fs';
import { chmod, chown, copyFile, mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../../src/errors.js';
import { generateMasterKey, retireMasterKey, rotateMasterKey, writeKeyringFile } from '../../src/vault/index.js';
import { openTestVault } from '../helpers/stores.js';
import { rawSet } from '../helpers/raw-store.js';
import { runEntry } from '../helpers/spawn.js';
import { useTempDirs } from '../helpers/temp.js';

const tempDir = useTempDirs();
const place = { userId: '400000000000000001', exchange: 'okx', account: 'main' };

describe('backup and restore', () => {
  it('restores every key from a store snapshot plus the separately kept keyring, and refuses a snapshot with another keyring', async () => {
    const live = await tempDir();
    const t = await openTestVault(live);
    const sealed = await t.vault.seal(place, { apiKey: 'k-123', secret: 's-456', password: 'p' });
    await t.store.putCredential({
      v: 1,
      ...place,
      keyHint: '-123',
      createdAt: 1,
      rotatedAt: 1,
      status: 'ok',
      warnings: [],
      reminders: {},
      sealed,
      permissions: { read: 'yes', spotTrade: 'yes', futuresTrade: 'no', withdraw: 'no', transfer: 'no', ipRestricted: 'yes' },
    });
    const backups = await tempDir();
    const run = await runEntry('src/cli/backup.ts', [backups], { cwd: live, env: { STORE_URL: `sqlite://${t.dbFile}`, KEYRING_FILE: t.keyringPath } });
    await t.store.close();
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('Back up the keyring');
    const [snapshot] = await readdir(backups);
    expect(snapshot).toMatch(/^keyward-.*\.sqlite$/);
    expect(await readdir(backups)).toHaveLength(1); // the keyring is never copied next to the data
    const keyringBackup = join(await tempDir(), 'keyring.json');
    await copyFile(t.keyringPath, keyringBackup);

    await rm(live, { recursive: true, force: true }); // the machine is lost

    const restored = await tempDir();
    await mkdir(join(restored, 'data'), { recursive: true, mode: 0o700 });
    await mkdir(join(restored, 'secrets'), { recursive: true, mode: 0o700 });
    await copyFile(join(backups, snapshot!), join(restored, 'data', 'keyward.sqlite'));
    await copyFile(keyringBackup, join(restored, 'secrets', 'keyring.json'));
    await chmod(join(restored, 'secrets', 'keyring.json'), 0o400);
    const back = await openTestVault(restored);
    const record = (await back.store.listCredentials(place.userId))[0]!;
    expect(await back.vault.open(place, record.sealed)).toEqual({ apiKey: 'k-123', secret: 's-456', password: 'p' });
    await back.store.close();

    const mismatched = await tempDir();
    await mkdir(join(mismatched, 'data'), { recursive: true, mode: 0o700 });
    await copyFile(join(backups, snapshot!), join(mismatched, 'data', 'keyward.sqlite'));
    await writeKeyringFile(join(mismatched, 'secrets', 'keyring.json'), { current: 1, keys: new Map([[1, generateMasterKey()]]) });
    const err = await openTestVault(mismatched).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isAppError(err, 'KEYRING_WRONG_KEY')).toBe(true);
  });

  it('never lets a backup file exist with a mode other users could read, not even while it is being written', async () => {
    const live = await tempDir();
    const t = await openTestVault(live);
    await t.store.close();
    // a store of some megabytes, so that writing the copy takes a while
    for (let i = 0; i < 40; i++) await rawSet(t.url, `filler:${i}`, 'x'.repeat(500_000));
    const backups = await tempDir();
    const seen = new Set<string>();
    let watching = true;
    const watch = (async () => {
      while (watching) {
        for (const entry of readdirSync(backups, { recursive: true }) as string[]) {
          try {
            seen.add(`${entry} ${(statSync(join(backups, entry)).mode & 0o777).toString(8)}`);
          } catch {
            /* gone meanwhile */
          }
        }
        await new Promise((r) => setImmediate(r));
      }
    })();
    const run = await runEntry('src/cli/backup.ts', [backups], { cwd: live, env: { STORE_URL: `sqlite://${t.dbFile}`, KEYRING_FILE: t.keyringPath } });
    watching = false;
    await watch;
    expect(run.code, run.stderr).toBe(0);
    expect(seen.size).toBeGreaterThan(0);
    const files = [...seen].filter((s) => /\.sqlite /.test(s));
    expect(files.length).toBeGreaterThan(0);
    for (const s of seen) expect(s).toMatch(/ 600$/);
  });

  it('refuses a target directory that other users can write to, or that belongs to someone else, and writes nothing there', async () => {
    const live = await tempDir();
    const t = await openTestVault(live);
    await t.store.close();
    const env = { STORE_URL: `sqlite://${t.dbFile}`, KEYRING_FILE: t.keyringPath };
    const open = await tempDir();
    await chmod(open, 0o777);
    const run = await runEntry('src/cli/backup.ts', [open], { cwd: live, env });
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('other users can write to it');
    expect(await readdir(open)).toEqual([]);
    if (process.getuid?.() === 0) {
      const foreign = await tempDir();
      await chown(foreign, 65534, 65534);
      const other = await runEntry('src/cli/backup.ts', [foreign], { cwd: live, env });
      expect(other.code).not.toBe(0);
      expect(other.stderr).toContain('belongs to another user');
      expect(await readdir(foreign)).toEqual([]);
    }
  });

  it('a backup taken before a user was forgotten stops opening once the master key is rotated and the old version retired', async () => {
    const live = await tempDir();
    const t = await openTestVault(live);
    const forgotten = { ...place, userId: '400000000000000002' };
    for (const p of [place, forgotten]) {
      await t.store.putCredential({
        v: 1,
        ...p,
        keyHint: 'k-12',
        createdAt: 1,
        rotatedAt: 1,
        status: 'ok',
        warnings: [],
        reminders: {},
        sealed: await t.vault.seal(p, { apiKey: `k-${p.userId}`, secret: 's' }),
        permissions: { read: 'yes', spotTrade: 'yes', futuresTrade: 'no', withdraw: 'no', transfer: 'no', ipRestricted: 'yes' },
      });
    }
    const backups = await tempDir();
    const before = join(backups, 'before.sqlite');
    await t.store.snapshot(before);
    await t.vault.shred(forgotten.userId);
    await t.store.forgetUser(forgotten.userId);

    const restoreWith = async (keyringFrom: string) => {
      const dir = await tempDir();
      await mkdir(join(dir, 'data'), { recursive: true, mode: 0o700 });
      await mkdir(join(dir, 'secrets'), { recursive: true, mode: 0o700 });
      await copyFile(before, join(dir, 'data', 'keyward.sqlite'));
      await copyFile(keyringFrom, join(dir, 'secrets', 'keyring.json'));
      await chmod(join(dir, 'secrets', 'keyring.json'), 0o400);
      return openTestVault(dir);
    };
    // with the keyring as it is today, the old backup still holds the forgotten user
    const early = await restoreWith(t.keyringPath);
    const record = (await early.store.getCredential(forgotten.userId, place.exchange, place.account))!;
    expect((await early.vault.open(forgotten, record.sealed)).apiKey).toBe(`k-${forgotten.userId}`);
    await early.store.close();

    const tool = { keyringPath: t.keyringPath, dataKeys: t.store, state: t.store, locks: t.store, log: t.log };
    await rotateMasterKey(tool);
    await retireMasterKey(tool, 1);
    const late = await restoreWith(t.keyringPath).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isAppError(late, 'KEYRING_VERSION_UNKNOWN')).toBe(true);
    // the live store goes on working for everyone else
    const kept = (await t.store.getCredential(place.userId, place.exchange, place.account))!;
    expect((await t.vault.open(place, kept.sealed)).apiKey).toBe(`k-${place.userId}`);
    await t.store.close();
  });
});
