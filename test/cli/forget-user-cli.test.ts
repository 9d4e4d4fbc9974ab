import { describe, expect, it } from 'vitest';
import { systemClock } from '../../src/clock.js';
import { Links } from '../../src/discord/links.js';
import { openStore } from '../../src/store/index.js';
import { credential } from '../reminders/reminder-helpers.js';
import { runEntry } from '../helpers/spawn.js';
import { openTestVault } from '../helpers/stores.js';
import { useTempDirs } from '../helpers/temp.js';

const tempDir = useTempDirs();
const GONE = '300000000000000077';
const STAYS = '300000000000000078';

describe('npm run forget-user', () => {
  it('forgets a user who left the server as /keys forget would, and leaves everyone else alone', async () => {
    const dir = await tempDir();
    const t = await openTestVault(dir);
    for (const userId of [GONE, STAYS]) {
      const sealed = await t.vault.seal({ userId, exchange: 'binance', account: 'main' }, { apiKey: 'made-up-key', secret: 'made-up-secret' });
      await t.store.putCredential(credential({ userId, sealed }));
    }
    const link = await new Links(t.store.coordination).create(
      { userId: GONE, command: 'keys', action: 'rotate', target: {}, dm: true, reusable: true },
      60_000,
    );
    await t.store.close();
    const env = { STORE_URL: t.url, KEYRING_FILE: t.keyringPath };

    const run = await runEntry('src/cli/forget-user.ts', [GONE], { cwd: dir, env });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`Forgot user ${GONE}: 1 key(s)`);

    const store = await openStore(t.url, systemClock);
    try {
      expect(await store.getUser(GONE)).toBeUndefined();
      expect(await store.getDataKey(GONE)).toBeUndefined();
      expect(await store.listCredentials(GONE)).toEqual([]);
      await expect(new Links(store.coordination).resolve(link, GONE, true)).rejects.toThrow(/expired/);
      expect((await store.listCredentials(STAYS)).map((c) => c.exchange)).toEqual(['binance']);
    } finally {
      await store.close();
    }
  });

  it('prints its usage and exits 2 without a valid user id', async () => {
    const run = await runEntry('src/cli/forget-user.ts', ['alice'], { cwd: await tempDir(), env: {} });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('usage: npm run forget-user');
  });
});
