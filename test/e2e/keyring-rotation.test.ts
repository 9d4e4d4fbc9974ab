import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { systemClock } from '../../src/clock.js';
import { isAppError } from '../../src/errors.js';
import { openStore } from '../../src/store/index.js';
import { openVault, retireMasterKey, rotateMasterKey, type KeyringToolOptions } from '../../src/vault/index.js';
import { captureLogs } from '../helpers/logs.js';
import { ALICE, BOB, useKeyward } from './harness.js';

const h = useKeyward();

describe('master key rotation while the bot runs', () => {
  it('rotates and retires under a running bot; a key connected afterwards still opens after a restart', async () => {
    const url = `sqlite://${join(h.dir, 'data', 'keyward.sqlite')}`;
    const keyringPath = join(h.dir, 'secrets', 'keyring.json');
    const alice = h.key('okx');
    await h.connect(ALICE, 'okx', alice.typed);

    // the operator's `npm run keyring`, with its own connection to the store
    const tool = await openStore(url, systemClock);
    const opts: KeyringToolOptions = { keyringPath, dataKeys: tool, state: tool, locks: tool, log: captureLogs().log };
    await rotateMasterKey(opts);
    const retired = () =>
      retireMasterKey(opts, 1).then(
        () => true,
        (e: unknown) => (isAppError(e, 'KEYRING_VERSION_RUNNING') ? false : Promise.reject(e)),
      );
    await expect.poll(retired, { timeout: 10_000, interval: 100 }).toBe(true);
    await tool.close();

    const bob = h.key('binance');
    await h.connect(BOB, 'binance', bob.typed);
    expect((await h.app.store.getDataKey(BOB))!.kid).toBe(2);
    await h.app.stop();

    const store = await openStore(url, systemClock);
    try {
      const vault = await openVault({ keyringPath, dataKeys: store, state: store, log: captureLogs().log });
      for (const [userId, exchange, key] of [
        [ALICE, 'okx', alice.key],
        [BOB, 'binance', bob.key],
      ] as const) {
        const record = (await store.getCredential(userId, exchange, 'main'))!;
        expect((await vault.open({ userId, exchange, account: 'main' }, record.sealed)).apiKey).toBe(key.apiKey);
      }
    } finally {
      await store.close();
    }
  }, 40_000);
});
