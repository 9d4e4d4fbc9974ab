import { describe, expect, it } from 'vitest';
import type { Exchange } from 'ccxt';
import { systemClock } from '../../src/clock.js';
import { ExchangeGateway, ExchangeLimiter } from '../../src/exchanges/index.js';
import { useGatewayAgainstSim } from './harness.js';

const h = useGatewayAgainstSim({ concurrency: 3 });

/** Just enough of a ccxt instance for the limiter: its id, rate limit, and a fetch that records when it ran. */
function fakeExchange(id: string, rateLimit: number, windowSize: number, log: number[]): Exchange {
  const ex = {
    id,
    rateLimit,
    tokenBucket: { windowSize },
    enableRateLimit: false,
    throttle: async () => undefined,
    fetch: async () => {
      log.push(Date.now());
      return {};
    },
  };
  return ex as unknown as Exchange;
}

describe('the per-exchange limiter', () => {
  it("keeps 20 concurrent validations of different users within the exchange's concurrency cap", async () => {
    const keys = Array.from({ length: 20 }, () => h.key('okx').creds);
    await h.gateway.validate('okx', h.key('okx').creds); // warm the clock offset
    h.sim.setFault('okx', { latencyMs: 40 });
    h.sim.resetStats('okx');
    const results = await Promise.all(keys.map((creds) => h.gateway.validate('okx', creds)));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(h.sim.stats('okx').requests).toBe(20);
    expect(h.sim.stats('okx').maxInFlight).toBe(3);
  });

  it('spreads requests from many instances so no window carries more than the exchange allows', async () => {
    const limiter = new ExchangeLimiter(8);
    const times: number[] = [];
    const instances = Array.from({ length: 30 }, () => fakeExchange('pacedex', 10, 100, times));
    instances.forEach((e) => limiter.attach(e));
    const started = Date.now();
    const admitted: number[] = [];
    await Promise.all(
      instances.map(async (e) => {
        const x = e as unknown as { throttle(c: number): Promise<void>; fetch(): Promise<unknown> };
        await x.throttle(1);
        admitted.push(Date.now());
        await x.fetch();
      }),
    );
    expect(times).toHaveLength(30);
    // any 90 ms of wall time (10 ms less than the window, for timer jitter) holds at most the window's 10
    for (const t of admitted) expect(admitted.filter((u) => u >= t && u < t + 90).length).toBeLessThanOrEqual(10);
    expect(Date.now() - started).toBeGreaterThanOrEqual(190); // 30 requests at 10 per 100 ms need two full windows
  });

  it('lets a cold okx check through without waiting behind its own market loading', async () => {
    // okx: ccxt paces 110 ms per cost unit, 9 a second; the cold check's public loads cost 8 (5
    // instrument lists, time, tickers) and its signed calls 6, so pacing them all waits a full second
    const paced = new ExchangeGateway({
      overrides: h.sim.overrides,
      concurrency: 4,
      allowWithdraw: false,
      validationTimeoutMs: 8_000,
      clock: systemClock,
      log: h.logs.log,
      scrubber: h.logs.scrubber,
      limiter: new ExchangeLimiter(4),
    });
    const started = performance.now();
    const result = await paced.validate('okx', h.key('okx').creds, undefined, undefined, { preview: true });
    expect(result.ok).toBe(true);
    expect(result.balance).toBeDefined();
    expect(h.sim.stats('okx').byRoute['GET /api/v5/public/instruments']).toBe(5);
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it("still paces signed requests: many users' checks share the exchange's budget", async () => {
    const limiter = new ExchangeLimiter(8);
    const times: number[] = [];
    const instances = Array.from({ length: 20 }, () => fakeExchange('signedex', 10, 100, times));
    instances.forEach((e) => limiter.attach(e, { paced: true }));
    const started = Date.now();
    await Promise.all(instances.map((e) => (e as unknown as { throttle(c: number): Promise<void> }).throttle(1)));
    expect(Date.now() - started).toBeGreaterThanOrEqual(90); // 20 at 10 per 100 ms need a second window
  });
});
