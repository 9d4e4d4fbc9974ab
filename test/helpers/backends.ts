import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { describe, it } from 'vitest';
import { createClient } from '@keyv/redis';
import pg from 'pg';

/** A storage engine the suites run against, with a fresh isolated namespace per call. */
export interface BackendCase {
  name: 'sqlite' | 'redis' | 'postgres';
  /** why the suite is skipped, when it is */
  skipped?: string;
  /** a STORE_URL nobody else uses: a new file, Redis prefix or Postgres schema */
  freshUrl(dir: string): string;
  /** removes what freshUrl's namespace left behind in a shared server */
  cleanup(url: string): Promise<void>;
}

const unique = () => `t${randomBytes(6).toString('hex')}`;

export const BACKENDS: BackendCase[] = [
  { name: 'sqlite', freshUrl: (dir) => `sqlite://${join(dir, 'data', `${unique()}.sqlite`)}`, cleanup: async () => undefined },
  {
    name: 'redis',
    skipped: process.env.REDIS_URL ? undefined : 'REDIS_URL not set',
    freshUrl: () => `${process.env.REDIS_URL}?prefix=${unique()}`,
    async cleanup(url) {
      const prefix = new URL(url).searchParams.get('prefix');
      const client = createClient({ url: process.env.REDIS_URL });
      await client.connect();
      for await (const keys of client.scanIterator({ MATCH: `${prefix}:*`, COUNT: 500 })) if (keys.length > 0) await client.del(keys);
      await client.quit();
    },
  },
  {
    name: 'postgres',
    skipped: process.env.POSTGRES_URL ? undefined : 'POSTGRES_URL not set',
    freshUrl: () => `${process.env.POSTGRES_URL}?schema=${unique()}`,
    async cleanup(url) {
      const schema = new URL(url).searchParams.get('schema');
      const client = new pg.Client({ connectionString: process.env.POSTGRES_URL });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await client.end();
    },
  },
];

/** Runs a suite once per storage engine; engines without a server are reported as skipped, by name. */
export function describeEachBackend(title: string, suite: (backend: BackendCase) => void): void {
  for (const backend of BACKENDS) {
    if (backend.skipped) describe.skip(`${title} on ${backend.name} (${backend.skipped})`, () => it('runs when the server is available', () => undefined));
    else describe(`${title} on ${backend.name}`, () => suite(backend));
  }
}
