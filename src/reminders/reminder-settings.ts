import { DAY, type Clock } from '../clock.js';
import { AppError } from '../errors.js';
import type { Store } from '../store/index.js';
import { scheduleReminders } from './schedule.js';

/** What a user can change about their reminders: the rotation period, and snoozing one key. */
export class ReminderSettings {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly defaultDays: number,
  ) {}

  async setRotationDays(userId: string, days: number | 'off'): Promise<void> {
    await this.store.updateUser(userId, (u) => ({
      ...u,
      settings: days === 'off' ? { ...u.settings, remindersOff: true } : { rotationDays: days },
    }));
    await this.store.appendAudit(userId, { action: 'reminders_changed', outcome: days === 'off' ? 'off' : 'on' });
    await this.reschedule(userId);
  }

  /** Silences one key's reminders for `days`; returns when they resume. */
  async snooze(userId: string, exchange: string, account: string, days: number): Promise<number> {
    const until = this.clock.now() + days * DAY;
    await this.store.withUserLock(userId, async () => {
      const record = await this.store.getCredential(userId, exchange, account);
      if (!record) throw new AppError('ACCOUNT_NOT_FOUND', { exchange, account });
      await this.store.putCredential({ ...record, reminders: { ...record.reminders, snoozedUntil: until } });
    });
    await this.store.appendAudit(userId, { action: 'reminder_snoozed', exchange, account });
    await this.reschedule(userId);
    return until;
  }

  reschedule(userId: string): Promise<number | undefined> {
    return scheduleReminders(this.store, this.clock, this.defaultDays, userId);
  }
}
