import type { Clock } from '../clock.js';
import type { Logger } from '../log.js';
import type { CredentialRecord, Store } from '../store/index.js';
import type { DmThrottle } from './dm-throttle.js';
import { stillStored } from './still-stored.js';
import type { MissedNotices } from './notices.js';
import { rotationDays, rotationDue } from './policy.js';
import type { DmPort, ReminderItem } from './ports.js';
import { nextReminderAt } from './schedule.js';
import { reminderPlan } from './stages.js';

export interface ReminderRunDeps {
  store: Store;
  clock: Clock;
  dms: DmPort;
  throttle: DmThrottle;
  notices: MissedNotices;
  defaultDays: number;
  log: Logger;
}

/**
 * One user's due reminders, as one digest DM: every key whose next stage has come (after downtime,
 * only the latest stage of each key, so a 10-day outage brings one message, not a storm). Returns
 * when the user is next due. Stages are recorded after the DM went out, so a crash before sending
 * means the reclaimed run sends it.
 */
export async function runReminders(deps: ReminderRunDeps, userId: string): Promise<number | undefined> {
  const now = deps.clock.now();
  const user = await deps.store.getUser(userId);
  if (!user) return undefined;
  const days = rotationDays(user, deps.defaultDays);
  const keys = await deps.store.listCredentials(userId);
  const items: ReminderItem[] = [];
  const owed: CredentialRecord[] = [];
  for (const k of keys) {
    const due = rotationDue(k, days);
    const plan = reminderPlan(due, k.reminders, now);
    if (plan.owed && due)
      items.push({ exchange: k.exchange, account: k.account, guildId: k.guildId, keyHint: k.keyHint, stage: plan.owed.name, due, permissions: k.permissions });
    if (plan.owed && due) owed.push(k);
  }
  if (items.length > 0) {
    await deps.throttle.take();
    // under the user's lock, about the keys still stored as read: a forget, remove or rotation meanwhile wins
    await deps.store.withUserLock(userId, async () => {
      const live = await stillStored(deps.store, userId, owed);
      const current = items.filter((_, i) => live[i]);
      if (current.length === 0) return;
      const result = await deps.dms.sendReminders(userId, current);
      if (result === 'closed' && (await deps.notices.markClosed(userId, current.length, now)))
        await deps.notices.rememberPosted(userId, await deps.dms.notifyClosedDms?.(userId));
      await recordStages(deps, userId, current);
      deps.log.info({ event: 'reminders', keys: current.length, delivered: result === 'sent' }, 'rotation reminders handled');
    });
  }
  return nextReminderAt(deps.store, deps.clock, deps.defaultDays, userId);
}

async function recordStages(deps: ReminderRunDeps, userId: string, items: ReminderItem[]): Promise<void> {
  await deps.store.withUserLock(userId, async () => {
    for (const item of items) {
      const record = await deps.store.getCredential(userId, item.exchange, item.account);
      if (!record) continue;
      await deps.store.putCredential({ ...record, reminders: { ...record.reminders, lastStage: item.stage } });
    }
  });
  for (const item of items) {
    await deps.store.appendAudit(userId, {
      action: 'reminder_sent',
      exchange: item.exchange,
      account: item.account,
      keyHint: item.keyHint,
      outcome: item.stage,
    });
  }
}
