import type { Clock } from '../clock.js';
import type { Store } from '../store/index.js';
import { rotationDays, rotationDue } from './policy.js';
import { reminderPlan } from './stages.js';

/** Due-index members: one per user for reminders and one for health checks, never one per key. */
export const reminderMember = (userId: string) => `remind:${userId}`;
export const healthMember = (userId: string) => `health:${userId}`;

/** When the user's next reminder falls (now, if one is owed); undefined when none ever will. */
export async function nextReminderAt(store: Store, clock: Clock, defaultDays: number, userId: string): Promise<number | undefined> {
  const user = await store.getUser(userId);
  if (!user) return undefined;
  const days = rotationDays(user, defaultDays);
  const now = clock.now();
  const times = (await store.listCredentials(userId))
    .map((k) => reminderPlan(rotationDue(k, days), k.reminders, now))
    .map((p) => (p.owed ? now : p.nextAt))
    .filter((t): t is number => t !== undefined);
  return times.length > 0 ? Math.min(...times) : undefined;
}

/**
 * Puts the user's next reminder time in the persistent due-index (or takes them out when nothing
 * will ever be due). Called whenever keys, settings or snoozes change.
 */
export async function scheduleReminders(store: Store, clock: Clock, defaultDays: number, userId: string): Promise<number | undefined> {
  const next = await nextReminderAt(store, clock, defaultDays, userId);
  if (next === undefined) await store.coordination.unschedule(reminderMember(userId));
  else await store.coordination.schedule(reminderMember(userId), next);
  return next;
}
