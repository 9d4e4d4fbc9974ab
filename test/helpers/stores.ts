import { join } from 'node:path';
import { systemClock, type Clock } from '../../src/clock.js';
import { openStore, sqlitePath, type Store } from '../../src/store/index.js';
import { openVault, type Vault } from '../../src/vault/index.js';
import type { Logger } from '../../src/log.js';
import type { BackendCase } from './backends.js';
import { captureLogs } from './logs.js';

export interface TestVault {
  store: Store;
  vault: Vault;
  /** the STORE_URL used, to open the same store again */
  url: string;
  /** the SQLite file, for SQLite stores */
  dbFile: string;
  keyringPath: string;
  log: Logger;
}

/** A real store (SQLite under `dir` unless a STORE_URL is given) and vault, as main.ts builds them. */
export async function openTestVault(dir: string, clock: Clock = systemClock, log: Logger = captureLogs().log, storeUrl?: string): Promise<TestVault> {
  const url = storeUrl ?? `sqlite://${join(dir, 'data', 'keyward.sqlite')}`;
  const keyringPath = join(dir, 'secrets', 'keyring.json');
  const store = await openStore(url, clock);
  const vault = await openVault({ keyringPath, dataKeys: store, state: store, log });
  return { store, vault, url, dbFile: url.startsWith('sqlite:') ? sqlitePath(url) : '', keyringPath, log };
}

/** A vault on a namespace of `backend` that no other test uses; closeBackendVault removes it again. */
export const openBackendVault = (backend: BackendCase, dir: string, clock: Clock): Promise<TestVault> =>
  openTestVault(dir, clock, undefined, backend.freshUrl(dir));

/** Closes a vault from openBackendVault and clears what it left in a shared server. */
export async function closeBackendVault(backend: BackendCase, t: TestVault): Promise<void> {
  await t.store.close();
  await backend.cleanup(t.url);
}
