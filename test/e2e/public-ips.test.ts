/** PUBLIC_IPS through the fake Discord: the form, the refusal advice and /help name the addresses, and a check warns about a whitelist that misses one. */
import { describe, expect, it } from 'vitest';
import { ALICE, BOB, GUILD, textOf, useKeyward } from './harness.js';

const ADDRESSES = ['127.0.0.1', '203.0.113.7'];
const h = useKeyward({ env: { PUBLIC_IPS: ADDRESSES.join(',') } });

describe("Keyward's public addresses", () => {
  it('the connect form tells the user exactly which addresses to bind the key to', async () => {
    const opened = await h.discord.slash({ userId: ALICE, guildId: GUILD, name: 'connect', options: { exchange: 'okx' } });
    const modal = (await opened.waitForReply((m) => Boolean(m.modal))).modal!;
    expect(JSON.stringify(modal.components)).toContain("Bind the key to Keyward's addresses: `127.0.0.1` and `203.0.113.7`.");
  });

  it('a key refused for its IP gets advice naming every address to whitelist', async () => {
    const { typed } = h.key('okx', { ips: ['198.51.100.4'] });
    const { reply } = await h.connect(ALICE, 'okx', typed);
    const text = textOf(reply);
    expect(text).toContain('this server is not one of them');
    expect(text).toContain("Add 127.0.0.1 and 203.0.113.7 to the key's whitelist: they are the addresses Keyward's requests come from.");
    expect(await h.app.store.listCredentials(ALICE)).toEqual([]);
  });

  it('a key whose whitelist leaves out one address is stored with a warning naming that address', async () => {
    const { typed } = h.key('bybit', { ips: ['127.0.0.1', '::ffff:127.0.0.1'] });
    const { reply } = await h.connect(BOB, 'bybit', typed);
    const text = textOf(reply);
    expect(text).toContain("The key's IP whitelist leaves out `203.0.113.7`");
    expect(text).not.toContain('leaves out `127.0.0.1`');
    const stored = (await h.app.store.listCredentials(BOB))[0]!;
    expect(stored.warnings).toContain('ip_whitelist_incomplete');
    expect(stored.status).toBe('warning');
    expect(stored.permissions.ipWhitelist).toEqual(['127.0.0.1', '::ffff:127.0.0.1']);
  });

  it('a key bound to every address gets no whitelist warning', async () => {
    const carol = '100000000000000003';
    h.discord.addUser({ id: carol });
    const { typed } = h.key('bybit', { ips: ['127.0.0.1', '203.0.113.7'] });
    const { reply } = await h.connect(carol, 'bybit', typed);
    expect(textOf(reply)).not.toContain('whitelist leaves out');
    expect((await h.app.store.listCredentials(carol))[0]!.warnings).not.toContain('ip_whitelist_incomplete');
  });

  it('/help topic:ip-whitelist lists the addresses', async () => {
    const { reply } = await h.command(ALICE, 'help', undefined, { topic: 'ip-whitelist' });
    expect(textOf(reply)).toContain("Add all 2 of these addresses to the key's whitelist: `127.0.0.1` and `203.0.113.7`.");
  });
});
