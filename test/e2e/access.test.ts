import { describe, expect, it } from 'vitest';
import { DAY, ManualClock } from '../../src/clock.js';
import type { FakeMessage } from '../fakes/discord/index.js';
import { exchangeRequests, expectRefusal, newUser, openedForm, said, storedKeys, submitForm } from './access-helpers.js';
import { GUILD, OTHER_GUILD, PASTE_LABEL, ROLE, buttonId, hasButton, settled, textOf, useKeyward } from './harness.js';

const clock = new ManualClock(Date.now());
const h = useKeyward({ clock });

/** One invocation of each command, so every entry point is tried. */
const EVERY_COMMAND: Array<{ name: string; subcommand?: string; options?: Record<string, string> }> = [
  { name: 'connect', options: { exchange: 'okx' } },
  { name: 'balance' },
  { name: 'keys', subcommand: 'list' },
  { name: 'keys', subcommand: 'forget' },
  { name: 'exchanges' },
  { name: 'help' },
];

function buttonLabelled(message: FakeMessage, prefix: string): string {
  for (const row of message.components) {
    for (const c of (row.components ?? []) as Array<{ label?: string; custom_id?: string }>) {
      if (c.label?.startsWith(prefix) && c.custom_id) return c.custom_id;
    }
  }
  throw new Error(`no button starting "${prefix}" in: ${JSON.stringify(message.components)}`);
}

async function choicesOffered(run: { ack: Promise<{ type: number; data?: Record<string, unknown> }> }): Promise<unknown[]> {
  const ack = await run.ack;
  expect(ack.type).toBe(8);
  return (ack.data?.choices ?? []) as unknown[];
}

describe('a server Keyward is not enabled in', () => {
  it('gets every command refused privately, before any form opens', async () => {
    const user = newUser(h);
    for (const command of EVERY_COMMAND) {
      const run = await h.discord.slash({ userId: user, guildId: OTHER_GUILD, ...command });
      await expectRefusal(run, said('GUILD_NOT_ALLOWED'));
    }
    expect(await storedKeys(h, user)).toEqual([]);
  });

  it("gets no autocomplete suggestions, not even the names of the user's own keys, while the allowed server gets them", async () => {
    const user = newUser(h);
    await h.connect(user, 'binance', h.key('binance').typed);
    const suggest = (guildId: string, name: string, focused: string, subcommand?: string) =>
      h.discord.autocomplete({ userId: user, guildId, name, subcommand, focused, value: '' });
    expect(await choicesOffered(await suggest(OTHER_GUILD, 'connect', 'exchange'))).toEqual([]);
    expect(await choicesOffered(await suggest(OTHER_GUILD, 'keys', 'key', 'remove'))).toEqual([]);
    expect(JSON.stringify(await choicesOffered(await suggest(GUILD, 'connect', 'exchange')))).toContain('"okx"');
    expect(JSON.stringify(await choicesOffered(await suggest(GUILD, 'keys', 'key', 'remove')))).toContain('"binance/main"');
  });

  it('cannot submit a form that was opened in the allowed server, which stays usable there', async () => {
    const user = newUser(h);
    const { key, typed } = h.key('okx');
    const opened = await h.discord.slash({ userId: user, guildId: GUILD, name: 'connect', options: { exchange: 'okx' } });
    const formId = String((await settled(opened)).modal!.custom_id);
    const before = exchangeRequests(h, 'okx');
    const { run } = await submitForm(h, user, formId, typed, OTHER_GUILD);
    await expectRefusal(run, said('GUILD_NOT_ALLOWED'));
    expect(exchangeRequests(h, 'okx')).toBe(before);
    expect(await storedKeys(h, user)).toEqual([]);
    const { reply } = await submitForm(h, user, formId, typed);
    expect(textOf(reply)).toContain(key.apiKey.slice(-4));
  });
});

describe('places outside the server', () => {
  it('refuses a command made available by a personal (user) install, in the server and in private chats', async () => {
    const user = newUser(h);
    const inServer = await h.discord.slash({ userId: user, guildId: GUILD, userInstall: true, name: 'connect', options: { exchange: 'okx' } });
    await expectRefusal(inServer, said('CONTEXT_NOT_ALLOWED'));
    const inPrivateChat = await h.discord.slash({ userId: user, userInstall: true, privateChannel: true, name: 'connect', options: { exchange: 'okx' } });
    await expectRefusal(inPrivateChat, said('CONTEXT_NOT_ALLOWED'));
  });

  it('refuses every command sent in its DM, even from a user it has never met', async () => {
    const stranger = newUser(h);
    for (const command of EVERY_COMMAND) {
      const run = await h.discord.slash({ userId: stranger, ...command });
      await expectRefusal(run, said('CONTEXT_NOT_ALLOWED'));
    }
  });

  it("offers no autocomplete suggestions in its DM, not even the user's own keys", async () => {
    const user = newUser(h);
    await h.connect(user, 'binance', h.key('binance').typed);
    const exchanges = await h.discord.autocomplete({ userId: user, name: 'connect', focused: 'exchange', value: 'ok' });
    expect(await choicesOffered(exchanges)).toEqual([]);
    const keys = await h.discord.autocomplete({ userId: user, name: 'keys', subcommand: 'remove', focused: 'key', value: '' });
    expect(await choicesOffered(keys)).toEqual([]);
  });
});

