import { describe, expect, it } from 'vitest';
import { readKeyringFile } from '../../src/vault/index.js';
import { openTestVault } from '../helpers/stores.js';
import { runEntry } from '../helpers/spawn.js';
import { useTempDirs } from '../helpers/temp.js';

const tempDir = useTempDirs();

describe('npm run keyring', () => {
  it('rotates, reports status and retires the old version, printing no key bytes', async () => {
    const dir = await tempDir();
    const t = await openTestVault(dir);
    const place = { userId: '300000000000000001', exchange: 'kraken', account: 'main' };
    const sealed = await t.vault.seal(place, { apiKey: 'k', secret: 's' });
    await t.store.close();
    const env = { STORE_URL: `sqlite://${t.dbFile}`, KEYRING_FILE: t.keyringPath };
    const keyBytes = () => readKeyringFile(t.keyringPath).then((k) => [...k!.keys.values()].map((b) => Buffer.from(b).toString('base64')));

    const rotate = await runEntry('src/cli/keyring.ts', ['rotate'], { cwd: dir, env });
    expect(rotate.code, rotate.stderr).toBe(0);
    expect(rotate.stdout).toContain('Rotated to master key version 2; re-wrapped 1 data key(s).');

    const status = await runEntry('src/cli/keyring.ts', ['status'], { cwd: dir, env });
    expect(status.stdout).toContain('version 1: 0 user(s)');
    expect(status.stdout).toContain('version 2 (current): 1 user(s)');

    const refused = await runEntry('src/cli/keyring.ts', ['retire', '2'], { cwd: dir, env });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('is the current one');

    const retire = await runEntry('src/cli/keyring.ts', ['retire', '1'], { cwd: dir, env });
    expect(retire.code, retire.stderr).toBe(0);
    for (const bytes of await keyBytes()) expect(rotate.stdout + status.stdout + retire.stdout + refused.stderr).not.toContain(bytes);

    const again = await openTestVault(dir);
    expect(await again.vault.open(place, sealed)).toEqual({ apiKey: 'k', secret: 's' });
    await again.store.close();
  });

  it('prints its usage for an unknown command', async () => {
    const dir = await tempDir();
    const run = await runEntry('src/cli/keyring.ts', ['explode'], { cwd: dir, env: {} });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('usage: npm run keyring');
  });
});
