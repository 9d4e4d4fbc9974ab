/**
 * The one module that reaches past ccxt's typed surface: its class table, the implicit endpoint
 * methods (privateGetUserApiKey, …) and subclass-only methods, the throttle and fetch the shared
 * limiter takes over, the token bucket, response headers and the URL host template. A ccxt upgrade
 * that moves any of these breaks here and nowhere else.
 */
import ccxt, { type Exchange } from 'ccxt';

export type ExchangeClass = new (config?: Record<string, unknown>) => Exchange;

/** Every ccxt exchange class by id (ccxt's default export types them only one by one). */
export function exchangeClasses(): Record<string, ExchangeClass | undefined> {
  return ccxt as unknown as Record<string, ExchangeClass | undefined>;
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
export function routeRequests(
  exchange: Exchange, throttle: (cost: number) => Promise<void>, around: <T>(send: () => Promise<T>) => Promise<T>,
): void {
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
