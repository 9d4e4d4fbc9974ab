import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import type { Store } from '../store/index.js';
import { openVault, watchKeyring } from '../vault/index.js';

/** The vault, and the watch that notices a rotated keyring while the bot runs. */
export async function openWatchedVault(config: Config, store: Store, log: Logger) {
  const options = { keyringPath: config.KEYRING_FILE, dataKeys: store, state: store, log };
  const vault = await openVault(options);
  // a process id other processes can see in the keyring state, so `retire` refuses a version this one uses
  const keyringWatch = watchKeyring(vault, { ...options, processId: `${hostname()}/${process.pid}/${randomBytes(3).toString('hex')}` });
  return { vault, keyringWatch };
}
