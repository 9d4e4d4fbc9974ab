import type { Clock } from '../clock.js';
import { TtlCache } from './ttl-cache.js';

/** How far an exchange's clock is from ours, as measured against its server-time endpoint. */
export interface ClockReading {
  /** ms the exchange's clock is ahead of ours (negative: behind) */
  driftMs: number;
  /** the request's round trip, which bounds the reading's precision */
  roundTripMs: number;
  measuredAt: number;
}

const TTL_MS = 10 * 60_000;

/**
 * Clock offsets are per exchange, not per key: measured once, cached and shared by every user, so
 * a validation after the first costs no time request.
 */
export class ClockSync {
  private readonly cache: TtlCache<ClockReading>;

  constructor(private readonly clock: Clock) {
    this.cache = new TtlCache(TTL_MS, clock);
  }

  cached(exchangeId: string): ClockReading | undefined {
    return this.cache.peek(exchangeId);
  }

  /** The cached reading, or a fresh one taken with `fetchTime` (one public request). */
  reading(exchangeId: string, fetchTime: () => Promise<number | undefined>): Promise<ClockReading> {
    return this.cache.get(exchangeId, async () => {
      const before = Date.now();
      const serverTime = await fetchTime();
      const after = Date.now();
      if (typeof serverTime !== 'number' || !Number.isFinite(serverTime)) throw new Error('the exchange did not report its time');
      return { driftMs: Math.round(serverTime - (before + after) / 2), roundTripMs: after - before, measuredAt: this.clock.now() };
    });
  }
}
