import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import type { Currencies, Dictionary, Exchange, Market } from 'ccxt';
import { krakenAdapter } from '../../src/exchanges/adapters/kraken.js';
import type { VerdictKind } from '../../src/exchanges/types.js';
import { plainCcxtAgainst } from './ccxt-client.js';
import { startExchangeSimulator, type ExchangeSimulator } from './server.js';
import type { KeyProfile } from './types.js';

/** A kraken-looking key pair: a 56-character public key and a base64 secret of 64 bytes. */
export const fakeKrakenKey = (profile: Partial<KeyProfile> = {}): KeyProfile => ({
  apiKey: randomBytes(42).toString('base64'), secret: randomBytes(64).toString('base64'), ...profile,
});

/** The error a call failed with; a call that succeeds fails the test instead. */
export async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected the call to fail');
}

/** Keyward's reading of a kraken error. */
export const classify = (err: unknown): VerdictKind | undefined => krakenAdapter.classifyError!(err);

/** What a kraken test file works with once its simulator is up. */
export interface KrakenSim {
  sim: ExchangeSimulator;
  markets: Dictionary<Market>;
  /** Registers a fresh fake key with the given profile. */
  register(profile?: Partial<KeyProfile>): KeyProfile;
  /** A plain ccxt instance that will load markets itself, signing with `secret`. */
  fresh(key: KeyProfile, secret?: string): Exchange;
  /** A plain ccxt instance given the markets loaded once for the file, as Keyward shares them. */
  preloaded(key: KeyProfile, secret?: string): Exchange;
}

/** Starts a kraken-only simulator for one test file, with faults and counters cleared before each test. */
export function useKrakenSim(): KrakenSim {
  let currencies: Currencies;
  const state = {} as KrakenSim;
  beforeAll(async () => {
    state.sim = await startExchangeSimulator({ only: ['kraken'] });
    const pub = plainCcxtAgainst(state.sim, 'kraken');
    state.markets = await pub.loadMarkets();
    currencies = pub.currencies;
  });
  afterAll(() => state.sim.close());
  beforeEach(() => {
    state.sim.clearFaults('kraken');
    state.sim.resetStats('kraken');
  });
  state.register = (profile = {}) => {
    const key = fakeKrakenKey(profile);
    state.sim.addKey('kraken', key);
    return key;
  };
  state.fresh = (key, secret = key.secret) => plainCcxtAgainst(state.sim, 'kraken', { apiKey: key.apiKey, secret });
  state.preloaded = (key, secret = key.secret) => {
    const exchange = state.fresh(key, secret);
    // ccxt types the currencies argument as undefined although setMarkets takes them
    exchange.setMarkets(state.markets, currencies as never);
    return exchange;
  };
  return state;
}
