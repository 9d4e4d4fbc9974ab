export { encodeAssociatedData, FORMAT_VERSION } from './associated-data.js';
export { assertKeyringCreatable, generateMasterKey, readKeyringFile, writeKeyringFile, MASTER_KEY_BYTES, type Keyring } from './keyring-file.js';
export { openVault, reloadKeyring, type OpenVaultOptions } from './open-vault.js';
export { watchKeyring, type KeyringWatchOptions } from './keyring-watch.js';
export type { CredentialPlace, DataKeyPort, KeyringState, KeyringStatePort, KeyringUse, LockPort, Sealed, WrappedKey } from './ports.js';
export { retireMasterKey, rotateMasterKey, type KeyringToolOptions, type RotationReport } from './rotation.js';
export { Vault, type Secrets } from './vault.js';
export type { KeyPairType } from './key-pair.js';
