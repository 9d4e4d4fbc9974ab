import { join } from 'node:path';
import sqlite3 from 'sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { DAY, ManualClock } from '../../src/clock.js';
import { healthMember } from '../../src/reminders/schedule.js';
import { realisticKey, typedCredentials } from '../sim/keys.js';
import { expectRefusal, newUser, said } from './access-helpers.js';
import { buttonId, settled, textOf, useKeyward, type E2E } from './harness.js';

const NOTICES = '920000000000000001';
const WINDOW_MINUTES = 10;
const clock = new ManualClock(Date.now());
const h = useKeyward({ clock, env: { REMINDER_CHANNEL_ID: NOTICES, VALIDATIONS_PER_WINDOW: '3', VALIDATION_WINDOW_MINUTES: String(WINDOW_MINUTES) } });
beforeAll(() => h.discord.addGuild({ id: '900000000000000003', name: 'Operators', channels: [{ id: NOTICES, name: 'keyward-notices' }] }));

/** Every row of every table in the SQLite file, as text: what someone reading the file would see. */
async function everyRow(e: E2E): Promise<string> {
  const db = new sqlite3.Database(join(e.dir, 'data', 'keyward.sqlite'), sqlite3.OPEN_READONLY);
  const all = (sql: string) =>
    new Promise<Array<Record<string, unknown>>>((resolve, reject) =>
      db.all(sql, (err, rows) => (err ? reject(err) : resolve(rows as Array<Record<string, unknown>>))),
    );
  try {
    const tables = await all("SELECT name FROM sqlite_master WHERE type = 'table'");
    const dumps = await Promise.all(tables.map(async (t) => JSON.stringify(await all(`SELECT * FROM "${String(t.name)}"`))));
    return dumps.join('\n');
  } finally {
    await new Promise<void>((resolve) => db.close(() => resolve()));
  }
}

/** /keys forget, confirmed. */
async function forget(user: string): Promise<void> {
  const { reply } = await h.command(user, 'keys', 'forget');
  await settled(await h.press(user, buttonId(reply, 'Forget everything')));
}

describe('after /keys forget', () => {
  it('nothing in the store names the user: no one-time link, no validation window, no schedule', async () => {
    const user = newUser(h);
    await h.connect(user, 'binance', h.key('binance').typed);
    const question = await h.command(user, 'keys', 'remove', { key: 'binance/main' });
    expect(await everyRow(h)).toContain(user);
    await forget(user);
    expect(await everyRow(h)).not.toContain(user);
    await expectRefusal(await h.press(user, buttonId(question.reply, 'Remove')), said('LINK_EXPIRED'));
  });

  it('a key still waiting for its withdrawal question is gone, sealed copy included', async () => {
    const user = newUser(h);
    const { reply } = await h.connect(user, 'mexc', h.key('mexc').typed);
    expect(textOf(reply)).toContain('does not report whether this key can withdraw');
    await forget(user);
    expect(await everyRow(h)).not.toContain(user);
  });

  it("the notice that named the user in the operators' channel is deleted", async () => {
    const user = newUser(h);
    await h.connect(user, 'binance', h.key('binance').typed);
    await h.app.store.coordination.unschedule(healthMember(user));
    h.discord.setDmsClosed(user, 50007);
    clock.advance(77 * DAY);
    await h.app.scheduler.tick();
    const naming = () => h.discord.channelMessages(NOTICES).filter((m) => (m.content ?? '').includes(`<@${user}>`));
    expect(naming()).toHaveLength(1);
    await forget(user);
    expect(naming()).toEqual([]);
  });

  it('the validation limit still holds: forgetting does not hand out fresh key checks', async () => {
    const user = newUser(h);
    for (let i = 0; i < 3; i += 1) await h.connect(user, 'okx', typedCredentials(realisticKey('okx')), 'probe');
    await forget(user);
    const run = await h.discord.slash({ userId: user, guildId: '900000000000000001', name: 'connect', options: { exchange: 'okx' } });
    await expectRefusal(run, said('VALIDATION_RATE_LIMITED', { retryInSeconds: WINDOW_MINUTES * 60 }));
    clock.advance(WINDOW_MINUTES * 60_000 + 1);
    expect(
      (await settled(await h.discord.slash({ userId: user, guildId: '900000000000000001', name: 'connect', options: { exchange: 'okx' } }))).modal,
    ).toBeDefined();
  });
});
