/** Each exchange lives in one profile: the rules that keep it that way. */
import ccxt from 'ccxt';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { profileFor, profiles } from '../../src/exchanges/profiles/index.js';
import { corpus } from '../fixtures/exchanges/index.js';

const SRC = new URL('../../src/', import.meta.url).pathname;
const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? files(join(dir, f)) : f.endsWith('.ts') ? [join(dir, f)] : []));

describe('exchange profiles', () => {
  it('are the only place that branches on an exchange id', () => {
    const ids = new Set(ccxt.exchanges as string[]);
    const offenders = files(SRC)
      .filter((f) => !f.includes(`${join('exchanges', 'profiles')}`))
      .flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/(?:===|!==)\s*'([a-z0-9]+)'/g)].filter((m) => ids.has(m[1]!)).map((m) => `${f}: ${m[0]}`));
    expect(offenders).toEqual([]);
  });

  it("reach past ccxt's typed surface only through ccxt-internals", () => {
    const offenders = files(SRC)
      .filter((f) => f.includes(join('src', 'exchanges')) && !f.endsWith('ccxt-internals.ts') && !f.endsWith('balances.ts'))
      .filter((f) => /as unknown as/.test(readFileSync(f, 'utf8')));
    expect(offenders).toEqual([]);
  });

  it.each([...profiles.keys()])('%s names its sources and has documented fixtures', (id) => {
    expect(profileFor(id).sources?.length).toBeGreaterThan(0);
    expect(corpus[id]?.exchange).toBe(id);
  });

  it("gives every other ccxt exchange the generic profile: a balance call and ccxt's error classes", () => {
    const generic = profileFor('bitvavo');
    expect(generic.readKeyInfo).toBeUndefined();
    expect(generic.classifyError).toBeUndefined();
    expect(profileFor('binanceus').notes?.join(' ')).toMatch(/US residents/);
  });
});
