import ccxt, { type Exchange } from 'ccxt';
import { loadCcxt } from '../../src/exchanges/ccxt-loader.js';
import { applyApiOverride } from '../../src/exchanges/endpoints.js';
import type { ExchangeSimulator } from './server.js';

// profiles run on these instances outside the gateway, which is where the bot loads ccxt for them
await loadCcxt();

/** A plain ccxt instance pointed at the simulator, as a naive client would use it (markets not preloaded). */
export function plainCcxtAgainst(sim: ExchangeSimulator, id: string, credentials: Record<string, string> = {}): Exchange {
  const Ctor = (ccxt as unknown as Record<string, new (config: object) => Exchange>)[id];
  if (!Ctor) throw new Error(`ccxt has no exchange "${id}"`);
  const exchange = new Ctor({ ...credentials, enableRateLimit: false, timeout: 5_000 });
  const base = sim.overrides[id];
  if (!base) throw new Error(`the simulator does not emulate "${id}"`);
  applyApiOverride(exchange, base);
  return exchange;
}
