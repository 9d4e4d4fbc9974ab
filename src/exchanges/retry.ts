import { DDoSProtection, InvalidNonce, NetworkError, OnMaintenance, RateLimitExceeded } from './ccxt-errors.js';
import { DeadlineExceeded } from './verdicts.js';

const DELAYS_MS = [250, 1_000];

/** Network errors, timeouts and 5xx are worth another try; refusals (auth, rate limits, maintenance, clock) are not. */
function isRetryable(err: unknown): boolean {
  if (err instanceof RateLimitExceeded || err instanceof DDoSProtection || err instanceof InvalidNonce || err instanceof OnMaintenance) return false;
  return err instanceof NetworkError;
}

/** Runs `attempt` up to three times with backoff, never past `deadline` (ms since epoch). */
export async function withRetry<T>(attempt: () => Promise<T>, deadline: number): Promise<T> {
  for (let i = 0; ; i++) {
    try {
      return await attempt();
    } catch (err) {
      const delay = DELAYS_MS[i];
      if (delay === undefined || !isRetryable(err) || Date.now() + delay >= deadline) throw err;
      await new Promise((r) => setTimeout(r, delay));
    }
  }
}

/** Rejects with DeadlineExceeded when `work` is not done by `deadline` (ms since epoch). */
export async function beforeDeadline<T>(work: Promise<T>, deadline: number, totalMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DeadlineExceeded(totalMs)), Math.max(0, deadline - Date.now()));
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
