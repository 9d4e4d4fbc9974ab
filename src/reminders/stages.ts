import { DAY } from '../clock.js';
import type { RotationDue } from './policy.js';

/**
 * Reminder stages of one rotation cycle: 14, 7 and 1 days before the due date, on the day, then
 * weekly while overdue. Stored by name on the credential, so a restart neither repeats nor skips.
 */
const BEFORE = [
  { name: 'd14', offset: -14 * DAY },
  { name: 'd7', offset: -7 * DAY },
  { name: 'd1', offset: -1 * DAY },
  { name: 'due', offset: 0 },
] as const;

export interface Stage {
  name: string;
  index: number;
  at: number;
}

/** The stage at position `index` (0 = 14 days before; 3 = due day; 4+ = weeks overdue). */
export function stageAt(due: RotationDue, index: number): Stage {
  const before = BEFORE[index];
  if (before) return { name: before.name, index, at: due.at + before.offset };
  const weeks = index - BEFORE.length + 1;
  return { name: `late${weeks}`, index, at: due.at + weeks * 7 * DAY };
}

/** Position of a stored stage name; -1 when none was sent yet in this cycle. */
export function stageIndex(name: string | undefined): number {
  if (!name) return -1;
  const before = BEFORE.findIndex((s) => s.name === name);
  if (before >= 0) return before;
  const late = /^late(\d+)$/.exec(name);
  return late ? BEFORE.length - 1 + Number(late[1]) : -1;
}

/** The latest stage reached by `now` (undefined before the first one): after downtime only this one is sent. */
export function currentStage(due: RotationDue, now: number): Stage | undefined {
  if (now < stageAt(due, 0).at) return undefined;
  if (now >= due.at) return stageAt(due, BEFORE.length - 1 + Math.floor((now - due.at) / (7 * DAY)));
  let index = 0;
  while (stageAt(due, index + 1).at <= now) index++;
  return stageAt(due, index);
}

export interface KeyReminderState {
  lastStage?: string;
  snoozedUntil?: number;
}

/** Whether a reminder is owed now, and when the next one falls, for one key. */
export function reminderPlan(due: RotationDue | undefined, state: KeyReminderState, now: number): { owed?: Stage; nextAt?: number } {
  if (!due) return {};
  const sent = stageIndex(state.lastStage);
  const current = currentStage(due, now);
  const snoozed = state.snoozedUntil !== undefined && state.snoozedUntil > now;
  const owed = current && current.index > sent && !snoozed ? current : undefined;
  const after = Math.max(sent, current?.index ?? -1, owed?.index ?? -1);
  let nextAt = stageAt(due, after + 1).at;
  if (snoozed && current && current.index > sent) nextAt = Math.min(nextAt, state.snoozedUntil!);
  else if (snoozed) nextAt = Math.max(nextAt, state.snoozedUntil!);
  return { owed, nextAt };
}
