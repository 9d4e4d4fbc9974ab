import type Keyv from 'keyv';
import type { Coordination } from '../coordination.js';

/** One storage engine: keyv for records, plus the engine's own atomic operations. */
export interface Backend {
  kind: 'sqlite' | 'redis' | 'postgres';
  keyv: Keyv;
  coordination: Coordination;
  /** Makes deleted data unrecoverable from the files (after a user is forgotten). */
  compact(): Promise<void>;
  /** Writes a consistent copy of the database to a new file (engines that are files). */
  snapshot?(path: string): Promise<void>;
  close(): Promise<void>;
}

/** Maps an engine's error to "damaged" or "unreachable", the two things an operator can act on. */
export function isCorruption(err: unknown): boolean {
  const code = (err as { code?: unknown })?.code;
  return code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB';
}
