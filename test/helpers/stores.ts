import { join } from 'node:path';
import { systemClock, type Clock } from '../../src/clock.js';
import { openStore, type Store } from '../../src/store/index.js';
import { openVault, type Vault } from '../../src/vault/index.js';
import type { Logger } from '../../src/log.js';
import { captureLogs } from './logs.js';

export interface TestVault {
  store: Store;
  vault: Vault;
  dbFile: string;
  keyringPath: string;
  log: Logger;
}

/** A real SQLite store and vault in `dir`, as main.ts builds them. */
export async function openTestVault(dir: string, clock: Clock = systemClock, log: Logger = captureLogs().log): Promise<TestVault> {
  const dbFile = join(dir, 'data', 'keyward.sqlite');
  const keyringPath = join(dir, 'secrets', 'keyring.json');
  const store = await openStore(`sqlite://${dbFile}`, clock);
  const vault = await openVault({ keyringPath, dataKeys: store, state: store, log });
  return { store, vault, dbFile, keyringPath, log };
}
