import { randomUUID } from 'node:crypto';
import type { Clock } from '../clock.js';
import type { Coordination } from './coordination.js';

/** Runs one statement on the pool and returns its rows. */
export type PgQuery = (sql: string, params?: unknown[]) => Promise<Array<Record<string, unknown>>>;

export function postgresCoordinationSchema(schema: string): string[] {
  const s = `"${schema}"`;
  return [
    `CREATE SCHEMA IF NOT EXISTS ${s}`,
    `CREATE TABLE IF NOT EXISTS ${s}.keyward_leases (name TEXT PRIMARY KEY, token TEXT NOT NULL, expires_at BIGINT NOT NULL)`,
    `CREATE TABLE IF NOT EXISTS ${s}.keyward_once (id TEXT PRIMARY KEY, value TEXT NOT NULL, expires_at BIGINT NOT NULL)`,
    `CREATE TABLE IF NOT EXISTS ${s}.keyward_counters (key TEXT PRIMARY KEY, count BIGINT NOT NULL, expires_at BIGINT)`,
    `CREATE TABLE IF NOT EXISTS ${s}.keyward_due (member TEXT PRIMARY KEY, due_at BIGINT NOT NULL, claim TEXT, claimed_until BIGINT NOT NULL DEFAULT 0)`,
    `CREATE INDEX IF NOT EXISTS keyward_due_by_time ON ${s}.keyward_due (due_at)`,
  ];
}

/**
 * Coordination on Postgres: upserts with RETURNING, and claims with FOR UPDATE SKIP LOCKED so that
 * concurrent claimers never take the same member.
 */
export class PostgresCoordination implements Coordination {
  private readonly t: (table: string) => string;

  constructor(
    private readonly query: PgQuery,
    schema: string,
    private readonly clock: Clock,
  ) {
    this.t = (table) => `"${schema}".${table}`;
  }

  async acquire(name: string, ttlMs: number): Promise<string | undefined> {
    const token = randomUUID();
    const now = this.clock.now();
    const rows = await this.query(
      `INSERT INTO ${this.t('keyward_leases')} AS l (name, token, expires_at) VALUES ($1, $2, $3)
       ON CONFLICT (name) DO UPDATE SET token = EXCLUDED.token, expires_at = EXCLUDED.expires_at WHERE l.expires_at <= $4 RETURNING token`,
      [name, token, now + ttlMs, now],
    );
    return rows[0]?.token === token ? token : undefined;
  }

  async release(name: string, token: string): Promise<void> {
    await this.query(`DELETE FROM ${this.t('keyward_leases')} WHERE name = $1 AND token = $2`, [name, token]);
  }

  async putOnce(id: string, value: string, ttlMs: number): Promise<boolean> {
    const now = this.clock.now();
    const rows = await this.query(
      `INSERT INTO ${this.t('keyward_once')} AS o (id, value, expires_at) VALUES ($1, $2, $3)
       ON CONFLICT (id) DO UPDATE SET value = EXCLUDED.value, expires_at = EXCLUDED.expires_at WHERE o.expires_at <= $4 RETURNING id`,
      [id, value, now + ttlMs, now],
    );
    return rows.length === 1;
  }

  async takeOnce(id: string): Promise<string | undefined> {
    const rows = await this.query(`DELETE FROM ${this.t('keyward_once')} WHERE id = $1 AND expires_at > $2 RETURNING value`, [id, this.clock.now()]);
    return rows[0]?.value as string | undefined;
  }

  async peekOnce(id: string): Promise<string | undefined> {
    const rows = await this.query(`SELECT value FROM ${this.t('keyward_once')} WHERE id = $1 AND expires_at > $2`, [id, this.clock.now()]);
    return rows[0]?.value as string | undefined;
  }

  async takeOnceByPrefix(prefix: string): Promise<string[]> {
    const rows = await this.query(`DELETE FROM ${this.t('keyward_once')} WHERE starts_with(id, $1) RETURNING value, expires_at`, [prefix]);
    const now = this.clock.now();
    return rows.filter((r) => Number(r.expires_at) > now).map((r) => String(r.value));
  }

