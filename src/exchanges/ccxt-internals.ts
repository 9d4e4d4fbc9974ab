/**
 * The one module that reaches past ccxt's typed surface: its class table, the implicit endpoint
 * methods (privateGetUserApiKey, …) and subclass-only methods, the throttle and fetch the shared
 * limiter takes over, the token bucket, response headers and the URL host template. A ccxt upgrade
 * that moves any of these breaks here and nowhere else.
 */
import type { Exchange } from 'ccxt';
import { requireCcxt, type Ccxt } from './ccxt-loader.js';

export type ExchangeClass = new (config?: Record<string, unknown>) => Exchange;

/** Every ccxt exchange class by id (ccxt's default export types them only one by one); ccxt must be loaded. */
export function exchangeClasses(lib: Ccxt = requireCcxt()): Record<string, ExchangeClass | undefined> {
  return lib.default as unknown as Record<string, ExchangeClass | undefined>;
}

/**
 * A stand-in for a class ccxt exports, usable before ccxt is loaded: `instanceof` asks the real class
 * once `loaded()` has it (false before: no instance can exist yet), `new` builds the real class.
 */
export function standInClass<T>(name: string, loaded: () => T | undefined): T {
  const build = function (...args: unknown[]): unknown {
    const Real = loaded() as unknown as (new (...a: unknown[]) => unknown) | undefined;
    if (!Real) throw new Error(`ccxt's ${name} was used before ccxt was loaded`);
    return new Real(...args);
  };
  Object.defineProperty(build, Symbol.hasInstance, {
    value: (value: unknown) => {
      const Real = loaded() as unknown as (abstract new (...a: never[]) => unknown) | undefined;
      return Real !== undefined && value instanceof Real;
    },
  });
  Object.defineProperty(build, 'name', { value: name });
  return build as unknown as T;
}

/**
 * Calls one of ccxt's implicit endpoint methods, or a method only the exchange's own class declares
 * (e.g. kucoin's loadMigrationStatus); throws when this ccxt has no such method.
 */
export async function callExchangeMethod(exchange: Exchange, method: string, ...args: unknown[]): Promise<unknown> {
  const fn = (exchange as unknown as Record<string, unknown>)[method];
  if (typeof fn !== 'function') throw new Error(`ccxt ${exchange.id} has no method ${method}`);
  return (fn as (...a: unknown[]) => Promise<unknown>).apply(exchange, args);
}

/** ccxt's own pacing of an instance: ms between requests and its token bucket's window. */
export function pacing(exchange: Exchange): { rateLimitMs: number; windowMs: number } {
  const bucket = (exchange as unknown as { tokenBucket?: { windowSize?: number } }).tokenBucket;
  return { rateLimitMs: Number(exchange.rateLimit) || 0, windowMs: Number(bucket?.windowSize) || 0 };
}

/** Sends an instance's throttling and HTTP calls through `throttle` and `around` instead of its own. */
export function routeRequests(exchange: Exchange, throttle: (cost: number) => Promise<void>, around: <T>(send: () => Promise<T>) => Promise<T>): void {
  const target = exchange as unknown as {
    enableRateLimit: boolean;
    throttle: (cost?: number) => Promise<void>;
    fetch: (...args: unknown[]) => Promise<unknown>;
  };
  target.enableRateLimit = true;
  target.throttle = (cost?: number) => throttle(cost ?? 1);
  const fetch = target.fetch.bind(exchange);
  target.fetch = (...args: unknown[]) => around(() => fetch(...args));
}

/** The headers of the instance's last response, when it kept them. */
export function lastResponseHeaders(exchange: Exchange | undefined): Record<string, string> | undefined {
  return (exchange as unknown as { last_response_headers?: Record<string, string> } | undefined)?.last_response_headers;
}

/** The value ccxt puts in place of `{hostname}` in an exchange's URL templates. */
export function hostnameOf(exchange: Exchange): string | undefined {
  return (exchange as unknown as { hostname?: string }).hostname;
}
