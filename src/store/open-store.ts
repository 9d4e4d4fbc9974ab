import { existsSync } from 'node:fs';
import type { Clock } from '../clock.js';
import { AppError } from '../errors.js';
import type { Backend } from './backends/backend.js';
import { sqlitePath } from './backends/sqlite.js';
import { describeStoreUrl, storeOpenFailure } from './open-failure.js';
import { Store, type StoreOptions } from './store.js';

/** Opens the store named by STORE_URL: sqlite:// (the default), redis:// or postgres://. */
export async function openStore(url: string, clock: Clock, opts: StoreOptions = {}): Promise<Store> {
  try {
    return new Store(await openBackend(url, clock), clock, opts);
  } catch (err) {
    throw storeOpenFailure(err, describeStoreUrl(url, url.startsWith('sqlite:') ? sqlitePath(url) : undefined));
  }
}

// Each engine's client is imported only when it is the one configured: a SQLite bot never loads
// the Redis and Postgres clients (start-up time and idle memory).
async function openBackend(url: string, clock: Clock): Promise<Backend> {
  const scheme = url.split(':', 1)[0]?.toLowerCase() ?? '';
  if (scheme === 'sqlite') return (await import('./backends/sqlite.js')).openSqliteBackend(url, clock);
  if (scheme === 'redis' || scheme === 'rediss') return (await import('./backends/redis.js')).openRedisBackend(url, clock);
  if (scheme === 'postgres' || scheme === 'postgresql') return (await import('./backends/postgres.js')).openPostgresBackend(url, clock);
  throw new AppError('STORE_URL_UNSUPPORTED', { scheme });
}

/** False when STORE_URL names a SQLite file that does not exist yet: read-only tools then open nothing. */
export function storeExists(url: string): boolean {
  return !/^sqlite:/i.test(url) || existsSync(sqlitePath(url));
}
