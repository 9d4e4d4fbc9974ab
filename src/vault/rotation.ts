import { AppError } from '../errors.js';
import { generateMasterKey, readKeyringFile, writeKeyringFile } from './keyring-file.js';
import type { OpenVaultOptions } from './open-vault.js';
import { openVault } from './open-vault.js';
import type { LockPort } from './ports.js';

export interface KeyringToolOptions extends OpenVaultOptions {
  locks: LockPort;
}

const LOCK = 'keyring-rotation';
const LOCK_TTL_MS = 10 * 60_000;

export interface RotationReport {
  version: number;
  rewrapped: number;
  resumed: boolean;
}

/**
 * Adds a master key version and re-wraps every user's data key under it. The target version is
 * recorded before any work, so a run killed midway is resumed (not restarted) by the next run.
 */
export async function rotateMasterKey(opts: KeyringToolOptions): Promise<RotationReport> {
  return opts.locks.withLock(LOCK, LOCK_TTL_MS, async () => {
    const vault = await openVault(opts);
    const state = (await opts.state.getKeyringState())!;
    const resumed = state.rotatingTo !== undefined;
    const target = state.rotatingTo ?? Math.max(...vault.versions) + 1;
    if (!resumed) await opts.state.putKeyringState({ ...state, rotatingTo: target });
    const keyring = (await readKeyringFile(opts.keyringPath))!;
    if (!keyring.keys.has(target) || keyring.current !== target) {
      if (!keyring.keys.has(target)) keyring.keys.set(target, generateMasterKey());
      keyring.current = target;
      await writeKeyringFile(opts.keyringPath, keyring);
    }
    const current = await openVault(opts); // proves the new version and records its canary
    let rewrapped = 0;
    for await (const userId of opts.dataKeys.usersWithDataKeys()) {
      const wrapped = await opts.dataKeys.getDataKey(userId);
      if (!wrapped || wrapped.kid === target) continue;
      if (await opts.dataKeys.replaceDataKey(userId, wrapped, current.rewrap(userId, wrapped))) rewrapped += 1;
    }
    const done = (await opts.state.getKeyringState())!;
    delete done.rotatingTo;
    await opts.state.putKeyringState(done);
    return { version: target, rewrapped, resumed };
  });
}

/** Removes a master key version, refusing while any user's data key still depends on it. */
export async function retireMasterKey(opts: KeyringToolOptions, version: number): Promise<void> {
  await opts.locks.withLock(LOCK, LOCK_TTL_MS, async () => {
    const vault = await openVault(opts);
    if (!vault.versions.includes(version)) throw new AppError('KEYRING_VERSION_UNKNOWN', { version });
    if (version === vault.currentVersion) throw new AppError('KEYRING_VERSION_CURRENT', { version });
    const state = (await opts.state.getKeyringState())!;
    if (state.rotatingTo !== undefined) throw new AppError('KEYRING_VERSION_IN_USE', { version, count: (await countUsing(opts, version)) || 1 });
    const count = await countUsing(opts, version);
    if (count > 0) throw new AppError('KEYRING_VERSION_IN_USE', { version, count });
    // a running process still on this version would wrap new data keys with it after it is gone
    const running = (await opts.state.keyringUses()).filter((use) => use.version === version);
    if (running.length > 0) throw new AppError('KEYRING_VERSION_RUNNING', { version, processes: running.map((use) => use.processId).join(', ') });
    const keyring = (await readKeyringFile(opts.keyringPath))!;
    keyring.keys.delete(version);
    await writeKeyringFile(opts.keyringPath, keyring);
    const canaries = { ...state.canaries };
    delete canaries[String(version)];
    await opts.state.putKeyringState({ ...state, canaries });
  });
}

async function countUsing(opts: KeyringToolOptions, version: number): Promise<number> {
  let count = 0;
  for await (const userId of opts.dataKeys.usersWithDataKeys()) {
    if ((await opts.dataKeys.getDataKey(userId))?.kid === version) count += 1;
  }
  return count;
}
