import { readdirSync, statSync } from 'node:fs';
import { chmod, chown, copyFile, mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../../src/errors.js';
import { generateMasterKey, writeKeyringFile } from '../../src/vault/index.js';
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
      v: 1, ...place, keyHint: '-123', createdAt: 1, rotatedAt: 1, status: 'ok', warnings: [], reminders: {}, sealed,
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
    const err = await openTestVault(mismatched).then(() => undefined, (e: unknown) => e);
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
          try { seen.add(`${entry} ${(statSync(join(backups, entry)).mode & 0o777).toString(8)}`); } catch { /* gone meanwhile */ }
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
});
