import { chmod, mkdir, open, rm, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import Keyv from 'keyv';
import KeyvSqlite from '@keyv/sqlite';
import type { Clock } from '../../clock.js';
import { AppError } from '../../errors.js';
import { SQLITE_COORDINATION_SCHEMA, SqliteCoordination, type SqlQuery } from '../sqlite-coordination.js';
import { isCorruption, type Backend } from './backend.js';

const BUSY_TIMEOUT_MS = 5_000;

/** `sqlite://data/keyward.sqlite` (relative to the working directory) or `sqlite:///abs/path.sqlite`. */
export function sqlitePath(url: string): string {
  return resolve(url.replace(/^sqlite:\/\//, ''));
}

/**
 * SQLite through @keyv/sqlite. The directory is made 0700 and the database and its -wal/-shm files
 * 0600 (a new SQLite file is otherwise 0644 under the usual umask); secure_delete zeroes deleted
 * rows; WAL lets several processes share the file.
 */
export async function openSqliteBackend(url: string, clock: Clock): Promise<Backend> {
  const file = sqlitePath(url);
  await prepareFiles(file);
  const profile = new KeyvSqlite({ uri: `sqlite://${file}`, busyTimeout: BUSY_TIMEOUT_MS });
  profile.on('error', () => undefined); // surfaced by the failing call itself (throwOnErrors)
  const query = profile.query as unknown as SqlQuery;
  try {
    await query('PRAGMA secure_delete = ON');
    await query('PRAGMA journal_mode = WAL');
    await query('PRAGMA synchronous = NORMAL');
    for (const statement of SQLITE_COORDINATION_SCHEMA) await query(statement);
  } catch (err) {
    await profile.close().catch(() => undefined);
    throw isCorruption(err)
      ? new AppError('STORE_CORRUPT', { what: `${file} is not a valid SQLite database` }, { cause: err })
      : new AppError('STORE_UNAVAILABLE', undefined, { cause: err });
  }
  await tightenModes(file);
  const keyv = new Keyv({ store: profile, namespace: 'kw', throwOnErrors: true });
  keyv.on('error', () => undefined);
  return {
    kind: 'sqlite',
    keyv,
    coordination: new SqliteCoordination(query, clock),
    async compact() {
      await query('PRAGMA wal_checkpoint(TRUNCATE)');
      await tightenModes(file);
    },
    async snapshot(path: string) {
      await prepareFiles(path);
      await rm(path, { force: true }); // VACUUM INTO writes a new file only
      await query('VACUUM INTO ?', path);
      await chmod(path, 0o600);
    },
    async close() {
      await profile.disconnect();
    },
  };
}

async function prepareFiles(file: string): Promise<void> {
  const dir = dirname(file);
  try {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const st = await stat(dir);
    // tighten our own data directory, never a shared one such as /tmp
    if ((st.mode & 0o1000) === 0 && st.uid === process.getuid?.()) await chmod(dir, 0o700);
    await (await open(file, 'a', 0o600)).close();
  } catch (err) {
    throw new AppError('STORE_UNAVAILABLE', undefined, { cause: err });
  }
}

async function tightenModes(file: string): Promise<void> {
  for (const path of [file, `${file}-wal`, `${file}-shm`]) await chmod(path, 0o600).catch(() => undefined);
}
