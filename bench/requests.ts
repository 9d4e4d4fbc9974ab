import { systemClock } from '../src/clock.js';
import { ExchangeGateway, ExchangeLimiter } from '../src/exchanges/index.js';
import { createLogger, SecretScrubber } from '../src/log.js';
import { plainCcxtAgainst } from '../test/sim/ccxt-client.js';
import { realisticKey, typedCredentials } from '../test/sim/keys.js';
import type { ExchangeSimulator } from '../test/sim/server.js';

export interface RequestCounts {
  validation: Record<string, { keyward: number; naive: number }>;
  balance: Record<string, { keyward: number; naive: number }>;
}

/**
 * HTTP requests per operation, counted by the simulator: Keyward (warm: the exchange's clock offset,
 * markets and prices already shared from earlier users) against plain ccxt's fetchBalance() on a
 * fresh instance, which is how other tools check a key.
 */
export async function measureRequests(sim: ExchangeSimulator): Promise<RequestCounts> {
  const scrubber = new SecretScrubber();
  const gateway = new ExchangeGateway({
    overrides: sim.overrides,
    concurrency: 4,
    allowWithdraw: false,
    validationTimeoutMs: 15_000,
    clock: systemClock,
    log: createLogger({ level: 'silent', scrubber }),
    scrubber,
    limiter: new ExchangeLimiter(4, false),
  });
  const out: RequestCounts = { validation: {}, balance: {} };
  for (const exchange of sim.exchanges) {
    const key = () => typedCredentials(sim.addKey(exchange, realisticKey(exchange)));
    sim.resetStats(exchange);
    await plainCcxtAgainst(sim, exchange, key()).fetchBalance();
    const naive = sim.stats(exchange).requests;

    const warmup = key();
    const first = await gateway.validate(exchange, warmup); // an earlier user: clock offset measured
    const firstBalance = await gateway.balance(exchange, warmup, first.hints); // markets and prices loaded
    if (!first.ok || !firstBalance.ok) throw new Error(`${exchange}: the warm-up did not pass`);

    const creds = key();
    sim.resetStats(exchange);
    const validated = await gateway.validate(exchange, creds);
    const validation = sim.stats(exchange).requests;
    const learnt = await gateway.balance(exchange, creds, validated.hints); // what /connect's preview does
    sim.resetStats(exchange);
    const warm = await gateway.balance(exchange, creds, learnt.ok ? learnt.hints : validated.hints);
    const balance = sim.stats(exchange).requests;
    if (!validated.ok || !warm.ok) throw new Error(`${exchange}: the measured calls did not pass`);
    out.validation[exchange] = { keyward: validation, naive };
    out.balance[exchange] = { keyward: balance, naive };
  }
  return out;
}
