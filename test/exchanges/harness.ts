import { afterAll, beforeAll, beforeEach } from 'vitest';
import { systemClock } from '../../src/clock.js';
import { ExchangeGateway, ExchangeLimiter, type GatewayOptions } from '../../src/exchanges/index.js';
import { captureLogs } from '../helpers/logs.js';
import { realisticKey, typedCredentials } from '../sim/keys.js';
import { startExchangeSimulator, type ExchangeSimulator } from '../sim/server.js';
import type { KeyProfile } from '../sim/types.js';

export interface GatewayHarness {
  sim: ExchangeSimulator;
  gateway: ExchangeGateway;
  logs: ReturnType<typeof captureLogs>;
  /** Registers a new realistic key with the simulator; returns it and what a user would type. */
  key(exchange: string, profile?: Partial<KeyProfile>): { key: KeyProfile; creds: Record<string, string> };
}

/** A gateway pointed at one simulator for a whole test file; faults and counters are cleared before each test. */
export function useGatewayAgainstSim(options: Partial<GatewayOptions> = {}): GatewayHarness {
  const h = {} as GatewayHarness;
  beforeAll(async () => {
    h.sim = await startExchangeSimulator();
    h.logs = captureLogs();
    h.gateway = new ExchangeGateway({
      overrides: h.sim.overrides,
      concurrency: 4,
      allowWithdraw: false,
      validationTimeoutMs: 8_000,
      balanceTimeoutMs: 8_000,
      clock: systemClock,
      log: h.logs.log,
      scrubber: h.logs.scrubber,
      limiter: new ExchangeLimiter(options.concurrency ?? 4, false), // pacing has its own test; here it would only slow the files down
      ...options,
    });
    h.key = (exchange, profile = {}) => {
      const key = h.sim.addKey(exchange, realisticKey(exchange, profile));
      return { key, creds: typedCredentials(key) };
    };
  });
  beforeEach(() => {
    h.sim.clearFaults();
    h.sim.resetStats();
  });
  afterAll(async () => {
    await h.sim.close();
  });
  return h;
}
