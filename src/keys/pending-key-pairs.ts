import { randomBytes } from 'node:crypto';
import { MINUTE } from '../clock.js';
import { pendingKeyPairSchema, type Coordination, type PendingKeyPairRecord } from '../store/index.js';

/** How long a created key pair waits for the exchange's API key before it is destroyed. */
export const KEY_PAIR_TTL_MS = 30 * MINUTE;

const ID = /^[A-Za-z0-9_-]{22}$/;
const slot = (id: string) => `pending-key-pair:${id}`;

/**
 * Key pairs Keyward created that wait for the API key the exchange displays. Each is a value in the
 * store that expires by itself (and is then gone with its sealed private key); a failed check leaves
 * it for a retry, a passed one or a cancel takes it. Only its owner can read or take it.
 */
export class PendingKeyPairs {
  constructor(private readonly coordination: Coordination) {}

  async put(record: PendingKeyPairRecord): Promise<string> {
    const id = randomBytes(16).toString('base64url');
    await this.coordination.putOnce(slot(id), JSON.stringify(pendingKeyPairSchema.parse(record)), record.expiresAt - record.createdAt);
    return id;
  }

  /** The pending pair, left in place; undefined when it expired, was used or is not this user's. */
  async peek(userId: string, id: string): Promise<PendingKeyPairRecord | undefined> {
    if (!ID.test(id)) return undefined;
    const record = parse(await this.coordination.peekOnce(slot(id)));
    return record?.userId === userId ? record : undefined;
  }

  /** The pending pair, removed (so it can be promoted or destroyed once); undefined as for peek. */
  async take(userId: string, id: string): Promise<PendingKeyPairRecord | undefined> {
    // read before taking: a stranger who somehow learnt the id must not be able to destroy it
    if (!(await this.peek(userId, id))) return undefined;
    const record = parse(await this.coordination.takeOnce(slot(id)));
    return record?.userId === userId ? record : undefined;
  }
}

function parse(raw: string | undefined): PendingKeyPairRecord | undefined {
  if (raw === undefined) return undefined;
  try {
    const parsed = pendingKeyPairSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
