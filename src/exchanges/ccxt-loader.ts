/**
 * ccxt, imported on first need and shared: importing it costs about half a second and 30 MB, which
 * a bot that has not yet been asked about any exchange should not pay before it is ready.
 */
import type * as CcxtModule from 'ccxt';

export type Ccxt = typeof CcxtModule;

let loaded: Ccxt | undefined;
let loading: Promise<Ccxt> | undefined;

/** Imports ccxt once; every caller gets the same module. */
export function loadCcxt(): Promise<Ccxt> {
  loading ??= import('ccxt').then(
    (lib) => (loaded = lib),
    (err: unknown) => {
      loading = undefined; // the next caller tries again
      throw err;
    },
  );
  return loading;
}

/** ccxt once loadCcxt() has finished, else undefined (then no ccxt error or instance exists yet). */
export function loadedCcxt(): Ccxt | undefined {
  return loaded;
}

/** ccxt for code that only runs after loadCcxt(): building a client. */
export function requireCcxt(): Ccxt {
  if (!loaded) throw new Error('ccxt was used before loadCcxt() finished');
  return loaded;
}
