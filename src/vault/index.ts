export { encodeAssociatedData, FORMAT_VERSION } from './associated-data.js';
export { generateMasterKey, readKeyringFile, writeKeyringFile, MASTER_KEY_BYTES, type Keyring } from './keyring-file.js';
export { openVault, reloadKeyring, type OpenVaultOptions } from './open-vault.js';
export type { DataKeyPort, KeyringState, KeyringStatePort, LockPort, Sealed, WrappedKey } from './ports.js';
export { retireMasterKey, rotateMasterKey, type KeyringToolOptions, type RotationReport } from './rotation.js';
export { Vault, type CredentialPlace, type Secrets } from './vault.js';
export type { KeyPairType } from './key-pair.js';
