import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { COMMANDS, GUIDES } from '../../src/discord/render/help-guides.js';
import { parseReminderDays, REMINDER_DAYS, suggestReminderDays } from '../../src/reminders/reminder-days.js';
import { userSchema } from '../../src/store/records.js';

describe('the reminder period a user may choose', () => {
  it('is any whole number of days from 30 to 365, or off', () => {
    expect(REMINDER_DAYS).toEqual({ min: 30, max: 365 });
    expect(parseReminderDays('30')).toBe(30);
    expect(parseReminderDays(' 365 ')).toBe(365);
    expect(parseReminderDays('OFF')).toBe('off');
  });

  it('refuses anything else, naming the range', () => {
    for (const typed of ['29', '366', '0', '', 'never', '45.5', '-90']) {
      expect(() => parseReminderDays(typed)).toThrow(expect.objectContaining({ code: 'REMINDERS_DAYS_INVALID', params: { min: 30, max: 365 } }));
    }
  });

  it('suggests the usual periods and off, and a valid number the user is typing first', () => {
    expect(suggestReminderDays('')).toEqual([30, 60, 90, 180, 365, 'off']);
    expect(suggestReminderDays('3')).toEqual([30, 365]);
    expect(suggestReminderDays('45')).toEqual([45]);
    expect(suggestReminderDays(' O')).toEqual(['off']);
    expect(suggestReminderDays('400')).toEqual([]);
    expect(suggestReminderDays('90')).toEqual([90]);
  });

  it('is the range the store and the server default accept', () => {
    const user = (rotationDays: number) => userSchema.safeParse({ v: 1, id: '1', createdAt: 0, credentials: [], settings: { rotationDays }, dm: {} }).success;
    expect([user(REMINDER_DAYS.min), user(REMINDER_DAYS.max), user(REMINDER_DAYS.min - 1), user(REMINDER_DAYS.max + 1)]).toEqual([true, true, false, false]);
    const config = (days: number) => () => loadConfig({ ROTATION_DAYS: String(days) }, 'tool');
    expect(config(REMINDER_DAYS.max)().ROTATION_DAYS).toBe(REMINDER_DAYS.max);
    expect(config(REMINDER_DAYS.max + 1)).toThrow(/ROTATION_DAYS/);
  });

  it('is the range /help states', () => {
    expect(COMMANDS.paragraphs.join('\n')).toContain('days:<30–365 or off>');
    expect(GUIDES.reminders.paragraphs.join('\n')).toContain('days:<30–365>');
  });
});
