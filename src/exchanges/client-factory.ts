import type { Exchange } from 'ccxt';
import { exchangeMetadata } from './catalog-snapshot.js';
import { exchangeClasses, type ExchangeClass } from './ccxt-internals.js';
import { applyApiOverride } from './endpoints.js';
import type { ExchangeLimiter } from './limiter.js';

/** The ccxt class of an exchange id, or undefined for an id ccxt does not have; ccxt must be loaded. */
export function exchangeClass(id: string): ExchangeClass | undefined {
  if (!exchangeMetadata.has(id)) return undefined;
  return exchangeClasses()[id];
}

export interface ClientOptions {
  /** exchange id → base URL replacing the origin of every REST URL */
  overrides: Record<string, string>;
  /** exchanges to run in sandbox mode (only those where ccxt has.sandbox) */
  sandbox: ReadonlySet<string>;
  limiter: ExchangeLimiter;
}

export interface NewClient {
  credentials?: Record<string, string>;
  /** a credential-free instance whose markets are loaded, to share instead of reloading */
  marketsFrom?: Exchange;
  /** ms the exchange's clock is ahead of ours */
  driftMs?: number;
  /** per-request timeout in ms */
  timeoutMs: number;
  /** what an earlier call learnt about this key's account (see ExchangeProfile.accountModeOptions) */
  hints?: AccountHints;
}

/** ccxt option values remembered per key, such as whether its account is unified. */
export type AccountHints = Record<string, string | number | boolean>;

/** The account-mode options an instance holds now, to remember with the key. */
export function captureHints(exchange: Exchange, names: readonly string[] | undefined): AccountHints | undefined {
  const out: AccountHints = {};
  for (const name of names ?? []) {
    const value: unknown = exchange.options[name];
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') out[name] = value;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/**
 * Builds a fresh ccxt instance per use (binance turns a later auth error into DDoSProtection on a
 * reused instance, and a fresh instance holds a key only as long as one check). Sandbox before the
 * URL override, because kucoin, kraken and coinbase empty `urls.api` in sandbox mode.
 */
export function createClient(id: string, opts: ClientOptions, spec: NewClient): Exchange {
  const Ctor = exchangeClass(id);
  if (!Ctor) throw new Error(`ccxt has no exchange "${id}"`);
  const exchange = new Ctor({
    ...spec.credentials,
    timeout: spec.timeoutMs,
    verbose: false,
    enableRateLimit: true,
    options: { ...spec.hints, adjustForTimeDifference: false, timeDifference: -Math.round(spec.driftMs ?? 0) },
  });
  if (opts.sandbox.has(id) && exchange.has.sandbox) exchange.setSandboxMode(true);
  const base = opts.overrides[id];
  if (base) applyApiOverride(exchange, base);
  opts.limiter.attach(exchange, { paced: spec.credentials !== undefined }); // see attach: shared public loads are not paced
  if (spec.marketsFrom) exchange.setMarketsFromExchange(spec.marketsFrom);
  return exchange;
}
