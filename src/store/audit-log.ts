import type { Clock } from '../clock.js';
import type { Coordination } from './coordination.js';
import { auditEventSchema, userIdSchema, type AuditEvent } from './records.js';
import type { RecordIO } from './record-io.js';

/**
 * A capped, append-only log per user: event n is the record "audit:<user>:<n>", numbered by an
 * atomic counter, and the event `cap` places back is dropped. Never a secret: events have no
 * free-text field.
 */
export class AuditLog {
  constructor(
    private readonly records: RecordIO,
    private readonly coordination: Coordination,
    private readonly clock: Clock,
    private readonly cap: number,
  ) {}

  async append(userId: string, event: Omit<AuditEvent, 'v' | 'at'>): Promise<void> {
    const seq = await this.records.io(() => this.coordination.increment(counter(userId)));
    await this.records.write(`audit:${userId}:${seq}`, auditEventSchema, { v: 1, at: this.clock.now(), ...event });
    if (seq > this.cap) await this.records.delete(`audit:${userId}:${seq - this.cap}`);
  }

  /** The user's most recent events, newest first. */
  async recent(userId: string, limit: number): Promise<AuditEvent[]> {
    return this.records.readMany(await this.keys(userId, Math.min(limit, this.cap)), auditEventSchema, 'an audit event');
  }

  async erase(userId: string): Promise<void> {
    await this.records.delete(...(await this.keys(userId, this.cap)));
    await this.records.io(() => this.coordination.deleteCounter(counter(userId)));
  }

  private async keys(userId: string, limit: number): Promise<string[]> {
    const last = await this.records.io(() => this.coordination.readCounter(counter(userId)));
    const keys: string[] = [];
    for (let seq = last; seq > 0 && keys.length < limit; seq--) keys.push(`audit:${userId}:${seq}`);
    return keys;
  }
}

const counter = (userId: string) => `audit:${userIdSchema.parse(userId)}`;
