import Keyv from 'keyv';
import KeyvPostgres from '@keyv/postgres';
import pg from 'pg';
import type { Clock } from '../../clock.js';
import { AppError } from '../../errors.js';
import { PostgresCoordination, postgresCoordinationSchema, type PgQuery } from '../postgres-coordination.js';
import type { Backend } from './backend.js';

const CONNECT_TIMEOUT_MS = 5_000;
/** @keyv/postgres keeps one pool per URI per process; close it only when its last user closes. */
const openPerUri = new Map<string, number>();

/**
 * Postgres through @keyv/postgres. `postgres://…?schema=name` keeps deployments apart in one
 * database (default schema "public"). Coordination uses its own small pool and tables.
 */
export async function openPostgresBackend(url: string, clock: Clock): Promise<Backend> {
  const parsed = new URL(url);
  const schema = parsed.searchParams.get('schema') || 'public';
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema))
    throw new AppError('CONFIG_INVALID', { problems: '- STORE_URL: the schema must be a lower-case SQL identifier' });
  parsed.searchParams.delete('schema');
  const connectionString = parsed.toString();
  const pool = new pg.Pool({ connectionString, max: 4, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  pool.on('error', () => undefined); // an idle connection dropping; the next query reconnects
  const query: PgQuery = async (sql, params) => (await pool.query(sql, params as unknown[])).rows as Array<Record<string, unknown>>;
  try {
    for (const statement of postgresCoordinationSchema(schema)) await createConcurrently(query, statement);
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw new AppError('STORE_UNAVAILABLE', undefined, { cause: err });
  }
  const adapter = new KeyvPostgres({ uri: connectionString, schema, table: 'keyv', connectionTimeoutMillis: CONNECT_TIMEOUT_MS } as never);
  adapter.on('error', () => undefined);
  openPerUri.set(connectionString, (openPerUri.get(connectionString) ?? 0) + 1);
  const keyv = new Keyv({ store: adapter, namespace: 'kw', throwOnErrors: true });
  keyv.on('error', () => undefined);
  return {
    kind: 'postgres',
    keyv,
    coordination: new PostgresCoordination(query, schema, clock),
    async compact() {
      // VACUUM frees the deleted rows for reuse; their bytes stay in table files and WAL until overwritten
      const tables = ['keyv', 'keyward_counters', 'keyward_once', 'keyward_leases', 'keyward_due'];
      try {
        for (const table of tables) await query(`VACUUM "${schema}".${table}`);
      } catch {
        return {
          clean: false,
          detail: 'VACUUM could not run (the database user may lack the right): deleted rows stay in the table files until autovacuum reaches them',
        };
      }
      return {
        clean: false,
        detail:
          "the tables were vacuumed; Postgres keeps a deleted row's bytes in its data files and WAL until they are overwritten, which no SQL command forces",
      };
    },
    async close() {
      await pool.end().catch(() => undefined);
      const left = (openPerUri.get(connectionString) ?? 1) - 1;
      openPerUri.set(connectionString, left);
      if (left <= 0) await adapter.disconnect().catch(() => undefined);
    },
  };
}

/** Two processes starting together may both create a table; the loser's error is harmless. */
async function createConcurrently(query: PgQuery, statement: string): Promise<void> {
  try {
    await query(statement);
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code !== '23505' && code !== '42P07' && code !== '42P06') throw err;
  }
}
