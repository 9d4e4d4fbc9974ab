import type { Exchange } from 'ccxt';
import { hostnameOf } from './ccxt-internals.js';

/**
 * Points every REST URL of an exchange at another base (testnet, regional endpoint, proxy or the
 * loopback simulator), keeping each URL's path: https://api.binance.com/sapi/v1 → <base>/sapi/v1.
 * Signatures cover the path, not the host, so they stay valid.
 */
export function applyApiOverride(exchange: Exchange, base: string): void {
  const root = base.replace(/\/+$/, '');
  const hostname = hostnameOf(exchange);
  const rewrite = (value: unknown): unknown => {
    if (typeof value === 'string') return rewriteUrl(value, root, hostname);
    if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) (value as Record<string, unknown>)[k] = rewrite(v);
    }
    return value;
  };
  const urls = exchange.urls as { api?: unknown };
  urls.api = rewrite(urls.api);
}

function rewriteUrl(url: string, root: string, hostname: string | undefined): string {
  const expanded = hostname ? url.replaceAll('{hostname}', hostname) : url;
  if (!/^https?:\/\//.test(expanded)) return url;
  let origin: string;
  try {
    origin = new URL(expanded).origin;
  } catch {
    return url;
  }
  return root + expanded.slice(origin.length);
}
