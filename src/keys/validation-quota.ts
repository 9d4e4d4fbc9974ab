import { AppError } from '../errors.js';
import type { Coordination } from '../store/index.js';
import type { Clock } from '../clock.js';

/**
 * Caps key checks per user per window, across every bot process (the window lives in the store).
 * Validation can be abused to test stolen keys against exchanges from this server's IP.
 */
export class ValidationQuota {
  constructor(
    private readonly coordination: Coordination,
    private readonly clock: Clock,
    private readonly perWindow: number,
    private readonly windowMs: number,
  ) {}

  /** Refuses early, before a user types a secret, when the window is already full. */
  async ensureAvailable(userId: string): Promise<void> {
    const { count, resetAt } = await this.coordination.peekHits(this.key(userId));
    if (count >= this.perWindow) throw this.refusal(resetAt);
  }

  /** Counts one check; the (N+1)th in a window is refused. */
  async take(userId: string): Promise<void> {
    const { count, resetAt } = await this.coordination.hit(this.key(userId), this.windowMs);
    if (count > this.perWindow) throw this.refusal(resetAt);
  }

  private key(userId: string): string {
    return `validations:${userId}`;
  }

  private refusal(resetAt: number): AppError {
    return new AppError('VALIDATION_RATE_LIMITED', { retryInSeconds: Math.max(1, Math.ceil((resetAt - this.clock.now()) / 1000)) });
  }
}
