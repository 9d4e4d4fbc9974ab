import { describe, expect, it } from 'vitest';
import type { HealthAlert, ReminderItem } from '../../../src/reminders/ports.js';
import { COLOURS } from '../../../src/discord/render/format.js';
import { renderHealthAlerts, renderReminderDigest } from '../../../src/discord/render/reminders.js';
import { DAY, HOSTILE, NOW } from './fixtures.js';
import { expectWithinDiscordLimits, textOf, UNESCAPED_AT } from './limits.js';

const names = (id: string): string => ({ binance: 'Binance', bybit: 'Bybit' })[id] ?? id;
const item = (over: Partial<ReminderItem> = {}): ReminderItem => ({
  exchange: 'binance',
  account: 'main',
  keyHint: 'ABCD',
  stage: 'd7',
  due: { at: NOW + 7 * DAY, reason: 'age' },
  ...over,
});

describe('the rotation reminder DM', () => {
  it('says when each key is due and how rotating works', () => {
    const json = renderReminderDigest([item()], names, NOW)[0]!.toJSON();
    expect(json.title).toBe('Time to rotate a key');
    expect(json.description).toContain('press **Rotate**');
    expect(json.fields?.[0]).toEqual({ name: 'Binance · main …ABCD', value: `Due <t:${(NOW + 7 * DAY) / 1000}:D> (<t:${(NOW + 7 * DAY) / 1000}:R>)` });
    expect(json.color).toBe(COLOURS.warning);
  });

  it("marks an overdue key and explains a date that is the exchange's expiry", () => {
    const json = renderReminderDigest([item({ exchange: 'bybit', stage: 'late1', due: { at: NOW - 7 * DAY, reason: 'expiry' } })], names, NOW)[0]!.toJSON();
    expect(json.fields?.[0]?.value).toContain('⏰ **Overdue** since');
    expect(json.fields?.[0]?.value).toContain('Bybit says the key expired then.');
    expect(json.color).toBe(COLOURS.failure);
  });

  it('fits a hundred keys with hostile names into one message and counts the rest', () => {
    const items = Array.from({ length: 100 }, (_, i) => item({ account: `${HOSTILE}${i}`, keyHint: '@@@@' }));
    const embeds = renderReminderDigest(items, () => HOSTILE, NOW);
    expectWithinDiscordLimits(embeds);
    expect(textOf(embeds)).not.toMatch(UNESCAPED_AT);
    const fields = embeds[0]!.toJSON().fields!;
    expect(fields.at(-1)?.value).toBe(`${100 - (fields.length - 1)} more keys: see /keys list.`);
  });
});

describe('the health alert DM', () => {
  const alert = (over: Partial<HealthAlert>): HealthAlert => ({ exchange: 'binance', account: 'main', keyHint: 'ABCD', change: 'stopped_working', ...over });

  it('puts a key that can now withdraw first, loudly', () => {
    const json = renderHealthAlerts([alert({ change: 'working_again' }), alert({ account: 'bot', change: 'withdraw_enabled' })], names)[0]!.toJSON();
    expect(json.fields?.[0]?.name).toBe('🚨 Binance · bot …ABCD');
    expect(json.fields?.[0]?.value).toContain('can now withdraw funds');
    expect(json.fields?.[1]?.value).toBe('Works again.');
    expect(json.color).toBe(COLOURS.failure);
  });

  it('says why a key stopped working and what to do', () => {
    const value = renderHealthAlerts([alert({ verdict: 'key_expired', reason: 'This API key has expired.' })], names)[0]!.toJSON().fields?.[0]?.value;
    expect(value).toBe('Stopped working: This API key has expired.\nFix it on the exchange and run /keys test, or replace it with /keys rotate.');
  });

  it('stays within limits for many alerts with hostile text', () => {
    const alerts = Array.from({ length: 80 }, (_, i) => alert({ account: `${HOSTILE}${i}`, reason: HOSTILE }));
    const embeds = renderHealthAlerts(alerts, () => HOSTILE);
    expectWithinDiscordLimits(embeds);
    expect(textOf(embeds)).not.toMatch(UNESCAPED_AT);
  });
});
