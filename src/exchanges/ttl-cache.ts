import type { Clock } from '../clock.js';

/**
 * A per-key cache whose loads are single-flight: concurrent callers share one in-flight load, and a
 * failed load is not cached. Used for public data every user shares (markets, tickers, clock offsets).
 */
export class TtlCache<V> {
  private readonly entries = new Map<string, { value: V; at: number }>();
  private readonly inflight = new Map<string, Promise<V>>();

  constructor(
    private readonly ttlMs: number,
    private readonly clock: Clock,
  ) {}

  /** The cached value when still fresh. */
  peek(key: string): V | undefined {
    const entry = this.entries.get(key);
    return entry && this.clock.now() - entry.at < this.ttlMs ? entry.value : undefined;
  }

  async get(key: string, load: () => Promise<V>): Promise<V> {
    const fresh = this.peek(key);
    if (fresh !== undefined) return fresh;
    const pending = this.inflight.get(key);
    if (pending) return pending;
    const loading = load()
      .then((value) => {
        this.entries.set(key, { value, at: this.clock.now() });
        return value;
      })
      .finally(() => this.inflight.delete(key));
    this.inflight.set(key, loading);
    return loading;
  }
}
