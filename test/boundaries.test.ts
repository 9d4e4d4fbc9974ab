import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('..', import.meta.url).pathname;
const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? files(join(dir, f)) : f.endsWith('.ts') ? [join(dir, f)] : []));

/** Each library and the only folders that may load it (biome.json states the same for static imports). */
const HOMES: Array<{ library: RegExp; homes: string[] }> = [
  { library: /^(discord\.js|@discordjs\/)/, homes: ['src/discord/', 'commands/'] },
  { library: /^ccxt(\/|$)/, homes: ['src/exchanges/'] },
  { library: /^libsodium-wrappers(\/|$)/, homes: ['src/vault/'] },
  { library: /^(keyv|@keyv\/|pg|redis|@redis\/|ioredis)(\/|$)/, homes: ['src/store/'] },
];

describe('import boundaries the linter cannot see', () => {
  it('no dynamic import() or import("…") type loads discord.js, ccxt, libsodium or a storage engine outside its folder', () => {
    const sources = [...files(join(ROOT, 'src')), ...files(join(ROOT, 'commands'))];
    expect(sources.length).toBeGreaterThan(50);
    const offenders: string[] = [];
    for (const file of sources) {
      const path = relative(ROOT, file);
      for (const [, name] of readFileSync(file, 'utf8').matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) {
        const rule = HOMES.find((h) => h.library.test(name!));
        if (rule && !rule.homes.some((home) => path.startsWith(home))) offenders.push(`${path}: ${name}`);
      }
    }
    expect(offenders).toEqual([]);
  });
});
