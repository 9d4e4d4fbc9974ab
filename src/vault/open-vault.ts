import type { Logger } from '../log.js';
import { AppError } from '../errors.js';
import { generateMasterKey, keyringWriteFailure, readKeyringFile, writeKeyringFile, type Keyring } from './keyring-file.js';
import type { DataKeyPort, KeyringStatePort } from './ports.js';
import { Vault } from './vault.js';

export interface OpenVaultOptions {
  keyringPath: string;
  dataKeys: DataKeyPort;
  state: KeyringStatePort;
  log: Logger;
  /** doctor and `keyring status`: check the canaries, but never record new ones */
  readOnly?: boolean;
}

/**
 * Loads the keyring (creating it on a first start with an empty store), proves every master key
 * version against the canary the store holds for it, and only then writes anything: with a wrong
 * key file Keyward refuses to start and leaves the store untouched.
 */
export async function openVault(opts: OpenVaultOptions): Promise<Vault> {
  let keyring = await readKeyringFile(opts.keyringPath);
  if (!keyring) {
    if (await storeHasData(opts)) throw new AppError('KEYRING_MISSING_WITH_DATA', { path: opts.keyringPath });
    keyring = { current: 1, keys: new Map([[1, generateMasterKey()]]) };
    await writeKeyringFile(opts.keyringPath, keyring).catch((err: unknown) => {
      throw keyringWriteFailure(err, opts.keyringPath);
    });
    opts.log.warn(
      { keyring: opts.keyringPath },
      'CREATED A NEW KEYRING. Back this file up now, somewhere apart from the data directory: without it no stored key can ever be decrypted, and with the data it decrypts everything.',
    );
  }
  const vault = await Vault.create(keyring, opts.dataKeys);
  await verifyCanaries(vault, keyring, opts);
  vault.onUnknownVersion = async () => {
    await reloadKeyring(vault, opts);
  };
  return vault;
}

/**
 * Re-reads the keyring file after another process rotated or retired a version, trusting only
 * versions that pass their canary. False while a new version has no canary yet (the rotation
 * writes it just after the file): the caller tries again shortly.
 */
export async function reloadKeyring(vault: Vault, opts: OpenVaultOptions): Promise<boolean> {
  const keyring = await readKeyringFile(opts.keyringPath);
  if (!keyring) return true;
  const versions = [...keyring.keys.keys()].sort((a, b) => a - b);
  if (versions.join() === vault.versions.join() && keyring.current === vault.currentVersion) return true;
  const canaries = (await opts.state.getKeyringState())?.canaries ?? {};
  if (versions.some((kid) => !canaries[String(kid)])) return false;
  const probe = await Vault.create(keyring, opts.dataKeys);
  for (const kid of versions) if (!probe.checkCanary(kid, canaries[String(kid)]!)) throw new AppError('KEYRING_WRONG_KEY', { version: kid });
  vault.useKeyring(keyring);
  opts.log.info({ keyVersion: keyring.current, versions }, 'adopted the keyring as changed on disk');
  return true;
}

async function verifyCanaries(vault: Vault, keyring: Keyring, opts: OpenVaultOptions): Promise<void> {
  const state = (await opts.state.getKeyringState()) ?? { canaries: {} };
  for (const [version, canary] of Object.entries(state.canaries)) {
    const kid = Number(version);
    if (!keyring.keys.has(kid)) throw new AppError('KEYRING_VERSION_UNKNOWN', { version: kid });
    if (!vault.checkCanary(kid, canary)) throw new AppError('KEYRING_WRONG_KEY', { version: kid });
  }
  const missing = [...keyring.keys.keys()].filter((kid) => !state.canaries[String(kid)]);
  if (missing.length === 0 || opts.readOnly) return;
  const canaries = { ...state.canaries };
  for (const kid of missing) canaries[String(kid)] = vault.makeCanary(kid);
  await opts.state.putKeyringState({ ...state, canaries });
}

async function storeHasData(opts: OpenVaultOptions): Promise<boolean> {
  if (await opts.state.getKeyringState()) return true;
  for await (const _ of opts.dataKeys.usersWithDataKeys()) return true;
  return false;
}
