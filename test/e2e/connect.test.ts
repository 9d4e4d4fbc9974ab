import { describe, expect, it } from 'vitest';
import { ALICE, BOB, GUILD, buttonId, settled, textOf, useKeyward } from './harness.js';

const h = useKeyward();

describe('/connect', () => {
  it('opens a private form built from the exchange\'s fields, validates the key and stores it encrypted', async () => {
    const { key, typed } = h.key('okx', { ips: ['127.0.0.1', '::ffff:127.0.0.1'] });
    const opened = await h.discord.slash({ userId: ALICE, guildId: GUILD, name: 'connect', options: { exchange: 'okx' } });
    const modal = (await opened.waitForReply((m) => Boolean(m.modal))).modal!;
    expect(modal.title).toContain('OKX');
    const boxes = JSON.stringify(modal.components);
    for (const label of ['API key', 'Secret key', 'Passphrase']) expect(boxes).toContain(label);
    expect(boxes).toContain('never enable withdrawals');
    const run = await h.discord.modalSubmit({ userId: ALICE, guildId: GUILD, customId: modal.custom_id, fields: typed });
    const reply = await settled(run);
    expect(reply.ephemeral).toBe(true);
    expect(run.edits.some((m) => (m.content ?? '').startsWith('⏳'))).toBe(true);
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
    const modal = (await add.waitForReply((m) => Boolean(m.modal))).modal!;
    const second = h.key('binance');
    const run = await h.discord.modalSubmit({ userId: BOB, guildId: GUILD, customId: modal.custom_id, fields: second.typed });
    await settled(run);
    expect((await h.app.store.listCredentials(BOB)).map((c) => c.account)).toEqual(['main', 'main-2']);
  });
});
