import { setTimeout as sleep } from 'node:timers/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { HOUR, ManualClock } from '../../src/clock.js';
import { profileFor } from '../../src/exchanges/profiles/index.js';
import { healthMember, reminderMember } from '../../src/reminders/schedule.js';
import type { FakeMessage } from '../fakes/discord/index.js';
import { buttonLabels, days, dmChannelId, fieldsOf, postsTo, stamp, useReminderCast } from '../reminders/reminder-helpers.js';
import { buttonId, pasteForm, settled, textOf, useKeyward } from './harness.js';

const clock = new ManualClock(Date.now());
const NOTICES = '920000000000000001';
const h = useKeyward({ clock, env: { DM_PER_SECOND: '2', REMINDER_CHANNEL_ID: NOTICES } });
const { keys: keysUsed, newUser, connected } = useReminderCast(h, clock);

beforeAll(() => h.discord.addGuild({ id: '900000000000000003', name: 'Operators', channels: [{ id: NOTICES, name: 'keyward-notices' }] }));

/**
 * Leaves a user's background health checks out of a reminder test: a check running in the same tick
 * as a reminder currently undoes the reminder's bookkeeping (shown by its own test below).
 */
const remindersOnly = (userId: string) => h.app.store.coordination.unschedule(healthMember(userId));
const tick = () => h.app.scheduler.tick();
const dmCount = (userId: string) => h.discord.dms(userId).length;
const lastDm = (userId: string) => h.discord.dms(userId).at(-1)!;
const keyNames = (dm: FakeMessage) => fieldsOf(dm).map((f) => f.name.split(' …')[0]);
const pressInDm = (userId: string, dm: FakeMessage, label: string) => h.discord.button({ userId, customId: buttonId(dm, label), messageId: dm.id });

