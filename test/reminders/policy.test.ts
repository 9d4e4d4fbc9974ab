import { describe, expect, it } from 'vitest';
import { rotationDays, rotationDue } from '../../src/reminders/policy.js';
import { credential, days, user } from './reminder-helpers.js';

const T = Date.UTC(2026, 2, 1);
const withExpiry = (expiresAt: number) => credential({ rotatedAt: T, permissions: { ...credential().permissions, expiresAt } });

describe('how often a user is asked to rotate', () => {
  it('uses the server default of 90 days for a user who never chose', () => {
    expect(rotationDays(undefined, 90)).toBe(90);
    expect(rotationDays(user(), 90)).toBe(90);
  });

  it('uses the period the user chose instead of the default', () => {
    expect(rotationDays(user({ rotationDays: 30 }), 90)).toBe(30);
    expect(rotationDays(user({ rotationDays: 365 }), 90)).toBe(365);
  });

  it('has no period at all once the user turned reminders off, whatever they chose before', () => {
    expect(rotationDays(user({ remindersOff: true }), 90)).toBeUndefined();
    expect(rotationDays(user({ rotationDays: 30, remindersOff: true }), 90)).toBeUndefined();
  });
});

describe('when a key is due for rotation', () => {
  it('is due its period after it was last rotated, because of its age', () => {
    expect(rotationDue(credential({ rotatedAt: T }), 90)).toEqual({ at: T + days(90), reason: 'age' });
    expect(rotationDue(credential({ rotatedAt: T }), 30)).toEqual({ at: T + days(30), reason: 'age' });
  });

  it('counts from the last rotation, not from when the key was first connected', () => {
    const rotated = credential({ createdAt: T - days(400), rotatedAt: T });
    expect(rotationDue(rotated, 90)?.at).toBe(T + days(90));
  });

  it('is due on the date the exchange says the key expires, when that comes first', () => {
    expect(rotationDue(withExpiry(T + days(20)), 90)).toEqual({ at: T + days(20), reason: 'expiry' });
  });

  it("keeps the age-based date when the exchange's expiry is later", () => {
    expect(rotationDue(withExpiry(T + days(200)), 90)).toEqual({ at: T + days(90), reason: 'age' });
  });

  it("still watches an exchange's expiry date with reminders off, and nothing else", () => {
    expect(rotationDue(withExpiry(T + days(200)), undefined)).toEqual({ at: T + days(200), reason: 'expiry' });
    expect(rotationDue(credential({ rotatedAt: T }), undefined)).toBeUndefined();
  });
});

describe('a key whose trading permission lapses (binance)', () => {
  const withTradingLapse = (tradingExpiresAt: number) => credential({ rotatedAt: T, permissions: { ...credential().permissions, tradingExpiresAt } });

  it('is due before trading lapses, when that comes before its age', () => {
    expect(rotationDue(withTradingLapse(T + days(10)), 90)).toEqual({ at: T + days(10), reason: 'expiry' });
  });

  it('keeps the age-based date when the lapse is later', () => {
    expect(rotationDue(withTradingLapse(T + days(200)), 90)).toEqual({ at: T + days(90), reason: 'age' });
  });
});
