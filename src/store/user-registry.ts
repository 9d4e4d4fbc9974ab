import { z } from 'zod';
import type { Coordination } from './coordination.js';
import { withLease } from './locks.js';
import { userIdSchema } from './records.js';
import type { RecordIO } from './record-io.js';

const BUCKETS = 64;
const LEASE_MS = 30_000;
const registrySchema = z.array(userIdSchema);

/**
 * Every user id, kept in 64 bucket records so that walking all users (master-key rotation, the
 * doctor) never depends on listing store keys, which not every keyv adapter can do.
 */
export class UserRegistry {
  constructor(
    private readonly records: RecordIO,
    private readonly coordination: Coordination,
  ) {}

  async *all(): AsyncIterable<string> {
    for (let bucket = 0; bucket < BUCKETS; bucket++) {
      for (const id of (await this.records.read(`registry:${bucket}`, registrySchema, 'the user registry')) ?? []) yield id;
    }
  }

  add(userId: string): Promise<void> {
    return this.change(userId, (ids) => (ids.includes(userId) ? ids : [...ids, userId]));
  }

  remove(userId: string): Promise<void> {
    return this.change(userId, (ids) => ids.filter((id) => id !== userId));
  }

  private async change(userId: string, change: (ids: string[]) => string[]): Promise<void> {
    const bucket = bucketOf(userId);
    await withLease(this.coordination, `registry:${bucket}`, LEASE_MS, async () => {
      const ids = (await this.records.read(`registry:${bucket}`, registrySchema, 'the user registry')) ?? [];
      const next = change(ids);
      if (next !== ids) await this.records.write(`registry:${bucket}`, registrySchema, next);
    });
  }
}

function bucketOf(userId: string): number {
  let h = 0;
  for (const ch of userId) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return h % BUCKETS;
}
