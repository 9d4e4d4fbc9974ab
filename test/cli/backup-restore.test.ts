import { chmod, copyFile, mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../../src/errors.js';
import { generateMasterKey, writeKeyringFile } from '../../src/vault/index.js';
import { openTestVault } from '../helpers/stores.js';
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
});
