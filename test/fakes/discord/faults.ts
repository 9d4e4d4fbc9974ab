/** Failures a test can make the fake answer with, for requests matching a method and path. */
import { ApiError } from './errors.js';

/**
 * How a request fails: an HTTP error Discord really sends, or the connection dropping (`network`).
 * 404 10008: "Unknown Message", e.g. a message deleted while the bot edits it (discord-api-types
 * 0.38 RESTJSONErrorCodes). 429: the body of Discord's "Rate Limit Response Structure"
 * (https://discord.com/developers/docs/topics/rate-limits#exceeding-a-rate-limit) with its
 * Retry-After and X-RateLimit-Scope headers; the 0.05 s wait is made up to keep tests fast.
 * 5xx: Discord documents no body for these; `{ message, code: 0 }` is made up in its error shape.
 * 'slow': the usual answer, `delayMs` late (a slow network or a busy API, not a documented behaviour).
 */
export type FaultKind = 404 | 429 | 500 | 502 | 503 | 'network' | 'slow';

export interface FaultRule {
  method: string;
  path: RegExp;
  fail: FaultKind;
  /** how many matching requests fail (default: all, until cleared) */
  times?: number;
  /** for 'slow': how long the answer is held back (default 2 s) */
  delayMs?: number;
}

/** What the HTTP layer writes for a fault. */
export interface FaultAnswer {
  network: boolean;
  error?: ApiError;
  delayMs?: number;
  headers?: Record<string, string>;
}

/** Holds the active rules; the first matching rule with requests left answers. */
export class Faults {
  private rules: Array<FaultRule & { left: number }> = [];

  add(rule: FaultRule): void {
    this.rules.push({ ...rule, left: rule.times ?? Number.POSITIVE_INFINITY });
  }

  clear(): void {
    this.rules = [];
  }

  take(method: string, path: string): FaultAnswer | undefined {
    const rule = this.rules.find((r) => r.left > 0 && r.method === method && r.path.test(path));
    if (!rule) return undefined;
    rule.left -= 1;
    return answerFor(rule.fail, rule.delayMs);
  }
}

function answerFor(fail: FaultKind, delayMs = 2_000): FaultAnswer {
  if (fail === 'network') return { network: true };
  if (fail === 'slow') return { network: false, delayMs };
  if (fail === 404) return { network: false, error: new ApiError(404, 10008, 'Unknown Message') };
  if (fail === 429) {
    return {
      network: false,
      error: new RateLimited(0.05),
      headers: { 'retry-after': '0.05', 'x-ratelimit-scope': 'user' },
    };
  }
  return { network: false, error: new ApiError(fail, 0, `${fail}: Server Error`) };
}

/** Discord's 429 body: message, retry_after in seconds, global. */
class RateLimited extends ApiError {
  constructor(private readonly retryAfter: number) {
    super(429, 0, 'You are being rate limited.');
  }

  override body() {
    return { message: this.message, retry_after: this.retryAfter, global: false };
  }
}
