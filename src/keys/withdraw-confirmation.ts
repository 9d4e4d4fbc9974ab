import { randomBytes } from 'node:crypto';
import { MINUTE } from '../clock.js';
import type { ValidationResult } from '../exchanges/index.js';
import { pendingKeySchema, userIdSchema, type Coordination, type PendingKeyRecord } from '../store/index.js';

/**
 * What happens to a key whose exchange does not report whether it can withdraw:
 * ask its owner to confirm withdrawals are off, refuse it, or store it with a warning.
 * Keys known to withdraw are a different matter (ALLOW_WITHDRAW_KEYS).
 */
export type UnverifiedWithdrawPolicy = 'confirm' | 'refuse' | 'allow';

/** How long a key may wait for its owner's answer: as long as a key form stays open. */
export const PENDING_KEY_TTL_MS = 15 * MINUTE;

/** For a key that passed its checks: store it now, ask its owner first, or refuse it. */
export function unreportedWithdrawDecision(policy: UnverifiedWithdrawPolicy, result: ValidationResult): 'store' | 'ask' | 'refuse' {
  if (!result.ok || result.permissions.withdraw !== 'unknown') return 'store';
  if (policy === 'confirm') return 'ask';
  return policy === 'refuse' ? 'refuse' : 'store';
}

const ID = /^[A-Za-z0-9_-]{22}$/;
// named by their owner, so forgetting a user finds and deletes them
const ownedBy = (userId: string) => `pending-key:${userIdSchema.parse(userId)}:`;
const slot = (userId: string, id: string) => `${ownedBy(userId)}${id}`;

/**
 * Keys waiting for that answer. Each is a one-time value in the store that expires by itself and is
 * removed by the first answer, so a confirmation cannot be replayed; its credentials are sealed.
 */
export class PendingKeys {
  constructor(private readonly coordination: Coordination) {}

  async put(record: PendingKeyRecord): Promise<string> {
    const id = randomBytes(16).toString('base64url');
    await this.coordination.putOnce(slot(record.userId, id), JSON.stringify(pendingKeySchema.parse(record)), PENDING_KEY_TTL_MS);
    return id;
  }

  /** Deletes every key still waiting for this user's answer (forget). */
  async forgetUser(userId: string): Promise<void> {
    await this.coordination.takeOnceByPrefix(ownedBy(userId));
  }

  /** The pending key, removed; undefined when it expired, was answered, or is not this user's. */
  async take(userId: string, id: string): Promise<PendingKeyRecord | undefined> {
    if (!ID.test(id)) return undefined;
    // read before taking: a stranger who somehow learnt the id must not be able to discard it
    if (this.owner(await this.coordination.peekOnce(slot(userId, id))) !== userId) return undefined;
    const raw = await this.coordination.takeOnce(slot(userId, id));
    return raw !== undefined && this.owner(raw) === userId ? pendingKeySchema.parse(JSON.parse(raw)) : undefined;
  }

  private owner(raw: string | undefined): string | undefined {
    if (raw === undefined) return undefined;
    try {
      const parsed = pendingKeySchema.safeParse(JSON.parse(raw));
      return parsed.success ? parsed.data.userId : undefined;
    } catch {
      return undefined;
    }
  }
}
