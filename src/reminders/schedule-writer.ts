import type { Clock } from '../clock.js';
import type { Store } from '../store/index.js';
import { healthMember, scheduleReminders } from './schedule.js';

/** What key changes tell the schedule (the key service calls it; only the schedule is written). */
export interface SchedulePort {
  keysChanged(userId: string): Promise<void>;
}

/**
 * Writes a user's entries in the persistent due-index: their next reminder, and a health check while
 * they have keys. It only writes the schedule, so it needs no Discord client and no running scheduler.
 */
export class ScheduleWriter implements SchedulePort {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly opts: { defaultDays: number; healthIntervalMs: number },
  ) {}

  /** Re-plans a user's reminders and makes sure their keys get health checks (after connect, rotate, remove, forget). */
  async keysChanged(userId: string): Promise<void> {
    await scheduleReminders(this.store, this.clock, this.opts.defaultDays, userId);
    const hasKeys = (await this.store.listCredentials(userId)).length > 0;
    if (!hasKeys) await this.store.coordination.unschedule(healthMember(userId));
    else if ((await this.store.coordination.dueAt(healthMember(userId))) === undefined)
      await this.store.coordination.schedule(healthMember(userId), this.nextHealthAt());
  }

  /** One health interval from now, jittered by ±10% so checks of users who connected together spread out. */
  nextHealthAt(): number {
    const interval = this.opts.healthIntervalMs;
    return this.clock.now() + Math.round(interval * (0.9 + Math.random() * 0.2));
  }
}
