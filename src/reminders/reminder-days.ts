import { AppError } from '../errors.js';

/** How many days after a key was connected or last rotated a user may ask to be reminded: the one rule for settings, configuration and words. */
export const REMINDER_DAYS = { min: 30, max: 365 } as const;

/** The periods offered as the user types, before any number of their own. */
const SUGGESTED = [30, 60, 90, 180, 365] as const;

/** "30–365", as help and option descriptions say it. */
export const REMINDER_DAYS_RANGE = `${REMINDER_DAYS.min}–${REMINDER_DAYS.max}`;

export type ReminderDays = number | 'off';

/** True for a whole number of days inside the range. */
export function isReminderDays(days: number): boolean {
  return Number.isInteger(days) && days >= REMINDER_DAYS.min && days <= REMINDER_DAYS.max;
}

/** What a user typed ("90", " OFF ") → days or 'off'; anything else is REMINDERS_DAYS_INVALID. */
export function parseReminderDays(text: string): ReminderDays {
  const value = text.trim().toLowerCase();
  if (value === 'off') return 'off';
  const days = Number(value);
  if (!isReminderDays(days)) throw new AppError('REMINDERS_DAYS_INVALID', { ...REMINDER_DAYS });
  return days;
}

/**
 * The choices offered while typing: the number typed so far when it is already a valid period,
 * then the suggested periods and "off" that start with it.
 */
export function suggestReminderDays(typed: string): ReminderDays[] {
  const value = typed.trim().toLowerCase();
  const picks: ReminderDays[] = [...SUGGESTED, 'off' as const].filter((v) => String(v).startsWith(value));
  const own = /^\d{2,3}$/.test(value) && isReminderDays(Number(value)) && !picks.includes(Number(value)) ? [Number(value)] : [];
  return [...own, ...picks];
}
