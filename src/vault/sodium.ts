import sodium from 'libsodium-wrappers';

export type Sodium = typeof sodium;

/** libsodium, initialised once (its WebAssembly module loads asynchronously). */
export async function loadSodium(): Promise<Sodium> {
  await sodium.ready;
  return sodium;
}
