/** /exchanges: which exchanges can be connected and what each one's key needs. */
import { EmbedBuilder } from 'discord.js';
import type { CatalogEntry } from '../../exchanges/index.js';
import { bullets, COLOURS, plural, safe, truncate } from './format.js';
import { clampPage, field, fitLines, FOOTER_ROOM, LIMITS, packLines, pageLabel, shrinkFields, type Field, type Page } from './paging.js';

const FULL_CHECK =
  'A full check: the exchange has a call that describes a key, and Keyward reads from it whatever the exchange reports ' +
  '(permissions, IP binding, expiry). The notes below say what this exchange leaves out.';
const BASIC_CHECK =
  'This exchange documents no call that describes a key. Keyward confirms the key works and reads the balance; ' +
  'whether it may trade or withdraw stays unknown unless the exchange says so in an error.';

/** Exchanges per page: a screenful, whatever the length of their lines. */
const PER_PAGE = 20;

function entryLine(e: CatalogEntry): string {
  const name = `**${safe(e.name, 80)}** (${safe(e.id, 40)})`;
  if (!e.supported) return `🚫 ${name} — not supported: ${safe(e.unsupportedReason ?? 'Keyward cannot check its keys.', 200)}`;
  const fields = e.fields.map((f) => safe(f.label, 40)).join(' + ');
  return `${name} — ${fields}${e.walletBased ? ' (wallet-based)' : ''}${e.fullCheck ? ' · full check' : ''}`;
}

/**
 * One page (0-based, clamped) of exchanges: the fields each one's key needs, unsupported ones
 * marked with their reason. `entries` are already the matches for `query`, which only titles the list.
 */
export function renderExchangeList(entries: CatalogEntry[], query: string | undefined, page: number): Page {
  const title = query ? truncate(`Exchanges matching “${safe(query, 100)}”`, LIMITS.title) : 'Exchanges';
  const supported = entries.filter((e) => e.supported).length;
  const header =
    entries.length === 0
      ? `No exchange matches${query ? ` “${safe(query, 100)}”` : ''}. Try a shorter name, or /exchanges without a search.`
      : `${plural(entries.length, 'exchange')}, ${supported} of them can be connected. “Full check”: Keyward reads what a key may do. Details: /exchanges search:<name>.`;
  const pages = packLines(entries.map(entryLine), LIMITS.description - header.length - 2, PER_PAGE);
  const current = clampPage(page, pages.length);
  const lines = pages[current] ?? [];
  const embed = new EmbedBuilder()
    .setColor(COLOURS.neutral)
    .setTitle(title)
    .setDescription(lines.length > 0 ? `${header}\n\n${lines.join('\n')}` : header);
  const label = pageLabel(current, pages.length);
  if (label) embed.setFooter({ text: label });
  return { embeds: [embed], page: current, pageCount: pages.length };
}

/** Everything a trader needs before making a key: each field with its hint, pitfalls, where to create it, look-alikes. */
export function renderExchangeDetail(entry: CatalogEntry): EmbedBuilder[] {
  const name = safe(entry.name, 200);
  const description = entry.supported
    ? `Connect it with /connect exchange:${safe(entry.id, 40)}. The private form asks for the fields below; 🔒 marks secrets, which Keyward stores encrypted and never shows again.`
    : `Keyward cannot connect ${name}: ${safe(entry.unsupportedReason ?? 'its keys cannot be checked.', 1000)}`;
  const fields: Field[] = entry.fields.map((f) =>
    field(`${safe(f.label, 100)}${f.sensitive ? ' 🔒' : ''}`, `${safe(f.hint, 800)}${f.multiline ? '\nA multi-line PEM block is accepted.' : ''}`),
  );
  if (entry.supported) fields.push(field('What Keyward checks', entry.fullCheck ? FULL_CHECK : BASIC_CHECK));
  if (entry.createKeyPath) fields.push(field('Where to create a key', safe(entry.createKeyPath, 500)));
  if (entry.notes.length > 0) {
    fields.push(
      field(
        'Good to know',
        fitLines(
          entry.notes.map((n) => `• ${safe(n, 500)}`),
          LIMITS.fieldValue,
          (hidden) => `…and ${plural(hidden, 'more note')}`,
        ),
      ),
    );
  }
  if (entry.siblings.length > 0) {
    fields.push(
      field(
        'Not the same as',
        `${bullets(entry.siblings.slice(0, 10).map((s) => safe(s, 40)))}\nA key made on one of these does not work here, and the other way round.`,
      ),
    );
  }
  if (entry.sandbox) fields.push(field('Test network', 'This exchange has a test network. Its keys work only if the server operator points Keyward at it.'));
  const title = truncate(entry.supported ? name : `${name} — not supported`, LIMITS.title);
  const footer = `ccxt id: ${safe(entry.id, 40)}`;
  const budget = LIMITS.total - title.length - description.length - footer.length;
  return [
    new EmbedBuilder()
      .setColor(entry.supported ? COLOURS.neutral : COLOURS.failure)
      .setTitle(title)
      .setDescription(description)
      .addFields(shrinkFields(fields, budget).slice(0, LIMITS.fields))
      .setFooter({ text: truncate(footer, FOOTER_ROOM) }),
  ];
}
