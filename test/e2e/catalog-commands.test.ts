import { describe, expect, it } from 'vitest';
import { HELP_TOPICS } from '../../src/discord/render/help.js';
import type { JsonObject } from '../fakes/discord/index.js';
import { GUILD, buttonId, settled, textOf, useKeyward } from './harness.js';

const h = useKeyward();

/** A user of their own, so no test leans on another's state. */
function newUser(n: number): string {
  const id = `50000000000000000${n}`;
  h.discord.addUser({ id });
  return id;
}

const fieldNames = (embed: JsonObject | undefined) => ((embed?.fields ?? []) as Array<{ name: string }>).map((f) => f.name);

describe('/exchanges', () => {
  it('lists the supported exchanges a page at a time, and Next shows the following page', async () => {
    const user = newUser(1);
    const { reply } = await h.command(user, 'exchanges');
    expect(reply.privateToUser).toBe(true);
    const first = textOf(reply);
    expect(first).toMatch(/\*\*Binance\*\* \(binance\) — API key \+ Secret key/);
    expect(first).toMatch(/\*\*OKX\*\* \(okx\) — API key \+ Secret key \+ Passphrase/);
    expect(reply.embeds[0]?.footer?.text).toMatch(/^Page 1\/\d+$/);
    const next = await h.discord.button({ userId: user, customId: buttonId(reply, 'Next ▶'), messageId: reply.id });
    const second = await next.waitForReply((m) => /^Page 2\//.test(m.embeds[0]?.footer?.text ?? ''));
    expect(second.privateToUser).toBe(true);
    expect(textOf(second)).not.toContain('**Binance** (binance)');
    expect(next.callbacks[0]?.type).toBe(7);
  });

  it("shows OKX's fields and notes for search:okx", async () => {
    const { reply } = await h.command(newUser(2), 'exchanges', undefined, { search: 'okx' });
    const embed = reply.embeds[0];
    expect(embed?.title).toBe('OKX');
    expect(fieldNames(embed).slice(0, 3)).toEqual(['API key', 'Secret key 🔒', 'Passphrase 🔒']);
    expect(fieldNames(embed)).toContain('Good to know');
    expect(textOf(reply)).toContain('Demo-trading keys work only in demo mode');
  });

  it('says when a search matches nothing', async () => {
    const { reply } = await h.command(newUser(3), 'exchanges', undefined, { search: 'qwzxvb' });
    expect(textOf(reply)).toContain('No exchange matches “qwzxvb”');
    expect(reply.components).toEqual([]);
  });
});

describe('/help', () => {
  it('lists every guide when no topic is given', async () => {
    const { reply } = await h.command(newUser(4), 'help');
    expect(reply.privateToUser).toBe(true);
    const text = textOf(reply);
    for (const topic of HELP_TOPICS.filter((t) => t.value !== 'commands')) expect(text).toContain(`/help topic:${topic.value}`);
  });

  it('renders each topic as its own guide', async () => {
    const user = newUser(5);
    const titles = new Set<string>();
    for (const topic of HELP_TOPICS) {
      const { reply } = await h.command(user, 'help', undefined, { topic: topic.value });
      expect(reply.embeds, topic.value).toHaveLength(1);
      expect(String(reply.embeds[0]?.description ?? '').length, topic.value).toBeGreaterThan(40);
      titles.add(String(reply.embeds[0]?.title));
    }
    expect(titles.size).toBe(HELP_TOPICS.length);
  });
});

describe('/connect and its exchange option', () => {
  it('refuses an exchange it does not know, naming the closest ones, before any form opens', async () => {
    const { run, reply } = await h.command(newUser(6), 'connect', undefined, { exchange: 'binanse' });
    expect(run.callbacks.map((c) => c.type)).toEqual([4]);
    expect(reply.privateToUser).toBe(true);
    expect(reply.content).toMatch(/^No exchange called "binanse"\. Did you mean: Binance \(binance\)/);
  });

  it('suggests at most 25 exchanges, most used first, binance first for an empty query', async () => {
    const run = await h.discord.autocomplete({ userId: newUser(7), guildId: GUILD, name: 'connect', focused: 'exchange', value: '' });
    const ack = await run.ack;
    expect(ack.type).toBe(8);
    const choices = (ack.data?.choices ?? []) as Array<{ name: string; value: string }>;
    expect(choices.length).toBeGreaterThan(5);
    expect(choices.length).toBeLessThanOrEqual(25);
    expect(choices.slice(0, 3).map((c) => c.value)).toEqual(['binance', 'bybit', 'okx']);
    const typed = await h.discord.autocomplete({ userId: newUser(8), guildId: GUILD, name: 'connect', focused: 'exchange', value: 'kuc' });
    expect(((await typed.ack).data?.choices as Array<{ value: string }>).map((c) => c.value).slice(0, 2)).toEqual(['kucoin', 'kucoinfutures']);
  });

  it("labels each choice with the exchange's name alone, and offers only names that start or contain what was typed", async () => {
    const run = await h.discord.autocomplete({ userId: newUser(10), guildId: GUILD, name: 'connect', focused: 'exchange', value: 'okx' });
    const choices = (await run.ack).data?.choices as Array<{ name: string; value: string }>;
    expect(choices).toContainEqual({ name: 'MyOKX (EEA)', value: 'myokx' });
    expect(choices.find((c) => c.value === 'okx')?.name).toBe('OKX');
    for (const c of choices) expect(c.name).not.toMatch(/\).*\(/);
    const bin = await h.discord.autocomplete({ userId: newUser(11), guildId: GUILD, name: 'connect', focused: 'exchange', value: 'bin' });
    const names = ((await bin.ack).data?.choices as Array<{ name: string }>).map((c) => c.name);
    expect(names[0]).toBe('Binance');
    expect(names).not.toContain('Indodax');
    expect(names.length).toBeLessThanOrEqual(10);
  });

  it('opens the form for a known exchange', async () => {
    const opened = await h.discord.slash({ userId: newUser(9), guildId: GUILD, name: 'connect', options: { exchange: 'okx' } });
    expect((await settled(opened)).modal?.title).toContain('OKX');
  });
});
