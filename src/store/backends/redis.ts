import Keyv from 'keyv';
import KeyvRedis, { createClient } from '@keyv/redis';
import type { Clock } from '../../clock.js';
import { AppError } from '../../errors.js';
import { RedisCoordination, type RedisCommands } from '../redis-coordination.js';
import { retryUntil, type Backend, type CompactResult } from './backend.js';

const CONNECT_TIMEOUT_MS = 5_000;

/**
 * Redis through @keyv/redis. `redis://host:port/db?prefix=name` keeps several deployments apart in
 * one server (default prefix "kw"). Commands fail at once while the server is away (no offline
 * queue, so a user hears "try again" instead of waiting), and the client reconnects by itself.
 */
export async function openRedisBackend(url: string, clock: Clock): Promise<Backend> {
  const parsed = new URL(url);
  const prefix = parsed.searchParams.get('prefix') || 'kw';
  parsed.searchParams.delete('prefix');
  const client = createClient({
    url: parsed.toString(),
    disableOfflineQueue: true,
    socket: { connectTimeout: CONNECT_TIMEOUT_MS, reconnectStrategy: (attempt: number) => Math.min(2 ** attempt * 100, 2_000) },
  });
  client.on('error', () => undefined); // reported by the failing command; reconnection is automatic
  let timer: NodeJS.Timeout | undefined;
  try {
    // the first attempt's error ends the wait: at start the operator needs its reason (refused, WRONGPASS,
    // DB index out of range), not the client's silent retries
    const firstError = new Promise((_, reject) => client.once('error', reject));
    const timeout = new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error('timed out connecting to Redis')), CONNECT_TIMEOUT_MS);
    });
    await Promise.race([client.connect(), firstError, timeout]);
  } catch (err) {
    client.destroy();
    throw new AppError('STORE_UNAVAILABLE', undefined, { cause: err });
  } finally {
    clearTimeout(timer); // a pending timer would hold a finished command-line tool open for 5 s
  }
  const adapter = new KeyvRedis(client as never, { throwOnErrors: true, throwOnConnectError: true });
  adapter.namespace = prefix;
  adapter.on('error', () => undefined);
  const keyv = new Keyv({ store: adapter, namespace: prefix, useKeyPrefix: false, throwOnErrors: true });
  keyv.on('error', () => undefined);
  return {
    kind: 'redis',
    keyv,
    coordination: new RedisCoordination(client as unknown as RedisCommands, prefix, clock),
    compact: (waitMs) => rewritePersistence(client as unknown as RedisAdmin, waitMs),
    async close() {
      // a polite QUIT when connected; never wait on a server that is gone
      if (client.isReady) await Promise.race([client.quit(), new Promise((r) => setTimeout(r, 2_000).unref())]).catch(() => undefined);
      if (client.isOpen) client.destroy();
    },
  };
}

/** The admin commands that rewriting persistence files needs. */
interface RedisAdmin {
  sendCommand(args: string[]): Promise<unknown>;
}

const POLL_MS = 100;

/**
 * Deleted keys live on in Redis's persistence files: the append-only file keeps every write until
 * it is rewritten, an RDB snapshot until the next save. Rewrites whichever is in use (BGREWRITEAOF,
 * then BGSAVE) and waits for them; CONFIG may be disabled on managed servers, which is reported.
 */
async function rewritePersistence(client: RedisAdmin, waitMs: number): Promise<CompactResult> {
  const config = async (name: string) => (await client.sendCommand(['CONFIG', 'GET', name])) as string[] | Record<string, string>;
  let aof: boolean;
  let rdb: boolean;
  try {
    aof = firstValue(await config('appendonly')) === 'yes';
    rdb = (firstValue(await config('save')) ?? '') !== '';
  } catch {
    return {
      clean: false,
      detail:
        'CONFIG is not available on this Redis server, so its persistence files could not be rewritten: ask the provider how deleted keys leave its AOF and RDB files',
    };
  }
  const deadline = Date.now() + waitMs;
  const done: string[] = [];
  if (aof) {
    if (!(await runInBackground(client, ['BGREWRITEAOF'], 'aof_rewrite', deadline)))
      return { clean: false, detail: `the append-only file rewrite did not finish within ${waitMs} ms: it still holds the deleted data` };
    done.push('the append-only file was rewritten');
  }
  if (rdb) {
    if (!(await runInBackground(client, ['BGSAVE'], 'rdb_bgsave', deadline)))
      return { clean: false, detail: `the RDB snapshot did not finish within ${waitMs} ms: the last one still holds the deleted data` };
    done.push('a new RDB snapshot replaced the last one');
  }
  return { clean: true, detail: done.length > 0 ? done.join('; ') : 'persistence is off: the deleted keys are in memory nowhere' };
}

/**
 * Starts a background rewrite that begins after this call and waits for it to succeed. While
 * another one runs, both commands answer with an "in progress" error: that one may predate the
 * delete, so ours is started once it ends. BGREWRITEAOF during an RDB save is scheduled instead
 * (INFO shows aof_rewrite_scheduled until it starts).
 */
async function runInBackground(client: RedisAdmin, command: string[], kind: 'aof_rewrite' | 'rdb_bgsave', deadline: number): Promise<boolean> {
  const started = await retryUntil(deadline - Date.now(), POLL_MS, async () => {
    try {
      await client.sendCommand(command);
      return true;
    } catch (err) {
      if (/in progress/i.test(String((err as Error).message))) return false; // one started before our delete: wait for it, then start ours
      throw err;
    }
  });
  if (!started) return false;
  const status = kind === 'aof_rewrite' ? 'aof_last_bgrewrite_status' : 'rdb_last_bgsave_status';
  let ok = false;
  const finished = await retryUntil(deadline - Date.now(), POLL_MS, async () => {
    const info = parseInfo(String(await client.sendCommand(['INFO', 'persistence'])));
    if (info[`${kind}_in_progress`] !== '0' || (kind === 'aof_rewrite' && info.aof_rewrite_scheduled === '1')) return false;
    ok = info[status] === 'ok';
    return true;
  });
  return finished && ok;
}

function firstValue(reply: string[] | Record<string, string>): string | undefined {
  return Array.isArray(reply) ? reply[1] : Object.values(reply)[0];
}

function parseInfo(text: string): Record<string, string> {
  return Object.fromEntries(
    text
      .split(/\r?\n/)
      .filter((l) => l.includes(':'))
      .map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 1).trim()]),
  );
}
