/**
 * The operations keyv's API cannot make atomic, implemented per backend with the backend's own
 * atomic primitives (SQLite statements with RETURNING, Redis scripts, Postgres upserts). Everything
 * that must be right with several bot processes on one store goes through this interface.
 */
export interface Coordination {
  /** Takes the lease `name` for `ttlMs`; returns its token, or undefined while someone else holds it. */
  acquire(name: string, ttlMs: number): Promise<string | undefined>;
  /** Gives the lease back if `token` still holds it. */
  release(name: string, token: string): Promise<void>;

  /** Stores a one-time value; false when `id` is already taken and not expired. */
  putOnce(id: string, value: string, ttlMs: number): Promise<boolean>;
  /** Reads and deletes in one step: a second caller gets undefined. */
  takeOnce(id: string): Promise<string | undefined>;
  /** Reads without consuming (undefined when absent or expired). */
  peekOnce(id: string): Promise<string | undefined>;
  /** Deletes every one-time value whose id starts with `prefix` (expired or not); returns the live values. Rare: it may scan. */
  takeOnceByPrefix(prefix: string): Promise<string[]>;

  /** The hits counted so far in the current window (0 when none or expired), without adding one. */
  peekHits(key: string): Promise<{ count: number; resetAt: number }>;
  /** Counts one hit in a fixed window that starts at the first hit. */
  hit(key: string, windowMs: number): Promise<{ count: number; resetAt: number }>;
  /** A counter that only grows, e.g. the sequence of a user's audit log. */
  increment(key: string): Promise<number>;
  readCounter(key: string): Promise<number>;
  /** Deletes the counter or hit window under `key`. */
  deleteCounter(key: string): Promise<void>;

  /** Puts `member` in the due-index at `dueAt` (replacing any earlier time and dropping any claim). */
  schedule(member: string, dueAt: number): Promise<void>;
  unschedule(member: string): Promise<void>;
  /** Claims up to `limit` members due by `now` that nobody holds (or whose claim went stale). */
  claimDue(now: number, limit: number, leaseMs: number): Promise<Array<{ member: string; dueAt: number; token: string }>>;
  /** Ends a claim: reschedules at `nextDueAt`, or removes the member when undefined. False if the claim was lost. */
  finishClaim(member: string, token: string, nextDueAt: number | undefined): Promise<boolean>;
  /** When `member` is due, if scheduled. */
  dueAt(member: string): Promise<number | undefined>;

  /** Drops expired leases, one-time values and windows. */
  sweep(now: number): Promise<void>;
}
