import sodium from 'libsodium-wrappers';

export type Sodium = typeof sodium;

/** The parts of libsodium's WebAssembly module that the wrappers use to pass bytes in and out. */
interface WasmModule {
  _malloc(size: number): number;
  _free(address: number): void;
  HEAPU8: Uint8Array;
}

let wiping = false;

/** libsodium, initialised once (its WebAssembly module loads asynchronously). */
export async function loadSodium(): Promise<Sodium> {
  await sodium.ready;
  if (!wiping) wipeHeapOnFree((sodium as unknown as { libsodium: WasmModule }).libsodium);
  return sodium;
}

/**
 * libsodium-wrappers copies every argument (plaintext, keys, nonces) into the WebAssembly heap and
 * frees it without zeroing, so plaintext outlived each call there. Every block the wrappers allocate
 * is remembered with its size and zeroed when they free it (the heap view is re-read: it moves when
 * memory grows).
 */
function wipeHeapOnFree(module: WasmModule): void {
  const sizes = new Map<number, number>();
  const malloc = module._malloc;
  const free = module._free;
  module._malloc = (size: number) => {
    const address = malloc.call(module, size);
    if (address !== 0) sizes.set(address, size);
    return address;
  };
  module._free = (address: number) => {
    const size = sizes.get(address);
    if (size !== undefined) {
      module.HEAPU8.fill(0, address, address + size);
      sizes.delete(address);
    }
    free.call(module, address);
  };
  wiping = true;
}
