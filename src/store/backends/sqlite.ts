import { chmod, open, rm, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import Keyv from 'keyv';
import KeyvSqlite from '@keyv/sqlite';
import type { Clock } from '../../clock.js';
import { AppError } from '../../errors.js';
import { makeOwnDirs } from '../../own-dirs.js';
import { SQLITE_COORDINATION_SCHEMA, SqliteCoordination, type SqlQuery } from '../sqlite-coordination.js';
import { isCorruption, retryUntil, type Backend } from './backend.js';

const BUSY_TIMEOUT_MS = 5_000;
const CHECKPOINT_BUSY_MS = 100;
const CHECKPOINT_PAUSE_MS = 200;

/** `sqlite://data/keyward.sqlite` (relative to the working directory) or `sqlite:///abs/path.sqlite`. */
export function sqlitePath(url: string): string {
  return resolve(url.replace(/^sqlite:\/\//, ''));
}

/**
 * SQLite through @keyv/sqlite. A directory Keyward creates is made 0700 and the database and its -wal/-shm files
 * 0600 (a new SQLite file is otherwise 0644 under the usual umask); secure_delete zeroes deleted
 * rows; WAL lets several processes share the file.
 */
export async function openSqliteBackend(url: string, clock: Clock): Promise<Backend> {
  const file = sqlitePath(url);
  await prepareFiles(file);
  const adapter = new KeyvSqlite({ uri: `sqlite://${file}`, busyTimeout: BUSY_TIMEOUT_MS });
  adapter.on('error', () => undefined); // surfaced by the failing call itself (throwOnErrors)
  const query = adapter.query as unknown as SqlQuery;
  try {
    await query('PRAGMA secure_delete = ON');
    await query('PRAGMA journal_mode = WAL');
    await query('PRAGMA synchronous = NORMAL');
    for (const statement of SQLITE_COORDINATION_SCHEMA) await query(statement);
  } catch (err) {
    await adapter.close().catch(() => undefined);
    throw isCorruption(err)
      ? new AppError('STORE_CORRUPT', { what: `${file} is not a valid SQLite database` }, { cause: err })
      : new AppError('STORE_UNAVAILABLE', undefined, { cause: err });
  }
  await tightenModes(file);
  const keyv = new Keyv({ store: adapter, namespace: 'kw', throwOnErrors: true });
  keyv.on('error', () => undefined);
  return {
    kind: 'sqlite',
    keyv,
    coordination: new SqliteCoordination(query, clock),
    async compact(waitMs) {
      // its own connection, with a short busy timeout, so waiting on a reader never stalls the bot's queries
      const checkpointer = new KeyvSqlite({ uri: `sqlite://${file}`, busyTimeout: CHECKPOINT_BUSY_MS });
      checkpointer.on('error', () => undefined);
      try {
        const truncate = checkpointer.query as unknown as SqlQuery;
        const clean = await retryUntil(waitMs, CHECKPOINT_PAUSE_MS, async () => {
          const [row] = (await truncate('PRAGMA wal_checkpoint(TRUNCATE)')) as Array<{ busy: number }>;
          return row?.busy === 0;
        });
        await tightenModes(file);
        return clean
          ? { clean: true, detail: 'the write-ahead log was checkpointed and truncated' }
          : {
              clean: false,
              detail: `another connection kept a read transaction open for ${waitMs} ms: the -wal file still holds the deleted data until a later checkpoint truncates it`,
            };
      } finally {
        await checkpointer.disconnect().catch(() => undefined);
      }
    },
    async snapshot(path: string) {
      await safeBackupDir(dirname(path));
      // VACUUM INTO accepts an empty file: made 0600 first, the copy is never readable by others
      await (await open(path, 'wx', 0o600)).close();
      try {
        await query('VACUUM INTO ?', path);
      } catch (err) {
        await rm(path, { force: true });
        throw err;
      }
    },
    async close() {
      await adapter.disconnect();
    },
  };
}

async function prepareFiles(file: string): Promise<void> {
  try {
    await makeOwnDirs(dirname(file));
    await (await open(file, 'a', 0o600)).close();
  } catch (err) {
    throw new AppError('STORE_UNAVAILABLE', undefined, { cause: err });
  }
}

/** A backup directory must be the user's own and writable by nobody else (who could swap the file). */
async function safeBackupDir(dir: string): Promise<void> {
  await makeOwnDirs(dir);
  const st = await stat(dir);
  const uid = process.getuid?.();
  if (uid !== undefined && st.uid !== uid) throw new AppError('BACKUP_DIR_UNSAFE', { path: dir, reason: 'the directory belongs to another user' });
  if ((st.mode & 0o022) !== 0) throw new AppError('BACKUP_DIR_UNSAFE', { path: dir, reason: 'other users can write to it' });
}

async function tightenModes(file: string): Promise<void> {
  for (const path of [file, `${file}-wal`, `${file}-shm`]) await chmod(path, 0o600).catch(() => undefined);
}
