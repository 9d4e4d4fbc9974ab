/** Small formatting helpers every renderer shares, so numbers, dates and names look the same everywhere. */
import type { Tri } from '../../exchanges/index.js';

/** Embed colours: the colour alone tells a user whether to relax, look closer, or act. */
export const COLOURS = {
  ok: 0x57f287,
  warning: 0xf0b232,
  failure: 0xed4245,
  neutral: 0x5865f2,
} as const;

/** The emoji for a permission, so a column of checks reads at a glance. */
export const TRI_MARK: Readonly<Record<Tri, string>> = { yes: '✅', no: '❌', unknown: '❔' };

const TRI_WORD: Readonly<Record<Tri, string>> = { yes: 'yes', no: 'no', unknown: 'not reported' };

/** "yes", "no", "not reported": an unknown is never shown as a guess. Paired with TRI_MARK for "✅ yes". */
export function triWord(value: Tri): string {
  return TRI_WORD[value];
}

/** A date that Discord shows in the reader's own time zone and language. */
export function dateStamp(ms: number): string {
  return `<t:${Math.floor(ms / 1000)}:D>`;
}

/** "in 3 days" / "2 hours ago", kept current by Discord itself. */
export function relativeStamp(ms: number): string {
  return `<t:${Math.floor(ms / 1000)}:R>`;
}

/** Both at once: the date for certainty, the distance for urgency. */
export function dateWithRelative(ms: number): string {
  return `${dateStamp(ms)} (${relativeStamp(ms)})`;
}

const usdFormat = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });
const amountFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 8 });
const SMALLEST_AMOUNT = 1e-8;

/** "$12,345.67"; "< $0.01" so that dust never reads as zero. */
export function usd(value: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  if (value > 0 && value < 0.01) return '< $0.01';
  return usdFormat.format(value);
}

/** An asset quantity with at most 8 decimals and no trailing zeros. */
export function assetAmount(value: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  if (value > 0 && value < SMALLEST_AMOUNT) return '< 0.00000001';
  return amountFormat.format(value);
}

/** "1 other asset" / "3 other assets". */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? singular : pluralForm}`;
}

/**
 * Cuts text to at most `max` UTF-16 units (which also bounds Discord's own count) and marks the cut
 * with an ellipsis; never splits an emoji's surrogate pair.
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 0) return '';
  let cut = max - 1;
  const last = text.charCodeAt(cut - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut -= 1;
  return `${text.slice(0, Math.max(0, cut))}…`;
}

// control characters, line separators, and the invisible marks that hide or reorder text
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is what this pattern is for
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;
const MARKDOWN = /[\\@`*_~|>#<[\]]/g;

/**
 * Makes text that did not come from Keyward inert: no markdown, no mentions, no links, no hidden
 * characters, one line. Everything is escaped, so the reader sees exactly what was typed.
 */
export function sanitize(text: string): string {
  return text.replace(CONTROL, '').replace(MARKDOWN, (c) => `\\${c}`);
}

/** Sanitised and cut to fit: the usual treatment for a name inside a title or field. */
export function safe(text: string, max: number): string {
  return truncate(sanitize(text), max);
}

/** "…ABCD": at most the last four characters of a key, the only part Keyward ever shows. */
export function hintText(keyHint: string): string {
  const tail = keyHint.slice(-4);
  return tail ? `…${sanitize(tail)}` : '(no key hint)';
}

/** "Binance · main …ABCD": how an account is named everywhere. */
export function accountLabel(exchangeName: string, account: string, keyHint?: string): string {
  const base = `${safe(exchangeName, 80)} · ${safe(account, 64)}`;
  return keyHint === undefined ? base : `${base} ${hintText(keyHint)}`;
}

/** A bulleted list, one line per item. */
export function bullets(items: readonly string[]): string {
  return items.map((item) => `• ${item}`).join('\n');
}
