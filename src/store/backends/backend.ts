import type Keyv from 'keyv';
import type { Coordination } from '../coordination.js';

/** One storage engine: keyv for records, plus the engine's own atomic operations. */
export interface Backend {
  kind: 'sqlite' | 'redis' | 'postgres';
  keyv: Keyv;
  coordination: Coordination;
  /**
   * After a user is forgotten: makes the engine's live files drop the deleted data as far as the
   * engine allows, waiting at most `waitMs`, and says whether it got there.
   */
  compact(waitMs: number): Promise<CompactResult>;
  /** Writes a consistent copy of the database to a new file (engines that are files). */
  snapshot?(path: string): Promise<void>;
  close(): Promise<void>;
}

export interface CompactResult {
  /** true when the live files no longer hold the deleted data */
  clean: boolean;
  /** for the operator: what was done, or what is left and why */
  detail: string;
}

/** Polls `attempt` until it reports true or `waitMs` has passed. */
export async function retryUntil(waitMs: number, pauseMs: number, attempt: () => Promise<boolean>): Promise<boolean> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    if (await attempt()) return true;
    if (Date.now() + pauseMs > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, pauseMs));
  }
}

/** Maps an engine's error to "damaged" or "unreachable", the two things an operator can act on. */
export function isCorruption(err: unknown): boolean {
  const code = (err as { code?: unknown })?.code;
  return code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB';
}
