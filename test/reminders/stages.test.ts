import { describe, expect, it } from 'vitest';
import type { RotationDue } from '../../src/reminders/policy.js';
import { currentStage, reminderPlan, stageAt, stageIndex } from '../../src/reminders/stages.js';
import { days } from './reminder-helpers.js';

const D = Date.UTC(2026, 5, 1);
const due: RotationDue = { at: D, reason: 'age' };
const MINUTE = 60_000;

describe('reminder stages of one rotation cycle', () => {
  it('falls 14, 7 and 1 days before the due date, on the day, then every week while overdue', () => {
    const stages = Array.from({ length: 7 }, (_, i) => stageAt(due, i));
    expect(stages.map((s) => s.name)).toEqual(['d14', 'd7', 'd1', 'due', 'late1', 'late2', 'late3']);
    expect(stages.map((s) => (s.at - D) / days(1))).toEqual([-14, -7, -1, 0, 7, 14, 21]);
  });

  it('reads a stored stage name back to its position, and treats none or an unknown one as nothing sent', () => {
    for (let i = 0; i < 12; i++) expect(stageIndex(stageAt(due, i).name)).toBe(i);
    expect(stageIndex(undefined)).toBe(-1);
    expect(stageIndex('d30')).toBe(-1);
  });

  it('has no stage before 14 days ahead, and reaches each stage exactly on its time', () => {
    expect(currentStage(due, D - days(14) - 1)).toBeUndefined();
    expect(currentStage(due, D - days(14))?.name).toBe('d14');
    expect(currentStage(due, D - days(7) - 1)?.name).toBe('d14');
    expect(currentStage(due, D - days(7))?.name).toBe('d7');
    expect(currentStage(due, D - 1)?.name).toBe('d1');
    expect(currentStage(due, D)?.name).toBe('due');
    expect(currentStage(due, D + days(7) - 1)?.name).toBe('due');
    expect(currentStage(due, D + days(7))?.name).toBe('late1');
    expect(currentStage(due, D + days(23))?.name).toBe('late3');
  });
});

describe('what one key is owed, and when to look again', () => {
  it('owes nothing without a due date', () => {
    expect(reminderPlan(undefined, {}, D)).toEqual({});
  });

  it('owes nothing before the first stage, and wakes up at 14 days before', () => {
    expect(reminderPlan(due, {}, D - days(30))).toEqual({ owed: undefined, nextAt: D - days(14) });
  });

  it('owes each stage once, in order, and then points at the next', () => {
    let lastStage: string | undefined;
    for (const [at, name, next] of [
      [D - days(14), 'd14', D - days(7)],
      [D - days(7), 'd7', D - days(1)],
      [D - days(1), 'd1', D],
      [D, 'due', D + days(7)],
      [D + days(7), 'late1', D + days(14)],
    ] as const) {
      const plan = reminderPlan(due, { lastStage }, at);
      expect(plan.owed?.name).toBe(name);
      expect(plan.nextAt).toBe(next);
      lastStage = name;
      expect(reminderPlan(due, { lastStage }, at + MINUTE)).toEqual({ owed: undefined, nextAt: next });
    }
  });

  it('owes only the latest stage after a gap, not every stage it missed', () => {
    expect(reminderPlan(due, { lastStage: 'd7' }, D + days(2))).toEqual({ owed: stageAt(due, 3), nextAt: D + days(7) });
    expect(reminderPlan(due, {}, D + days(15)).owed?.name).toBe('late2');
  });

  it('holds back a stage that falls inside a snooze and sends it when the snooze ends', () => {
    const snoozedUntil = D - days(1) + days(7);
    const during = reminderPlan(due, { lastStage: 'd1', snoozedUntil }, D);
    expect(during).toEqual({ owed: undefined, nextAt: snoozedUntil });
    expect(reminderPlan(due, { lastStage: 'd1', snoozedUntil }, snoozedUntil - 1).owed).toBeUndefined();
    expect(reminderPlan(due, { lastStage: 'd1', snoozedUntil }, snoozedUntil).owed?.name).toBe('due');
  });

  it('moves the next reminder to the end of the snooze when that is later than the next stage', () => {
    const snoozedUntil = D + days(6);
    expect(reminderPlan(due, { lastStage: 'd1', snoozedUntil }, D - days(1) + MINUTE).nextAt).toBe(snoozedUntil);
  });

  it('does not delay the next stage for a snooze that ends before it', () => {
    expect(reminderPlan(due, { lastStage: 'd14', snoozedUntil: D - days(10) }, D - days(12)).nextAt).toBe(D - days(7));
  });
});
