import { AppError } from '../errors.js';
import type { Coordination } from '../store/index.js';
import type { Clock } from '../clock.js';

/**
 * Caps key checks per user per window, across every bot process (the window lives in the store).
 * Validation can be abused to test stolen keys against exchanges from this server's IP.
 */
export class ValidationQuota {
  /** Windows of forgotten users, in memory only: the store keeps nothing naming them, yet forget does not reset the limit. */
  private readonly forgotten = new Map<string, { count: number; resetAt: number }>();

  constructor(
    private readonly coordination: Coordination,
    private readonly clock: Clock,
    private readonly perWindow: number,
    private readonly windowMs: number,
  ) {}

  /** Refuses early, before a user types a secret, when the window is already full. */
  async ensureAvailable(userId: string): Promise<void> {
    const { count, resetAt } = this.withForgotten(userId, await this.coordination.peekHits(this.key(userId)));
    if (count >= this.perWindow) throw this.refusal(resetAt);
  }

  /** Counts one check; the (N+1)th in a window is refused. */
  async take(userId: string): Promise<void> {
    const { count, resetAt } = this.withForgotten(userId, await this.coordination.hit(this.key(userId), this.windowMs));
    if (count > this.perWindow) throw this.refusal(resetAt);
  }

  /** Deletes the user's window from the store (forget), carrying its count in this process until it ends. */
  async forget(userId: string): Promise<void> {
    const window = await this.coordination.peekHits(this.key(userId));
    await this.coordination.deleteCounter(this.key(userId));
    for (const [id, w] of this.forgotten) if (w.resetAt <= this.clock.now()) this.forgotten.delete(id);
    if (window.count > 0) this.forgotten.set(userId, window);
  }

  private withForgotten(userId: string, stored: { count: number; resetAt: number }): { count: number; resetAt: number } {
    const carried = this.forgotten.get(userId);
    if (!carried) return stored;
    if (carried.resetAt <= this.clock.now()) {
      this.forgotten.delete(userId);
      return stored;
    }
    return { count: carried.count + stored.count, resetAt: Math.max(carried.resetAt, stored.count > 0 ? stored.resetAt : 0) };
  }

  private key(userId: string): string {
    return `validations:${userId}`;
  }

  private refusal(resetAt: number): AppError {
    return new AppError('VALIDATION_RATE_LIMITED', { retryInSeconds: Math.max(1, Math.ceil((resetAt - this.clock.now()) / 1000)) });
  }
}
