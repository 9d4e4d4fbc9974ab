/** Checks rendered embeds against Discord's limits, measured on the JSON that would be sent. */
import type { EmbedBuilder } from 'discord.js';
import { expect } from 'vitest';

const chars = (v: string | undefined): number => (v === undefined ? 0 : Math.max(v.length, [...v].length));

/** Fails the test when any embed or their sum breaks one of Discord's limits. */
export function expectWithinDiscordLimits(embeds: readonly EmbedBuilder[]): void {
  expect(embeds.length).toBeGreaterThan(0);
  expect(embeds.length).toBeLessThanOrEqual(10);
  let total = 0;
  for (const embed of embeds) {
    const json = embed.toJSON();
    expect(chars(json.title)).toBeLessThanOrEqual(256);
    expect(chars(json.description)).toBeLessThanOrEqual(4096);
    expect(chars(json.footer?.text)).toBeLessThanOrEqual(2048);
    expect(chars(json.author?.name)).toBeLessThanOrEqual(256);
    const fields = json.fields ?? [];
    expect(fields.length).toBeLessThanOrEqual(25);
    for (const field of fields) {
      expect(chars(field.name)).toBeGreaterThan(0);
      expect(chars(field.name)).toBeLessThanOrEqual(256);
      expect(chars(field.value)).toBeGreaterThan(0);
      expect(chars(field.value)).toBeLessThanOrEqual(1024);
      total += chars(field.name) + chars(field.value);
    }
    total += chars(json.title) + chars(json.description) + chars(json.footer?.text) + chars(json.author?.name);
  }
  expect(total).toBeLessThanOrEqual(6000);
}

/** Every piece of text a user could read, joined, for assertions about wording. */
export function textOf(embeds: readonly EmbedBuilder[]): string {
  return embeds.map((e) => {
    const j = e.toJSON();
    return [j.title, j.description, j.author?.name, j.footer?.text, ...(j.fields ?? []).flatMap((f) => [f.name, f.value])].filter(Boolean).join('\n');
  }).join('\n');
}

/** An `@` that Discord could read as a mention: one not escaped with a backslash. */
export const UNESCAPED_AT = /(^|[^\\])@/m;
