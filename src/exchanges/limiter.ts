import type { Exchange } from 'ccxt';
import { pacing, routeRequests } from './ccxt-internals.js';

/**
 * One lane per exchange, shared by every user and every ccxt instance: at most `maxConcurrent`
 * requests in flight, and within any rolling window no more request cost than the exchange allows
 * (ccxt's `rateLimit` and `tokenBucket.windowSize`; bursts are fine, sustained load is paced).
 * ccxt's own limiter is per instance, and Keyward builds a fresh instance per check, so without this
 * many users would add up past the exchange's per-IP limits.
 */
export class ExchangeLimiter {
  private readonly lanes = new Map<string, Lane>();

  /** `paced: false` keeps only the concurrency cap (for loopback tests against a simulator). */
  constructor(
    private readonly maxConcurrent: number,
    private readonly paced = true,
  ) {}

  /**
   * Routes a fresh ccxt instance's throttling and HTTP calls through its exchange's shared lane.
   * `paced: false` for the public instance that loads markets, prices and the clock: those loads are
   * shared and cached per exchange, so they cannot add up across users, and pacing them would make a
   * cold check wait behind its own market loading (okx: 5 instrument lists, cost 14 against 9 a second).
   */
  attach(exchange: Exchange, opts: { paced?: boolean } = {}): void {
    const { rateLimitMs, windowMs } = pacing(exchange);
    const lane = this.lane(exchange.id, rateLimitMs, windowMs);
    const throttle = opts.paced === false ? () => Promise.resolve() : (cost: number) => lane.throttle(cost);
    routeRequests(exchange, throttle, (send) => lane.run(send));
  }

  private lane(id: string, rateLimitMs: number, windowMs: number): Lane {
    let lane = this.lanes.get(id);
    if (!lane) {
      const window = windowMs > 0 ? windowMs : 1_000;
      lane = new Lane(this.maxConcurrent, window, this.paced && rateLimitMs > 0 ? Math.max(1, window / rateLimitMs) : Infinity);
      this.lanes.set(id, lane);
    }
    return lane;
  }
}

class Lane {
  private activeCount = 0;
  private readonly waiting: Array<() => void> = [];
  /** cost spent, by time, within the current window */
  private readonly spent: Array<{ at: number; cost: number }> = [];
  private spentTotal = 0;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly maxConcurrent: number,
    private readonly windowMs: number,
    private readonly capacity: number,
  ) {}

  /** Waits until this request's cost fits in the rolling window; callers are served in order. */
  throttle(cost: number): Promise<void> {
    if (this.capacity === Infinity) return Promise.resolve();
    const turn = this.queue.then(() => this.reserve(Math.min(Math.max(cost, 0), this.capacity)));
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  private async reserve(cost: number): Promise<void> {
    if (this.capacity === Infinity) return;
    for (;;) {
      const now = Date.now();
      while (this.spent.length > 0 && this.spent[0]!.at <= now - this.windowMs) this.spentTotal -= this.spent.shift()!.cost;
      if (this.spentTotal + cost <= this.capacity) {
        this.spent.push({ at: now, cost });
        this.spentTotal += cost;
        return;
      }
      await new Promise((r) => setTimeout(r, Math.max(1, this.spent[0]!.at + this.windowMs - now)));
    }
  }

  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.activeCount >= this.maxConcurrent) await new Promise<void>((r) => this.waiting.push(r));
    else this.activeCount += 1;
    try {
      return await fn();
    } finally {
      const next = this.waiting.shift();
      if (next)
        next(); // the slot passes straight to the next waiter
      else this.activeCount -= 1;
    }
  }
}
