import { describe, expect, it } from 'vitest';
import { ALICE, BOB, GUILD, buttonId, pasteForm, settled, textOf, useKeyward } from './harness.js';

const h = useKeyward();

describe('/connect', () => {
  it("opens a private form built from the exchange's fields, validates the key and stores it encrypted", async () => {
    const { key, typed } = h.key('okx', { ips: ['127.0.0.1', '::ffff:127.0.0.1'] });
    const opened = await h.discord.slash({ userId: ALICE, guildId: GUILD, name: 'connect', options: { exchange: 'okx' } });
    const modal = (await opened.waitForReply((m) => Boolean(m.modal))).modal!;
    expect(modal.title).toContain('OKX');
    const boxes = JSON.stringify(modal.components);
    for (const label of ['API key', 'Secret key', 'Passphrase']) expect(boxes).toContain(label);
    expect(boxes).toContain('never enable withdrawals');
    const run = await h.discord.modalSubmit({ userId: ALICE, guildId: GUILD, customId: modal.custom_id, fields: typed });
    const reply = await settled(run);
    expect(reply.privateToUser).toBe(true);
    const steps = run.edits.map((m) => m.content ?? '').filter((c) => c.startsWith('⏳'));
    expect(steps[0]).toContain('1/3');
    expect(new Set(steps).size).toBe(steps.length); // no step is sent twice
    const text = textOf(reply);
    expect(text).toContain(key.apiKey.slice(-4));
    expect(text).not.toContain(key.apiKey.slice(0, -4));
    const stored = await h.app.store.listCredentials(ALICE);
    expect(stored.map((c) => `${c.exchange}/${c.account}/${c.status}`)).toEqual(['okx/main/ok']);
  });

  it('offers Replace / Add as another account / Cancel when the account exists, and Add picks a new label', async () => {
    const first = h.key('binance');
    await h.connect(BOB, 'binance', first.typed);
    const again = await h.command(BOB, 'connect', undefined, { exchange: 'binance' });
    expect(textOf(again.reply)).toContain('already have');
    const add = await h.press(BOB, buttonId(again.reply, 'Add as another account'));
    const modal = await pasteForm(h.discord, BOB, add, GUILD);
    const second = h.key('binance');
    const run = await h.discord.modalSubmit({ userId: BOB, guildId: GUILD, customId: modal.custom_id, fields: second.typed });
    await settled(run);
    expect((await h.app.store.listCredentials(BOB)).map((c) => c.account)).toEqual(['main', 'main-2']);
  });
});

describe('/connect when the key fails', () => {
  const CAROL = '100000000000000003';
  const DAVE = '100000000000000004';

  it('shows the verdict with advice and a Try again button that opens a fresh form, and stores nothing', async () => {
    h.discord.addUser({ id: CAROL });
    const { typed } = h.key('bybit');
    const { reply } = await h.connect(CAROL, 'bybit', { ...typed, secret: typed.secret!.replace(/^./, (c) => (c === 'a' ? 'b' : 'a')) });
    const text = textOf(reply);
    expect(text).toContain('secret');
    expect(text).toContain('Nothing was saved');
    expect(await h.app.store.listCredentials(CAROL)).toEqual([]);
    const retry = await h.press(CAROL, buttonId(reply, 'Try again'));
    const modal = (await retry.waitForReply((m) => Boolean(m.modal))).modal!;
    const run = await h.discord.modalSubmit({ userId: CAROL, guildId: GUILD, customId: modal.custom_id, fields: typed });
    await settled(run);
    expect((await h.app.store.listCredentials(CAROL)).map((c) => c.exchange)).toEqual(['bybit']);
  });

  it('refuses a withdraw-enabled key and keeps the working key it would have replaced', async () => {
    h.discord.addUser({ id: DAVE });
    const good = h.key('okx');
    await h.connect(DAVE, 'okx', good.typed);
    const before = (await h.app.store.listCredentials(DAVE))[0]!;
    const again = await h.command(DAVE, 'connect', undefined, { exchange: 'okx' });
    const form = await h.press(DAVE, buttonId(again.reply, 'Replace it'));
    const modal = (await form.waitForReply((m) => Boolean(m.modal))).modal!;
    const risky = h.key('okx', { withdraw: true });
    const reply = await settled(await h.discord.modalSubmit({ userId: DAVE, guildId: GUILD, customId: modal.custom_id, fields: risky.typed }));
    expect(textOf(reply)).toContain('withdraw');
    const after = (await h.app.store.listCredentials(DAVE))[0]!;
    expect(after.sealed).toEqual(before.sealed);
    expect(after.keyHint).toBe(good.key.apiKey.slice(-4));
  });

  it('cancels without changing anything', async () => {
    const erin = '100000000000000005';
    h.discord.addUser({ id: erin });
    await h.connect(erin, 'kraken', h.key('kraken').typed);
    const again = await h.command(erin, 'connect', undefined, { exchange: 'kraken' });
    const cancelled = await h.press(erin, buttonId(again.reply, 'Cancel'));
    expect(textOf(await settled(cancelled))).toContain('Nothing was changed');
    expect(await h.app.store.listCredentials(erin)).toHaveLength(1);
  });

  it('answers an exchange it does not know with the closest names', async () => {
    const { reply } = await h.command(ALICE, 'connect', undefined, { exchange: 'binanse' });
    expect(reply.privateToUser).toBe(true);
    expect(textOf(reply)).toMatch(/No exchange called "binanse"\. Did you mean: .*Binance/);
  });
});