describe('buttons in DMs', () => {
  it('work for the user Keyward sent them to, and are refused to anyone else wherever they press them', async () => {
    const alice = newUser(h);
    const bob = newUser(h);
    await h.connect(alice, 'binance', h.key('binance').typed);
    clock.advance(77 * DAY); // the first rotation reminder falls 14 days before the 90-day due date
    await h.app.scheduler.tick();
    const dm = await h.discord.waitFor(() => h.discord.dms(alice).find((m) => m.components.length > 0));
    const rotate = buttonLabelled(dm, 'Rotate');

    await expectRefusal(await h.press(bob, rotate, { guildId: null }), said('LINK_NOT_YOURS'));
    await expectRefusal(await h.press(bob, rotate), said('LINK_NOT_YOURS'));

    const snooze = await h.press(alice, buttonId(dm, 'Snooze 7 days'), { guildId: null });
    expect(textOf(await settled(snooze))).toContain('Snoozed');
    // binance takes key pairs Keyward creates: Rotate first offers that, or the paste form
    const choice = await settled(await h.press(alice, rotate, { guildId: null }));
    expect(hasButton(choice, PASTE_LABEL)).toBe(true);
    expect(choice.privateToUser).toBe(true);
    expect(await storedKeys(h, alice)).toEqual(['binance/main']);
  });

  it('refuse a button that was made for a server reply, which changes nothing and stays usable in the server', async () => {
    const alice = newUser(h);
    await h.connect(alice, 'binance', h.key('binance').typed);
    const balance = await h.command(alice, 'balance');
    await expectRefusal(await h.press(alice, buttonId(balance.reply, 'Refresh'), { guildId: null }), said('CONTEXT_NOT_ALLOWED'));

    const question = await h.command(alice, 'keys', 'remove', { key: 'binance/main' });
    const remove = buttonId(question.reply, 'Remove');
    await expectRefusal(await h.press(alice, remove, { guildId: null }), said('CONTEXT_NOT_ALLOWED'));
    expect(await storedKeys(h, alice)).toEqual(['binance/main']);
    await settled(await h.press(alice, remove));
    expect(await storedKeys(h, alice)).toEqual([]);
  });

  it('refuse a server form submitted from a DM, which stores nothing and stays usable in the server', async () => {
    const alice = newUser(h);
    const { key, typed } = h.key('okx');
    const opened = await h.discord.slash({ userId: alice, guildId: GUILD, name: 'connect', options: { exchange: 'okx' } });
    const formId = String((await settled(opened)).modal!.custom_id);
    const before = exchangeRequests(h, 'okx');
    await expectRefusal((await submitForm(h, alice, formId, typed, null)).run, said('CONTEXT_NOT_ALLOWED'));
    expect(exchangeRequests(h, 'okx')).toBe(before);
    expect(await storedKeys(h, alice)).toEqual([]);
    const { reply } = await submitForm(h, alice, formId, typed);
    expect(textOf(reply)).toContain(key.apiKey.slice(-4));
    expect(await storedKeys(h, alice)).toEqual(['okx/main']);
  });
});

describe('with a required role', () => {
  const r = useKeyward({ env: { REQUIRED_ROLE_ID: ROLE } });

  it('refuses a member without the role before any form, and opens the form for a member with it', async () => {
    const without = newUser(r);
    const refused = await r.discord.slash({ userId: without, guildId: GUILD, roles: [], name: 'connect', options: { exchange: 'okx' } });
    await expectRefusal(refused, said('ROLE_REQUIRED'));

    const member = newUser(r);
    const opened = await r.discord.slash({ userId: member, guildId: GUILD, roles: [ROLE], name: 'connect', options: { exchange: 'okx' } });
    const reply = await settled(opened);
    expect(reply.modal?.title).toContain('OKX');
    expect(openedForm(opened)).toBe(true);
  });

  it('checks the role again when a form comes back: a member who lost it stores nothing', async () => {
    const member = newUser(r);
    const { typed } = r.key('okx');
    const opened = await r.discord.slash({ userId: member, guildId: GUILD, roles: [ROLE], name: 'connect', options: { exchange: 'okx' } });
    const formId = String((await settled(opened)).modal!.custom_id);
    const before = exchangeRequests(r, 'okx');
    const run = await r.discord.modalSubmit({ userId: member, guildId: GUILD, roles: [], customId: formId, fields: typed });
    await expectRefusal(run, said('ROLE_REQUIRED'));
    expect(exchangeRequests(r, 'okx')).toBe(before);
    expect(await storedKeys(r, member)).toEqual([]);
  });

  it('offers no autocomplete suggestions to a member without the role', async () => {
    const without = newUser(r);
    const run = await r.discord.autocomplete({ userId: without, guildId: GUILD, roles: [], name: 'connect', focused: 'exchange', value: 'ok' });
    expect(await choicesOffered(run)).toEqual([]);
    const member = newUser(r);
    const allowed = await r.discord.autocomplete({ userId: member, guildId: GUILD, roles: [ROLE], name: 'connect', focused: 'exchange', value: 'ok' });
    expect(JSON.stringify(await choicesOffered(allowed))).toContain('"okx"');
  });
});
