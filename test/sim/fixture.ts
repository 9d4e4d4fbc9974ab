/**
 * The scaffolding every per-exchange simulator test shares: one simulator per file for one exchange,
 * keys registered on it, plain ccxt clients pointed at it, and Keyward's reading of their errors.
 */
import { afterAll, beforeAll, beforeEach } from 'vitest';
import type { BaseError, Currencies, Dictionary, Exchange, Market } from 'ccxt';
import { profiles } from '../../src/exchanges/profiles/index.js';
import type { KeyPermissions, VerdictKind } from '../../src/exchanges/types.js';
import { plainCcxtAgainst } from './ccxt-client.js';
import { realisticKey, typedCredentials } from './keys.js';
import { startExchangeSimulator, type ExchangeSimulator } from './server.js';
import type { KeyProfile } from './types.js';

/** The error a call failed with; a call that succeeds fails the test instead. */
async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected the call to fail');
}

/** One way an exchange refuses a key: how the attempt departs from the standing key, and what ccxt then raises. */
export interface RefusalCase {
  name: string;
  /** credentials typed differently from the standing key's */
  creds?: Partial<Pick<KeyProfile, 'apiKey' | 'secret' | 'password'>>;
  /** how the registered key differs from the standing key */
  profile?: Partial<KeyProfile>;
  /** the refused call; the key-info call when absent */
  call?: (exchange: Exchange) => Promise<unknown>;
  rejectTimestamps?: boolean;
  error: typeof BaseError;
  verdict: VerdictKind;
}

/** What a test file works with once its exchange is up. */
export interface SimExchangeFixture {
  /** The running simulator; read it inside tests and hooks, since it starts in beforeAll. */
  readonly sim: ExchangeSimulator;
  /** The markets loaded once for the file, as Keyward loads them once and shares them. */
  readonly markets: Dictionary<Market>;
  /** Registers a key of this profile, inventing a realistic key and secret where the profile has none. */
  register(profile?: Partial<KeyProfile>): KeyProfile;
  /** A plain ccxt instance that loads markets itself; without a key it signs as the standing key, if any. */
  fresh(key?: KeyProfile, secret?: string): Exchange;
  /** A plain ccxt instance given the file's markets, so a call costs only its own requests. */
  preloaded(key?: KeyProfile, secret?: string): Exchange;
  /** Gives any instance of this exchange the file's markets, for clients built some other way. */
  shareMarkets<T extends Exchange>(exchange: T): T;
  /** The profile's key-info call, on a preloaded standing-key client unless told otherwise. */
  keyInfo(exchange?: Exchange): Promise<KeyPermissions>;
  /** The error a call failed with; a call that succeeds fails the test instead. */
  failure(promise: Promise<unknown>): Promise<Error>;
  /** The error a refusal case fails with, staged on the standing key. */
  refusal(r: RefusalCase): Promise<Error>;
  /** Keyward's reading of this exchange's error. */
  classify(err: unknown): VerdictKind | undefined;
}

/** How a test file sets up its exchange. */
export interface SimExchangeOptions {
  /** The file's standing key: registered afresh before every test, used to load markets, and the default signer. */
  key?: KeyProfile;
}

/** Starts a simulator for exchange `id` around one test file, clearing faults and counters before each test. */
export function useSimExchange(id: string, options: SimExchangeOptions = {}): SimExchangeFixture {
  const profile = profiles.get(id);
  if (!profile) throw new Error(`Keyward has no profile for "${id}"`);
  let running: ExchangeSimulator | undefined;
  let loaded: { markets: Dictionary<Market>; currencies: Currencies } | undefined;
  const sim = (): ExchangeSimulator => {
    if (!running) throw new Error(`the ${id} simulator starts in beforeAll: use it inside tests and hooks`);
    return running;
  };
  const markets = () => {
    if (!loaded) throw new Error(`the ${id} markets load in beforeAll: use them inside tests and hooks`);
    return loaded;
  };
  const register = (profile: Partial<KeyProfile> = {}): KeyProfile => {
    const key = realisticKey(id, profile);
    sim().addKey(id, key);
    return key;
  };
  const fresh = (key = options.key, secret?: string): Exchange =>
    plainCcxtAgainst(sim(), id, key ? typedCredentials({ ...key, secret: secret ?? key.secret }) : {});
  const shareMarkets = <T extends Exchange>(exchange: T): T => {
    // ccxt types the currencies argument as undefined although setMarkets takes them
    exchange.setMarkets(markets().markets, markets().currencies as never);
    return exchange;
  };
  const preloaded = (key = options.key, secret?: string): Exchange => shareMarkets(fresh(key, secret));
  const keyInfo = (exchange = preloaded()): Promise<KeyPermissions> => profile.readKeyInfo!(exchange);
  const refusal = (r: RefusalCase): Promise<Error> => {
    if (!options.key) throw new Error(`refusal cases need a standing ${id} key`);
    register({ ...options.key, ...r.profile });
    if (r.rejectTimestamps) sim().setFault(id, { rejectTimestamps: true });
    const exchange = preloaded({ ...options.key, ...r.creds });
    return failure(r.call ? r.call(exchange) : keyInfo(exchange));
  };

  beforeAll(async () => {
    running = await startExchangeSimulator({ only: [id] });
    if (options.key) register(options.key);
    const loader = fresh();
    loaded = { markets: await loader.loadMarkets(), currencies: loader.currencies };
  });
  afterAll(() => running?.close());
  beforeEach(() => {
    sim().clearFaults(id);
    sim().resetStats(id);
    if (options.key) register(options.key);
  });

  return {
    get sim() {
      return sim();
    },
    get markets() {
      return markets().markets;
    },
    register,
    fresh,
    preloaded,
    shareMarkets,
    keyInfo,
    failure,
    refusal,
    classify: (err) => profile.classifyError!(err),
  };
}
