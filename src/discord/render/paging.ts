/**
 * Discord's size limits and the packing that keeps long lists inside them: a list that does not fit
 * one message is split into pages, never cut off silently and never refused by Discord.
 */
import type { EmbedBuilder } from 'discord.js';
import { truncate } from './format.js';

/** Discord's embed limits (characters counted over every embed of one message for `total`). */
export const LIMITS = {
  embeds: 10,
  total: 6000,
  fields: 25,
  title: 256,
  description: 4096,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
} as const;

/** Room kept for a footer like "Page 12/40 · …", so packing never has to know the footer in advance. */
export const FOOTER_ROOM = 200;

/** One embed field, already within its own limits. */
export interface Field {
  name: string;
  value: string;
}

/** What a paginated renderer returns: the embeds of one page, which page that is (0-based, as buttons count), and how many exist. */
export interface Page {
  embeds: EmbedBuilder[];
  page: number;
  pageCount: number;
}

/** A field cut to Discord's limits; empty text becomes a dash, since Discord refuses empty fields. */
export function field(name: string, value: string): Field {
  return { name: truncate(name, LIMITS.fieldName) || '—', value: truncate(value, LIMITS.fieldValue) || '—' };
}

/**
 * Splits fields into pages of at most `perPage` fields whose names and values add up to at most
 * `budget` characters. Always returns at least one page, possibly empty.
 */
export function packFields(fields: readonly Field[], budget: number, perPage: number): Field[][] {
  return pack(fields, (f) => f.name.length + f.value.length, budget, Math.min(perPage, LIMITS.fields));
}

/** Splits lines into pages of at most `perPage` lines that fit `budget` characters once joined by newlines. */
export function packLines(lines: readonly string[], budget: number, perPage: number): string[][] {
  return pack(
    lines.map((l) => truncate(l, budget)),
    (l) => l.length + 1,
    budget + 1,
    perPage,
  );
}

function pack<T>(items: readonly T[], size: (item: T) => number, budget: number, perPage: number): T[][] {
  const pages: T[][] = [[]];
  let used = 0;
  for (const item of items) {
    const current = pages[pages.length - 1]!;
    const n = size(item);
    if (current.length > 0 && (current.length >= perPage || used + n > budget)) {
      pages.push([item]);
      used = n;
    } else {
      current.push(item);
      used += n;
    }
  }
  return pages;
}

/** A requested page (0-based) turned into one that exists: out-of-range and nonsense values land on an edge. */
export function clampPage(page: number, pageCount: number): number {
  if (!Number.isFinite(page)) return 0;
  return Math.min(Math.max(0, Math.trunc(page)), Math.max(0, pageCount - 1));
}

/** "Page 2/5" for the 0-based page 1, or nothing when there is only one page. */
export function pageLabel(page: number, pageCount: number): string {
  return pageCount > 1 ? `Page ${page + 1}/${pageCount}` : '';
}

/** Characters of fields as Discord counts them toward a message's total. */
function fieldsLength(fields: readonly Field[]): number {
  return fields.reduce((n, f) => n + f.name.length + f.value.length, 0);
}

/** Shortens the longest values until the fields fit `budget`, for embeds whose parts are each within limits but not together. */
export function shrinkFields(fields: readonly Field[], budget: number): Field[] {
  const out = fields.map((f) => ({ ...f }));
  for (let excess = fieldsLength(out) - budget; excess > 0; excess = fieldsLength(out) - budget) {
    const longest = out.reduce((a, b) => (b.value.length > a.value.length ? b : a));
    if (longest.value.length <= 1) break;
    longest.value = truncate(longest.value, Math.max(1, longest.value.length - excess, Math.ceil(longest.value.length / 2)));
  }
  return out;
}

/** Lines that fit `max` characters once joined, with a closing note for whatever did not fit. */
export function fitLines(lines: readonly string[], max: number, overflow: (hidden: number) => string): string {
  const kept: string[] = [];
  let used = 0;
  for (const [i, line] of lines.entries()) {
    const rest = lines.length - i - 1;
    const note = rest > 0 ? overflow(rest).length + 1 : 0;
    if (used + line.length + 1 + note > max) {
      kept.push(overflow(lines.length - i));
      return truncate(kept.join('\n'), max);
    }
    kept.push(line);
    used += line.length + 1;
  }
  return truncate(kept.join('\n'), max);
}
