import type { Clock } from '../clock.js';
import { AppError } from '../errors.js';
import type { Backend } from './backends/backend.js';
import { openPostgresBackend } from './backends/postgres.js';
import { openRedisBackend } from './backends/redis.js';
import { openSqliteBackend } from './backends/sqlite.js';
import { Store, type StoreOptions } from './store.js';

/** Opens the store named by STORE_URL: sqlite:// (the default), redis:// or postgres://. */
export async function openStore(url: string, clock: Clock, opts: StoreOptions = {}): Promise<Store> {
  return new Store(await openBackend(url, clock), clock, opts);
}

async function openBackend(url: string, clock: Clock): Promise<Backend> {
  const scheme = url.split(':', 1)[0]?.toLowerCase() ?? '';
  if (scheme === 'sqlite') return openSqliteBackend(url, clock);
  if (scheme === 'redis' || scheme === 'rediss') return openRedisBackend(url, clock);
  if (scheme === 'postgres' || scheme === 'postgresql') return openPostgresBackend(url, clock);
  throw new AppError('STORE_URL_UNSUPPORTED', { scheme });
}