  async peekHits(key: string): Promise<{ count: number; resetAt: number }> {
    const rows = await this.query(`SELECT count, expires_at FROM ${this.t('keyward_counters')} WHERE key = $1 AND expires_at > $2`, [key, this.clock.now()]);
    return rows[0] ? { count: Number(rows[0].count), resetAt: Number(rows[0].expires_at) } : { count: 0, resetAt: 0 };
  }

  async hit(key: string, windowMs: number): Promise<{ count: number; resetAt: number }> {
    const now = this.clock.now();
    const rows = await this.query(
      `INSERT INTO ${this.t('keyward_counters')} AS c (key, count, expires_at) VALUES ($1, 1, $2)
       ON CONFLICT (key) DO UPDATE SET
         count = CASE WHEN c.expires_at <= $3 THEN 1 ELSE c.count + 1 END,
         expires_at = CASE WHEN c.expires_at <= $3 THEN EXCLUDED.expires_at ELSE c.expires_at END
       RETURNING count, expires_at`,
      [key, now + windowMs, now],
    );
    return { count: Number(rows[0]!.count), resetAt: Number(rows[0]!.expires_at) };
  }

  async increment(key: string): Promise<number> {
    const rows = await this.query(
      `INSERT INTO ${this.t('keyward_counters')} AS c (key, count, expires_at) VALUES ($1, 1, NULL)
       ON CONFLICT (key) DO UPDATE SET count = c.count + 1 RETURNING count`,
      [key],
    );
    return Number(rows[0]!.count);
  }

  async readCounter(key: string): Promise<number> {
    const rows = await this.query(`SELECT count FROM ${this.t('keyward_counters')} WHERE key = $1`, [key]);
    return Number(rows[0]?.count ?? 0);
  }

  async deleteCounter(key: string): Promise<void> {
    await this.query(`DELETE FROM ${this.t('keyward_counters')} WHERE key = $1`, [key]);
  }

  async schedule(member: string, dueAt: number): Promise<void> {
    await this.query(
      `INSERT INTO ${this.t('keyward_due')} (member, due_at, claim, claimed_until) VALUES ($1, $2, NULL, 0)
       ON CONFLICT (member) DO UPDATE SET due_at = EXCLUDED.due_at, claim = NULL, claimed_until = 0`,
      [member, dueAt],
    );
  }

  async unschedule(member: string): Promise<void> {
    await this.query(`DELETE FROM ${this.t('keyward_due')} WHERE member = $1`, [member]);
  }

  async claimDue(now: number, limit: number, leaseMs: number): Promise<Array<{ member: string; dueAt: number; token: string }>> {
    const token = randomUUID();
    const rows = await this.query(
      `UPDATE ${this.t('keyward_due')} SET claim = $1, claimed_until = $2
       WHERE member IN (SELECT member FROM ${this.t('keyward_due')} WHERE due_at <= $3 AND claimed_until <= $3
                        ORDER BY due_at LIMIT $4 FOR UPDATE SKIP LOCKED)
       RETURNING member, due_at`,
      [token, now + leaseMs, now, limit],
    );
    return rows.map((r) => ({ member: String(r.member), dueAt: Number(r.due_at), token }));
  }

  async finishClaim(member: string, token: string, nextDueAt: number | undefined): Promise<boolean> {
    const rows =
      nextDueAt === undefined
        ? await this.query(`DELETE FROM ${this.t('keyward_due')} WHERE member = $1 AND claim = $2 RETURNING member`, [member, token])
        : await this.query(
            `UPDATE ${this.t('keyward_due')} SET due_at = $1, claim = NULL, claimed_until = 0 WHERE member = $2 AND claim = $3 RETURNING member`,
            [nextDueAt, member, token],
          );
    return rows.length === 1;
  }

  async dueAt(member: string): Promise<number | undefined> {
    const rows = await this.query(`SELECT due_at FROM ${this.t('keyward_due')} WHERE member = $1`, [member]);
    return rows[0] ? Number(rows[0].due_at) : undefined;
  }

  async sweep(now: number): Promise<void> {
    await this.query(`DELETE FROM ${this.t('keyward_leases')} WHERE expires_at <= $1`, [now]);
    await this.query(`DELETE FROM ${this.t('keyward_once')} WHERE expires_at <= $1`, [now]);
    await this.query(`DELETE FROM ${this.t('keyward_counters')} WHERE expires_at IS NOT NULL AND expires_at <= $1`, [now]);
  }
}