describe('rotation reminders by DM', () => {
  it('spreads DMs to six users due at once over at least two seconds at two DMs per second', async () => {
    const users = Array.from({ length: 6 }, newUser);
    const [first] = await Promise.all(users.map((u) => connected(u)));
    await Promise.all(users.map(remindersOnly));
    clock.set(first!.at + days(76) + HOUR);
    await tick();
    expect(users.map(dmCount)).toEqual(users.map(() => 1));
    // at most two in any one-second span puts the 3rd a second after the 1st, and the 5th a second after the 3rd
    const times = users.map((u) => postsTo(h.discord, lastDm(u).channelId!)[0]!.receivedAt);
    expect(Math.max(...times) - Math.min(...times)).toBeGreaterThanOrEqual(1_980);
  });

  it('DMs 14 days before a key is due: which key, when, what to do, and Rotate and Snooze buttons', async () => {
    const u = newUser();
    const { hint, at } = await connected(u);
    clock.set(at + days(76) - 60_000);
    await tick();
    expect(dmCount(u)).toBe(0);
    clock.set(at + days(76));
    await tick();
    await tick();
    expect(dmCount(u)).toBe(1);
    const dm = lastDm(u);
    expect(dm.embeds[0]!.title).toBe('Time to rotate a key');
    expect(fieldsOf(dm)).toEqual([{ name: `Binance · main …${hint}`, value: `Due ${stamp(at + days(90))} (${stamp(at + days(90), 'R')})` }]);
    expect(textOf(dm)).toContain('create a new key on the exchange');
    expect(buttonLabels(dm)).toEqual([['Rotate Binance · main', 'Snooze 7 days']]);
  });

  it('after a 10-day downtime sends one DM per user listing every key once, saying they are overdue', async () => {
    const [u, v] = [newUser(), newUser()];
    const { at } = await connected(u, 'binance');
    await connected(u, 'okx');
    await connected(v, 'binance');
    clock.set(at + days(83));
    await tick();
    expect([dmCount(u), dmCount(v)]).toEqual([1, 1]);
    expect(lastDm(u).embeds[0]!.title).toBe('Time to rotate 2 keys');
    clock.set(at + days(93)); // ten days without a tick: the 1-day-before and due-day stages were missed
    await tick();
    await tick();
    expect([dmCount(u), dmCount(v)]).toEqual([2, 2]);
    expect(keyNames(lastDm(u))).toEqual(['Binance · main', 'OKX · main']);
    for (const f of fieldsOf(lastDm(u))) expect(f.value).toMatch(/^⏰ \*\*Overdue\*\* since /);
  });

  it("reminds by the exchange's expiry date when it comes first, even with reminders off, with the exchange's rule and how to avoid it", async () => {
    const [u, off] = [newUser(), newUser()];
    await h.command(off, 'keys', 'remind', { days: 'off' });
    const expiresAt = clock.now() + days(30);
    await connected(u, 'bybit', { expiresAt });
    await connected(off, 'bybit', { expiresAt });
    const stored = (await h.app.store.getCredential(u, 'bybit', 'main'))!.permissions.expiresAt!;
    expect(Math.abs(stored - expiresAt)).toBeLessThan(1_000);
    clock.set(stored - days(14) - 60_000);
    await tick();
    expect([dmCount(u), dmCount(off)]).toEqual([0, 0]);
    clock.set(stored - days(14));
    await tick();
    for (const user of [u, off]) {
      expect(dmCount(user)).toBe(1);
      // the key is not bound to an IP: Bybit's 90-day rule is behind the date, and binding an IP avoids it
      expect(fieldsOf(lastDm(user))[0]!.value).toBe(
        `Due ${stamp(stored)} (${stamp(stored, 'R')})\nBybit says the key expires then, and stops working after that. ${profileFor('bybit').expiryRule!.avoid}`,
      );
    }
  });

  it('does not retry a closed DM, tells the user at their next command, and posts one mention-only notice', async () => {
    for (const code of [50007, 50278] as const) {
      const u = newUser();
      const { hint, at } = await connected(u);
      h.discord.setDmsClosed(u, code);
      const channel = await dmChannelId(h.discord, u);
      for (const hours of [0, 1, 6, 30]) {
        clock.set(at + days(76) + hours * HOUR);
        await tick();
      }
      expect(postsTo(h.discord, channel).map((r) => r.code)).toEqual([code]);
      expect((await h.app.store.getUser(u))?.dm.closedAt).toBe(at + days(76));
      const notices = h.discord.channelMessages(NOTICES).filter((m) => (m.content ?? '').includes(`<@${u}>`));
      expect(notices).toHaveLength(1);
      expect(notices[0]!.content!.replace(`<@${u}>`, '')).not.toMatch(new RegExp(`Binance|main|${hint}|rotat`, 'i'));
      expect(notices[0]!.allowedMentions).toEqual({ parse: [], users: [u] });
      const { run } = await h.command(u, 'keys', 'list');
      const notice = await run.waitForReply((m) => (m.content ?? '').includes('could not DM you a key notice'));
      expect(notice.privateToUser).toBe(true);
      const again = await h.command(u, 'keys', 'list');
      await sleep(300);
      expect([...again.run.followups, ...again.run.edits].some((m) => (m.content ?? '').includes('could not DM you'))).toBe(false);
    }
  });

  it('snoozes one key for 7 days from the DM, then reminds about it again', async () => {
    const u = newUser();
    const { at } = await connected(u, 'binance');
    await connected(u, 'okx');
    await remindersOnly(u);
    clock.set(at + days(89)); // the day before both are due
    await tick();
    const snooze = await pressInDm(u, lastDm(u), 'Snooze 7 days');
    expect(textOf(await snooze.waitForReply())).toContain(`the next reminder for Binance · main comes ${stamp(at + days(96), 'R')}`);
    clock.set(at + days(90));
    await tick();
    expect(keyNames(lastDm(u))).toEqual(['OKX · main']);
    clock.set(at + days(96) - 60_000);
    await tick();
    expect(dmCount(u)).toBe(2);
    clock.set(at + days(96));
    await tick();
    expect(dmCount(u)).toBe(3);
    expect(keyNames(lastDm(u))).toEqual(['Binance · main']);
  });

  it("rotates from the DM's Rotate button, and the next reminder comes 14 days before the new key's 90 days are up", async () => {
    const u = newUser();
    const { at } = await connected(u);
    clock.set(at + days(76));
    await tick();
    const opened = await pressInDm(u, lastDm(u), 'Rotate Binance · main');
    const modal = await pasteForm(h.discord, u, opened);
    const fresh = h.key('binance');
    keysUsed.push(fresh.key);
    const submitted = await h.discord.modalSubmit({ userId: u, customId: modal.custom_id, fields: fresh.typed });
    expect(textOf(await settled(submitted))).toContain('rotated');
    const rotatedAt = clock.now();
    expect((await h.app.store.getCredential(u, 'binance', 'main'))?.keyHint).toBe(fresh.key.apiKey.slice(-4));
    expect(await h.app.store.coordination.dueAt(reminderMember(u))).toBe(rotatedAt + days(76));
    clock.set(rotatedAt + days(76) - 60_000);
    await tick();
    expect(dmCount(u)).toBe(1);
    clock.set(rotatedAt + days(76));
    await tick();
    expect(dmCount(u)).toBe(2);
    expect(fieldsOf(lastDm(u))[0]!.value).toContain(`Due ${stamp(rotatedAt + days(90))}`);
  });

  it('follows /keys remind: 30 days brings the reminder forward, and off stops age reminders', async () => {
    const u = newUser();
    const { at } = await connected(u);
    const { reply } = await h.command(u, 'keys', 'remind', { days: '30' });
    expect(reply.content).toContain('30 days');
    clock.set(at + days(16));
    await tick();
    expect(dmCount(u)).toBe(1);
    expect(fieldsOf(lastDm(u))[0]!.value).toContain(`Due ${stamp(at + days(30))}`);
    await h.command(u, 'keys', 'remind', { days: 'off' });
    expect(await h.app.store.coordination.dueAt(reminderMember(u))).toBeUndefined();
    for (const d of [23, 29, 30, 60, 120]) {
      clock.set(at + days(d));
      await tick();
    }
    expect(dmCount(u)).toBe(1);
  });

  it('does not repeat a reminder after /keys remind when a slow health check of the key ran in the same tick as it', async () => {
    const u = newUser();
    const { at } = await connected(u);
    h.sim.setFault('binance', { latencyMs: 300, scope: 'private' });
    try {
      clock.set(at + days(76));
      await tick();
    } finally {
      h.sim.clearFaults('binance');
    }
    expect(dmCount(u)).toBe(1);
    await h.command(u, 'keys', 'remind', { days: '90' });
    await tick();
    expect(dmCount(u)).toBe(1);
  });
});

