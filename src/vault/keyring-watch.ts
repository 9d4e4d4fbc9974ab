import { watch, type FSWatcher } from 'node:fs';
import { basename, dirname } from 'node:path';
import { reloadKeyring, type OpenVaultOptions } from './open-vault.js';
import type { Vault } from './vault.js';

export interface KeyringWatchOptions extends OpenVaultOptions {
  /** names this process in its heartbeat */
  processId: string;
  /** how often the store's keyring state is checked and the heartbeat repeated */
  intervalMs?: number;
}

const DEFAULT_INTERVAL_MS = 5_000;
/** while a new version's canary is not in the store yet */
const PENDING_RETRY_MS = 250;

/**
 * Keeps a running process on the keyring's current version: a change of the file (rotate, retire)
 * is adopted at once, the store's keyring state is checked every few seconds, and after each check
 * the process reports in the store which version it wraps new data keys with, so that `retire`
 * can refuse a version still in use. Stopping takes the report back.
 */
export function watchKeyring(vault: Vault, opts: KeyringWatchOptions): { stop(): Promise<void> } {
  const interval = opts.intervalMs ?? DEFAULT_INTERVAL_MS;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  let queued = false;
  const warned = new Set<number>();

  const later = (ms: number) => {
    clearTimeout(timer);
    if (!stopped) timer = setTimeout(check, ms).unref();
  };
  function check(): void {
    if (queued || stopped) return;
    queued = true;
    running = running.then(async () => {
      queued = false;
      if (stopped) return;
      try {
        const current = await reloadKeyring(vault, opts);
        await warnOfMissingVersions(vault, opts, warned);
        await opts.state.reportKeyringUse({ processId: opts.processId, version: vault.currentVersion });
        later(current ? interval : PENDING_RETRY_MS);
      } catch (err) {
        opts.log.warn({ err }, 'could not check the keyring for a rotation; trying again');
        later(interval);
      }
    });
  }

  let watcher: FSWatcher | undefined;
  try {
    // the keyring is replaced by a rename, so the directory is watched, not the file
    watcher = watch(dirname(opts.keyringPath), (_event, name) => {
      if (name === basename(opts.keyringPath)) check();
    });
    watcher.on('error', () => undefined);
    watcher.unref();
  } catch {
    // no file events here (some network file systems): the periodic check still runs
  }
  check();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      watcher?.close();
      await running;
      await opts.state.endKeyringUse(opts.processId).catch(() => undefined);
    },
  };
}

/**
 * A rotation made on another host shows in the store before this host's keyring file has the new
 * version: say so once per version, since this process keeps wrapping with the old one until then.
 */
async function warnOfMissingVersions(vault: Vault, opts: KeyringWatchOptions, warned: Set<number>): Promise<void> {
  const known = Object.keys((await opts.state.getKeyringState())?.canaries ?? {}).map(Number);
  for (const version of known) {
    if (vault.versions.includes(version) || warned.has(version) || version < vault.currentVersion) continue;
    warned.add(version);
    opts.log.warn(
      { keyVersion: vault.currentVersion, storeVersion: version, keyring: opts.keyringPath },
      'the store has a newer master key version than this keyring file: copy the rotated keyring file to this host',
    );
  }
}
