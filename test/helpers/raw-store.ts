import { createClient } from '@keyv/redis';
import pg from 'pg';
import sqlite3 from 'sqlite3';
import { sqlitePath } from '../../src/store/index.js';

/**
 * Writes a raw value under a store key, bypassing Keyward entirely, as someone with write access to
 * the database could: keyv's own layout (`{"value":…}` under "kw:<key>", or "<prefix>::<key>" on Redis).
 */
export async function rawSet(url: string, key: string, value: unknown): Promise<void> {
  const text = typeof value === 'string' && value.startsWith('!raw:') ? value.slice(5) : JSON.stringify({ value });
  const scheme = url.split(':', 1)[0];
  if (scheme === 'sqlite') {
    const db = new sqlite3.Database(sqlitePath(url));
    await new Promise<void>((resolve, reject) =>
      db.run('INSERT INTO keyv (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value', [`kw:${key}`, text], (e) =>
        e ? reject(e) : resolve(),
      ),
    );
    await new Promise<void>((resolve) => db.close(() => resolve()));
  } else if (scheme === 'redis') {
    const parsed = new URL(url);
    const prefix = parsed.searchParams.get('prefix') ?? 'kw';
    parsed.searchParams.delete('prefix');
    const client = createClient({ url: parsed.toString() });
    await client.connect();
    await client.set(`${prefix}::${key}`, text);
    await client.quit();
  } else {
    const parsed = new URL(url);
    const schema = parsed.searchParams.get('schema') ?? 'public';
    parsed.searchParams.delete('schema');
    const client = new pg.Client({ connectionString: parsed.toString() });
    await client.connect();
    await client.query(`INSERT INTO "${schema}".keyv (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`, [`kw:${key}`, text]);
    await client.end();
  }
}
