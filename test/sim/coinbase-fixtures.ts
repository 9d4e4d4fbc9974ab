import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import type { Currencies, Dictionary, Exchange, Market } from 'ccxt';
import { coinbaseAdapter } from '../../src/exchanges/adapters/coinbase.js';
import type { VerdictKind } from '../../src/exchanges/types.js';
import { plainCcxtAgainst } from './ccxt-client.js';
import { startExchangeSimulator, type ExchangeSimulator } from './server.js';
import type { KeyProfile } from './types.js';

/** A CDP key as coinbase issues it: the key's resource name and an EC (P-256) private key PEM. */
export const cdpKey = (profile: Partial<KeyProfile> = {}): KeyProfile => {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const pem = privateKey.export({ type: 'sec1', format: 'pem' }).toString();
  return { apiKey: `organizations/${randomUUID()}/apiKeys/${randomUUID()}`, secret: pem, ...profile };
};

/** An Ed25519 CDP key: a key id and the base64 of its 32-byte seed followed by its public key. */
export const ed25519Key = (profile: Partial<KeyProfile> = {}): KeyProfile => {
  const jwk = generateKeyPairSync('ed25519').privateKey.export({ format: 'jwk' });
  const secret = Buffer.concat([Buffer.from(jwk.d ?? '', 'base64url'), Buffer.from(jwk.x ?? '', 'base64url')]).toString('base64');
  return { apiKey: randomUUID(), secret, ...profile };
};

const alnum = (length: number): string => randomBytes(length).toString('base64').replace(/[^A-Za-z0-9]/g, 'x').slice(0, length);

/** A legacy coinbase API key: 16 characters of key, 32 of secret. */
export const legacyKey = (profile: Partial<KeyProfile> = {}): KeyProfile => ({ apiKey: alnum(16), secret: alnum(32), ...profile });

/** The error a call failed with; a call that succeeds fails the test instead. */
export async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected the call to fail');
}

/** Keyward's reading of a coinbase error. */
export const classify = (err: unknown): VerdictKind | undefined => coinbaseAdapter.classifyError!(err);

/** What a coinbase test file works with once its simulator is up. */
export interface CoinbaseSim {
  sim: ExchangeSimulator;
  markets: Dictionary<Market>;
  /** Registers the key with the simulator and hands it back. */
  register(key: KeyProfile): KeyProfile;
  /** A plain ccxt instance that will load markets itself, signing with `secret`. */
  fresh(key: KeyProfile, secret?: string): Exchange;
  /** A plain ccxt instance given the markets loaded once for the file, as Keyward shares them. */
  preloaded(key: KeyProfile, secret?: string): Exchange;
}

/** Starts a coinbase-only simulator for one test file, with faults and counters cleared before each test. */
export function useCoinbaseSim(): CoinbaseSim {
  let currencies: Currencies;
  const state = {} as CoinbaseSim;
  beforeAll(async () => {
    state.sim = await startExchangeSimulator({ only: ['coinbase'] });
    const pub = plainCcxtAgainst(state.sim, 'coinbase');
    state.markets = await pub.loadMarkets();
    currencies = pub.currencies;
  });
  afterAll(() => state.sim.close());
  beforeEach(() => {
    state.sim.clearFaults('coinbase');
    state.sim.resetStats('coinbase');
  });
  state.register = (key) => {
    state.sim.addKey('coinbase', key);
    return key;
  };
  state.fresh = (key, secret = key.secret) => plainCcxtAgainst(state.sim, 'coinbase', { apiKey: key.apiKey, secret });
  state.preloaded = (key, secret = key.secret) => {
    const exchange = state.fresh(key, secret);
    // ccxt types the currencies argument as undefined although setMarkets takes them
    exchange.setMarkets(state.markets, currencies as never);
    return exchange;
  };
  return state;
}
