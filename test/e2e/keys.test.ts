import { describe, expect, it } from 'vitest';
import { GUILD, buttonId, pasteForm, settled, textOf, useKeyward } from './harness.js';

const h = useKeyward();
let next = 300000000000000001n;
const newUser = () => {
  const id = String(next++);
  h.discord.addUser({ id });
  return id;
};

describe('/keys', () => {
  it('list shows each key with its hint, status, permissions and rotation date, privately', async () => {
    const user = newUser();
    const a = h.key('binance', { ips: ['127.0.0.1', '::ffff:127.0.0.1'] });
    const b = h.key('okx', { spotTrade: false });
    await h.connect(user, 'binance', a.typed);
    await h.connect(user, 'okx', b.typed, 'watch');
    const { reply } = await h.command(user, 'keys', 'list');
    expect(reply.privateToUser).toBe(true);
    const text = textOf(reply);
    expect(text).toContain(`…${a.key.apiKey.slice(-4)}`);
    expect(text).toContain(`…${b.key.apiKey.slice(-4)}`);
    expect(text).toMatch(/Binance · main/);
    expect(text).toMatch(/OKX · watch/);
    expect(text).toMatch(/IP-bound/);
    expect(text).toMatch(/Rotate by <t:\d+:D>/);
  });

  it('test re-checks a key now and reports what changed', async () => {
    const user = newUser();
    const k = h.key('kucoin');
    await h.connect(user, 'kucoin', k.typed);
    h.sim.updateKey('kucoin', k.key.apiKey, { withdraw: true });
    const { run, reply } = await h.command(user, 'keys', 'test', { key: 'kucoin/main' });
    expect(run.callbacks[0]?.type).toBe(5);
    expect(textOf(reply)).toMatch(/withdraw/i);
    expect((await h.app.store.getCredential(user, 'kucoin', 'main'))?.status).toBe('failing');
  });

  it('rotate opens a form, validates the new key, swaps it in and tips to delete the old one', async () => {
    const user = newUser();
    const old = h.key('bybit');
    await h.connect(user, 'bybit', old.typed);
    const opened = await h.discord.slash({ userId: user, guildId: GUILD, name: 'keys', subcommand: 'rotate', options: { key: 'bybit/main' } });
    const modal = await pasteForm(h.discord, user, opened, GUILD);
    const fresh = h.key('bybit');
    const reply = await settled(await h.discord.modalSubmit({ userId: user, guildId: GUILD, customId: modal.custom_id, fields: fresh.typed }));
    const text = textOf(reply);
    expect(text).toContain('rotated');
    expect(text).toContain(old.key.apiKey.slice(-4)); // "delete the old key …ABCD"
    const stored = (await h.app.store.listCredentials(user))[0]!;
    expect(stored.keyHint).toBe(fresh.key.apiKey.slice(-4));
    expect(stored.rotatedAt).toBeGreaterThan(stored.createdAt - 1);
  });

  it('rotate keeps the old key when the new one fails validation', async () => {
    const user = newUser();
    const old = h.key('bybit');
    await h.connect(user, 'bybit', old.typed);
    const before = (await h.app.store.listCredentials(user))[0]!;
    const opened = await h.discord.slash({ userId: user, guildId: GUILD, name: 'keys', subcommand: 'rotate', options: { key: 'bybit/main' } });
    const modal = await pasteForm(h.discord, user, opened, GUILD);
    const revoked = h.key('bybit', { state: 'revoked' });
    const reply = await settled(await h.discord.modalSubmit({ userId: user, guildId: GUILD, customId: modal.custom_id, fields: revoked.typed }));
    expect(textOf(reply)).toContain('Nothing was saved');
    expect((await h.app.store.listCredentials(user))[0]!.sealed).toEqual(before.sealed);
  });

  it('remove asks first, deletes only when confirmed, and tips to revoke the key on the exchange', async () => {
    const user = newUser();
    const k = h.key('gate');
    await h.connectConfirmed(user, 'gate', k.typed);
    const { reply } = await h.command(user, 'keys', 'remove', { key: 'gate/main' });
    expect(textOf(reply)).toContain(k.key.apiKey.slice(-4));
    expect(await h.app.store.listCredentials(user)).toHaveLength(1);
    const done = await settled(await h.press(user, buttonId(reply, 'Remove')));
    expect(textOf(done)).toMatch(/revoke|delete/i);
    expect(await h.app.store.listCredentials(user)).toHaveLength(0);
  });

  it('forget asks first, then leaves nothing of the user behind', async () => {
    const user = newUser();
    await h.connect(user, 'binance', h.key('binance').typed);
    await h.connect(user, 'okx', h.key('okx').typed);
    const { reply } = await h.command(user, 'keys', 'forget');
    await settled(await h.press(user, buttonId(reply, 'Forget everything')));
    expect(await h.app.store.getUser(user)).toBeUndefined();
    expect(await h.app.store.recentAudit(user)).toEqual([]);
  });

  it('audit lists recent events without secrets', async () => {
    const user = newUser();
    const k = h.key('mexc');
    await h.connectConfirmed(user, 'mexc', k.typed);
    await h.connect(user, 'mexc', { ...k.typed, secret: 'f'.repeat(32) }, 'second');
    const { reply } = await h.command(user, 'keys', 'audit');
    const text = textOf(reply);
    expect(text).toMatch(/connect/i);
    expect(text).toMatch(/refused|failed/i);
    expect(text).not.toContain(k.key.secret);
  });

  it('remind changes the rotation period, or turns reminders off', async () => {
    const user = newUser();
    await h.connect(user, 'binance', h.key('binance').typed);
    const before = (await h.command(user, 'keys', 'list')).reply;
    await h.command(user, 'keys', 'remind', { days: '30' });
    const after = (await h.command(user, 'keys', 'list')).reply;
    const due = (m: typeof before) => Number(/Rotate by <t:(\d+):D>/.exec(textOf(m))?.[1]);
    expect(due(before) - due(after)).toBeCloseTo(60 * 86_400, -3);
    const off = await h.command(user, 'keys', 'remind', { days: 'off' });
    expect(textOf(off.reply)).toContain('off');
    expect(textOf((await h.command(user, 'keys', 'list')).reply)).not.toMatch(/Rotate by/);
  });

  it('suggests reminder periods, including any whole number of days from 30 to 365 typed', async () => {
    const user = newUser();
    const typed = await h.discord.autocomplete({ userId: user, guildId: GUILD, name: 'keys', subcommand: 'remind', focused: 'days', value: '45' });
    expect((await typed.ack).data?.choices?.[0]).toEqual({ name: '45 days', value: '45' });
    const empty = await h.discord.autocomplete({ userId: user, guildId: GUILD, name: 'keys', subcommand: 'remind', focused: 'days', value: '' });
    expect(((await empty.ack).data?.choices as Array<{ value: string }>).map((c) => c.value)).toEqual(['30', '60', '90', '180', '365', 'off']);
    await h.command(user, 'keys', 'remind', { days: '400' }).then(({ reply }) => expect(textOf(reply)).toContain('between 30 and 365'));
  });

  it("offers only the user's own keys in autocomplete", async () => {
    const user = newUser();
    const other = newUser();
    await h.connect(user, 'okx', h.key('okx').typed);
    await h.connect(other, 'binance', h.key('binance').typed);
    const run = await h.discord.autocomplete({ userId: user, guildId: GUILD, name: 'keys', subcommand: 'test', focused: 'key', value: '' });
    const ack = await run.ack;
    expect(ack.data?.choices).toEqual([expect.objectContaining({ value: 'okx/main' })]);
  });
});
