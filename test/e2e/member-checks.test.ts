import { describe, expect, it } from 'vitest';
import { DAY, HOUR, ManualClock } from '../../src/clock.js';
import { MEMBER_CACHE_MS } from '../../src/discord/members.js';
import { healthMember } from '../../src/reminders/schedule.js';
import type { FakeMessage } from '../fakes/discord/index.js';
import { expectRefusal, newUser, said, storedKeys } from './access-helpers.js';
import { GUILD, PASTE_LABEL, ROLE, buttonId, hasButton, pasteForm, settled, useKeyward, type E2E } from './harness.js';

/** The rotation opened: the paste form, or first the choice where Keyward can create the key pair. */
const opensKeyEntry = (m: FakeMessage) => Boolean(m.modal) || hasButton(m, PASTE_LABEL);

const clock = new ManualClock(Date.now());
const h = useKeyward({ clock });

/** Connects a key in the server, lets 77 days pass and returns the rotation reminder DM (with its buttons). */
async function reminderDm(e: E2E, c: ManualClock, user: string, roles?: string[]): Promise<FakeMessage> {
  const { typed } = e.key('binance');
  const opened = await e.discord.slash({ userId: user, guildId: GUILD, roles, name: 'connect', options: { exchange: 'binance' } });
  const modal = await pasteForm(e.discord, user, opened, GUILD, roles);
  await settled(await e.discord.modalSubmit({ userId: user, guildId: GUILD, roles, customId: String(modal.custom_id), fields: typed }));
  await e.app.store.coordination.unschedule(healthMember(user));
  c.advance(77 * DAY); // the first reminder falls 14 days before the 90-day due date
  await e.app.scheduler.tick();
  const dm = await e.discord.waitFor(() => e.discord.dms(user).find((m) => m.components.length > 0));
  c.advance(MEMBER_CACHE_MS + 1); // the lookup the reminder made is no longer cached
  return dm;
}

/** Member lookups the bot made for `user` so far. */
const lookups = (e: E2E, user: string) => e.discord.requests.filter((r) => r.method === 'GET' && r.path === `/guilds/${GUILD}/members/${user}`).length;

describe('buttons in a DM, for someone who left the server', () => {
  it('are refused clearly, open no form, and work again once the user is back', async () => {
    const user = newUser(h);
    const dm = await reminderDm(h, clock, user);
    h.discord.removeMember(GUILD, user);
    const refused = await h.press(user, buttonId(dm, 'Rotate Binance · main'), { guildId: null });
    await expectRefusal(refused, said('NOT_A_MEMBER'));
    await expectRefusal(await h.press(user, buttonId(dm, 'Snooze 7 days'), { guildId: null }), said('NOT_A_MEMBER'));
    expect(await storedKeys(h, user)).toEqual(['binance/main']);
    expect((await h.app.store.getCredential(user, 'binance', 'main'))?.guildId).toBe(GUILD);

    h.discord.setMember(GUILD, user, []);
    clock.advance(MEMBER_CACHE_MS + 1);
    const back = await h.press(user, buttonId(dm, 'Rotate Binance · main'), { guildId: null });
    expect(opensKeyEntry(await settled(back))).toBe(true);
  });

  it('are checked through one member lookup that is cached briefly, not one per press', async () => {
    const user = newUser(h);
    const dm = await reminderDm(h, clock, user);
    const before = lookups(h, user);
    for (let i = 0; i < 3; i += 1) await settled(await h.press(user, buttonId(dm, 'Snooze 7 days'), { guildId: null }));
    expect(lookups(h, user) - before).toBe(1);
  });
});

describe('reminders and health checks, for someone who left the server', () => {
  it('stop while they are away (their keys stay) and resume when they are back', async () => {
    const user = newUser(h);
    const { key, typed } = h.key('binance');
    await h.connect(user, 'binance', typed);
    h.discord.removeMember(GUILD, user);
    h.sim.updateKey('binance', key.apiKey, { state: 'revoked' });
    const requests = h.sim.stats('binance').requests;
    clock.advance(80 * DAY);
    await h.app.scheduler.tick();
    expect(h.discord.dms(user)).toEqual([]);
    expect(h.sim.stats('binance').requests).toBe(requests);
    expect(await storedKeys(h, user)).toEqual(['binance/main']);
    expect((await h.app.store.getCredential(user, 'binance', 'main'))?.guildId).toBe(GUILD);

    h.discord.setMember(GUILD, user, []);
    clock.advance(2 * DAY);
    await h.app.scheduler.tick();
    expect(h.discord.dms(user).length).toBeGreaterThan(0);
    expect(h.sim.stats('binance').requests).toBeGreaterThan(requests);
  });
});

describe('with a required role', () => {
  const rc = new ManualClock(Date.now());
  const r = useKeyward({ clock: rc, env: { REQUIRED_ROLE_ID: ROLE } });

  it('a DM button is refused to a member whose role was removed', async () => {
    const user = newUser(r);
    const dm = await reminderDm(r, rc, user, [ROLE]);
    r.discord.setMember(GUILD, user, []);
    await expectRefusal(await r.press(user, buttonId(dm, 'Rotate Binance · main'), { guildId: null }), said('ROLE_REQUIRED_IN_DM'));
    r.discord.setMember(GUILD, user, [ROLE]);
    rc.advance(MEMBER_CACHE_MS + 1);
    expect(opensKeyEntry(await settled(await r.press(user, buttonId(dm, 'Rotate Binance · main'), { guildId: null })))).toBe(true);
  });

  it('no reminder goes to a member without the role', async () => {
    const user = newUser(r);
    const { typed } = r.key('binance');
    const opened = await r.discord.slash({ userId: user, guildId: GUILD, roles: [ROLE], name: 'connect', options: { exchange: 'binance' } });
    await settled(
      await r.discord.modalSubmit({
        userId: user,
        guildId: GUILD,
        roles: [ROLE],
        customId: String((await pasteForm(r.discord, user, opened, GUILD, [ROLE])).custom_id),
        fields: typed,
      }),
    );
    r.discord.setMember(GUILD, user, []);
    rc.advance(78 * DAY + HOUR);
    await r.app.scheduler.tick();
    expect(r.discord.dms(user)).toEqual([]);
  });
});
