export { encodeAssociatedData } from './associated-data.js';
export { assertKeyringCreatable, generateMasterKey, readKeyringFile, writeKeyringFile, type Keyring } from './keyring-file.js';
export { openVault } from './open-vault.js';
export { watchKeyring } from './keyring-watch.js';
export type { DataKeyPort, Sealed, WrappedKey } from './ports.js';
export { retireMasterKey, rotateMasterKey, type KeyringToolOptions } from './rotation.js';
export { Vault } from './vault.js';
