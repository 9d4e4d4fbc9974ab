import type { CatalogEntry } from '../exchanges/index.js';

/** A name as people read it: case, punctuation and a bracketed region ignored ("MyOKX (EEA)" reads "myokx"). */
const readAs = (name: string) =>
  name
    .toLowerCase()
    .replace(/\(.*?\)/g, '')
    .replace(/[^a-z0-9]/g, '');

/**
 * Autocomplete choices for exchanges: the display name alone, with the id after a dot only where two
 * offered names read alike (never "MyOKX (EEA) (myokx)").
 */
export function exchangeChoices(entries: readonly CatalogEntry[]): Array<{ name: string; value: string }> {
  const seen = new Map<string, number>();
  for (const e of entries) seen.set(readAs(e.name), (seen.get(readAs(e.name)) ?? 0) + 1);
  return entries.map((e) => ({ name: ((seen.get(readAs(e.name)) ?? 0) > 1 ? `${e.name} · ${e.id}` : e.name).slice(0, 100), value: e.id }));
}
