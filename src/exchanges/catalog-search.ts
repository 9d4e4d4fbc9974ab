/**
 * Matching what a user types against exchange names: autocomplete wants the best few as they
 * type, "did you mean" wants the nearest names to a typo. Pure functions over prepared items.
 */
import type { CatalogEntry } from './catalog.js';

/** One entry with the strings a user might type for it, folded once when the catalog is built. */
export interface SearchItem {
  entry: CatalogEntry;
  /** folded id, display name and aliases */
  terms: string[];
  /** the separate words of the name and aliases */
  words: string[];
}

/** Folds case, accents, punctuation and spaces so "Gate.io", "gate io" and "GATEIO" compare equal. */
export function fold(text: string): string {
  return text
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/** Prepares an entry for matching; aliases are extra names such as former brands. */
export function toSearchItem(entry: CatalogEntry, aliases: readonly string[]): SearchItem {
  const names = [entry.id, entry.name, ...aliases];
  const words = names.flatMap((n) =>
    n
      .normalize('NFKD')
      .toLowerCase()
      .split(/[^a-z0-9]+/),
  );
  return { entry, terms: unique(names.map(fold)), words: unique(words) };
}

const Tier = { exact: 0, prefix: 1, word: 2, substring: 3, fuzzy: 4 } as const;

/** Best matches first: exact > prefix > word prefix > substring, then by rank; typo-tolerant only when none of those match. */
export function matchItems(items: readonly SearchItem[], query: string, limit: number): CatalogEntry[] {
  const q = fold(query);
  if (!q) return items.slice(0, limit).map((i) => i.entry);
  const scored: { entry: CatalogEntry; tier: number; distance: number }[] = [];
  const maxTypos = q.length <= 2 ? -1 : q.length <= 5 ? 1 : 2;
  for (const item of items) {
    const tier = directTier(item, q);
    if (tier !== undefined) {
      scored.push({ entry: item.entry, tier, distance: 0 });
      continue;
    }
    const distance = Math.min(...item.terms.map((t) => typoDistance(q, t)));
    if (distance <= maxTypos) scored.push({ entry: item.entry, tier: Tier.fuzzy, distance });
  }
  // typos only when nothing matches as typed: "bin" must not bring "Indodax" along with Binance
  const direct = scored.filter((s) => s.tier !== Tier.fuzzy);
  return (direct.length > 0 ? direct : scored)
    .sort((a, b) => a.tier - b.tier || a.distance - b.distance || a.entry.rank - b.entry.rank)
    .slice(0, limit)
    .map((s) => s.entry);
}

/** The names nearest to a query that matched nothing, for a "did you mean" line. */
export function nearestItems(items: readonly SearchItem[], query: string, n: number): CatalogEntry[] {
  const q = fold(query);
  if (!q) return [];
  const threshold = Math.max(2, Math.floor(q.length / 3));
  return items
    .map((item) => ({ entry: item.entry, distance: Math.min(...item.terms.map((t) => nearness(q, t))) }))
    .filter((s) => s.distance <= threshold)
    .sort((a, b) => a.distance - b.distance || a.entry.rank - b.entry.rank)
    .slice(0, n)
    .map((s) => s.entry);
}

function directTier(item: SearchItem, q: string): number | undefined {
  if (item.terms.includes(q)) return Tier.exact;
  if (item.terms.some((t) => t.startsWith(q))) return Tier.prefix;
  if (item.words.some((w) => w.startsWith(q))) return Tier.word;
  if (item.terms.some((t) => t.includes(q))) return Tier.substring;
  return undefined;
}

/** Typos against the whole name or against its start, so "bianance" and "bnan" both find binance. */
function typoDistance(q: string, term: string): number {
  return Math.min(editDistance(q, term), prefixDistance(q, term));
}

/**
 * For "did you mean": a typo in a whole name beats a typo in the start of a longer one, and a
 * query that contains a whole name ("coinbasepro") is near that name.
 */
function nearness(q: string, term: string): number {
  const contained = term.length >= 3 && q.includes(term) ? 2 : Infinity;
  return Math.min(contained, editDistance(q, term), prefixDistance(q, term) + 1);
}

function prefixDistance(q: string, term: string): number {
  let best = Infinity;
  for (const len of [q.length - 1, q.length, q.length + 1]) {
    if (len > 0 && len < term.length) best = Math.min(best, editDistance(q, term.slice(0, len)));
  }
  return best;
}

/** Edits (insert, delete, substitute, swap two neighbours) to turn a into b. */
function editDistance(a: string, b: string): number {
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    const row: number[] = [i];
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) {
        row.push(j);
        continue;
      }
      const prev = rows[i - 1] as number[];
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min((prev[j] as number) + 1, (row[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d = Math.min(d, ((rows[i - 2] as number[])[j - 2] as number) + 1);
      }
      row.push(d);
    }
    rows.push(row);
  }
  return (rows[a.length] as number[])[b.length] as number;
}

function unique(values: string[]): string[] {
  return [...new Set(values.filter(Boolean))];
}