describe('background health checks', () => {
  it('DMs once when a key stops working at the exchange, and not again at the next check', async () => {
    const u = newUser();
    const { key, hint, at } = await connected(u);
    h.sim.updateKey('binance', key.apiKey, { state: 'revoked' });
    clock.set(at + 27 * HOUR);
    await tick();
    expect(dmCount(u)).toBe(1);
    expect(fieldsOf(lastDm(u))).toEqual([
      {
        name: `❌ Binance · main …${hint}`,
        value: 'Stopped working: Binance does not recognise this API key.\nFix it on the exchange and run /keys test, or replace it with /keys rotate.',
      },
    ]);
    expect(buttonLabels(lastDm(u))).toEqual([['Rotate Binance · main']]);
    clock.set(at + 54 * HOUR);
    await tick();
    expect((await h.app.store.getCredential(u, 'binance', 'main'))?.lastCheckedAt).toBe(clock.now());
    expect(dmCount(u)).toBe(1);
  });

  it('DMs once, loudly, when withdrawals get enabled on a key', async () => {
    const u = newUser();
    const { key, hint, at } = await connected(u);
    h.sim.updateKey('binance', key.apiKey, { withdraw: true });
    clock.set(at + 27 * HOUR);
    await tick();
    clock.set(at + 54 * HOUR);
    await tick();
    expect(dmCount(u)).toBe(1);
    const [alert] = fieldsOf(lastDm(u));
    expect(alert?.name).toBe(`🚨 Binance · main …${hint}`);
    expect(alert?.value).toContain('can now withdraw funds');
  });

  it("stays quiet and keeps the key's status while the exchange is down", async () => {
    const u = newUser();
    const { at } = await connected(u, 'gate');
    const before = (await h.app.store.getCredential(u, 'gate', 'main'))!;
    h.sim.resetStats('gate');
    h.sim.setFault('gate', { serverError: 503 });
    try {
      clock.set(at + 27 * HOUR);
      await tick();
    } finally {
      h.sim.clearFaults('gate');
    }
    expect(h.sim.stats('gate').requests).toBeGreaterThan(0);
    expect(dmCount(u)).toBe(0);
    const after = (await h.app.store.getCredential(u, 'gate', 'main'))!;
    expect({ status: after.status, verdict: after.verdict, permissions: after.permissions }).toEqual({
      status: before.status,
      verdict: before.verdict,
      permissions: before.permissions,
    });
  });

  it('shows the last health check and the rotation date in /keys list, and "overdue" once that date has passed', async () => {
    const u = newUser();
    const { at } = await connected(u);
    clock.set(at + 27 * HOUR);
    await tick();
    const text = textOf((await h.command(u, 'keys', 'list')).reply);
    expect(text).toContain(`checked ${stamp(at + 27 * HOUR, 'R')}`);
    expect(text).toContain(`Rotate by ${stamp(at + days(90))}`);
    clock.set(at + days(91));
    expect(textOf((await h.command(u, 'keys', 'list')).reply)).toContain(`⏰ **Rotation overdue** since ${stamp(at + days(90))}`);
  });
});
