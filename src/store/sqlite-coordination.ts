import { randomUUID } from 'node:crypto';
import type { Clock } from '../clock.js';
import type { Coordination } from './coordination.js';

/** Runs one SQL statement on the store's connection and returns its rows. */
export type SqlQuery = (sql: string, ...params: unknown[]) => Promise<Array<Record<string, unknown>>>;

export const SQLITE_COORDINATION_SCHEMA = [
  'CREATE TABLE IF NOT EXISTS keyward_leases (name TEXT PRIMARY KEY, token TEXT NOT NULL, expires_at INTEGER NOT NULL)',
  'CREATE TABLE IF NOT EXISTS keyward_once (id TEXT PRIMARY KEY, value TEXT NOT NULL, expires_at INTEGER NOT NULL)',
  'CREATE TABLE IF NOT EXISTS keyward_counters (key TEXT PRIMARY KEY, count INTEGER NOT NULL, expires_at INTEGER)',
  'CREATE TABLE IF NOT EXISTS keyward_due (member TEXT PRIMARY KEY, due_at INTEGER NOT NULL, claim TEXT, claimed_until INTEGER NOT NULL DEFAULT 0)',
  'CREATE INDEX IF NOT EXISTS keyward_due_by_time ON keyward_due (due_at)',
];

/** Coordination on SQLite: each operation is one statement, which SQLite applies atomically across processes. */
export class SqliteCoordination implements Coordination {
  constructor(
    private readonly query: SqlQuery,
    private readonly clock: Clock,
  ) {}

  async acquire(name: string, ttlMs: number): Promise<string | undefined> {
    const token = randomUUID();
    const now = this.clock.now();
    const rows = await this.query(
      `INSERT INTO keyward_leases (name, token, expires_at) VALUES (?, ?, ?)
       ON CONFLICT(name) DO UPDATE SET token = excluded.token, expires_at = excluded.expires_at
       WHERE keyward_leases.expires_at <= ? RETURNING token`,
      name,
      token,
      now + ttlMs,
      now,
    );
    return rows[0]?.token === token ? token : undefined;
  }

  async release(name: string, token: string): Promise<void> {
    await this.query('DELETE FROM keyward_leases WHERE name = ? AND token = ?', name, token);
  }

  async putOnce(id: string, value: string, ttlMs: number): Promise<boolean> {
    const now = this.clock.now();
    const rows = await this.query(
      `INSERT INTO keyward_once (id, value, expires_at) VALUES (?, ?, ?)
       ON CONFLICT(id) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at
       WHERE keyward_once.expires_at <= ? RETURNING id`,
      id,
      value,
      now + ttlMs,
      now,
    );
    return rows.length === 1;
  }

  async takeOnce(id: string): Promise<string | undefined> {
    const rows = await this.query('DELETE FROM keyward_once WHERE id = ? AND expires_at > ? RETURNING value', id, this.clock.now());
    return rows[0]?.value as string | undefined;
  }

  async peekOnce(id: string): Promise<string | undefined> {
    const rows = await this.query('SELECT value FROM keyward_once WHERE id = ? AND expires_at > ?', id, this.clock.now());
    return rows[0]?.value as string | undefined;
  }

  async takeOnceByPrefix(prefix: string): Promise<string[]> {
    const rows = await this.query('DELETE FROM keyward_once WHERE substr(id, 1, ?) = ? RETURNING value, expires_at', prefix.length, prefix);
    const now = this.clock.now();
    return rows.filter((r) => Number(r.expires_at) > now).map((r) => String(r.value));
  }

  async peekHits(key: string): Promise<{ count: number; resetAt: number }> {
    const rows = await this.query('SELECT count, expires_at FROM keyward_counters WHERE key = ? AND expires_at > ?', key, this.clock.now());
    return rows[0] ? { count: Number(rows[0].count), resetAt: Number(rows[0].expires_at) } : { count: 0, resetAt: 0 };
  }

  async hit(key: string, windowMs: number): Promise<{ count: number; resetAt: number }> {
    const now = this.clock.now();
    const rows = await this.query(
      `INSERT INTO keyward_counters (key, count, expires_at) VALUES (?, 1, ?)
       ON CONFLICT(key) DO UPDATE SET
         count = CASE WHEN keyward_counters.expires_at <= ? THEN 1 ELSE keyward_counters.count + 1 END,
         expires_at = CASE WHEN keyward_counters.expires_at <= ? THEN excluded.expires_at ELSE keyward_counters.expires_at END
       RETURNING count, expires_at`,
      key,
      now + windowMs,
      now,
      now,
    );
    return { count: Number(rows[0]!.count), resetAt: Number(rows[0]!.expires_at) };
  }

  async increment(key: string): Promise<number> {
    const rows = await this.query(
      `INSERT INTO keyward_counters (key, count, expires_at) VALUES (?, 1, NULL)
       ON CONFLICT(key) DO UPDATE SET count = keyward_counters.count + 1 RETURNING count`,
      key,
    );
    return Number(rows[0]!.count);
  }

  async readCounter(key: string): Promise<number> {
    const rows = await this.query('SELECT count FROM keyward_counters WHERE key = ?', key);
    return Number(rows[0]?.count ?? 0);
  }

  async deleteCounter(key: string): Promise<void> {
    await this.query('DELETE FROM keyward_counters WHERE key = ?', key);
  }

  async schedule(member: string, dueAt: number): Promise<void> {
    await this.query(
      `INSERT INTO keyward_due (member, due_at, claim, claimed_until) VALUES (?, ?, NULL, 0)
       ON CONFLICT(member) DO UPDATE SET due_at = excluded.due_at, claim = NULL, claimed_until = 0`,
      member,
      dueAt,
    );
  }

  async unschedule(member: string): Promise<void> {
    await this.query('DELETE FROM keyward_due WHERE member = ?', member);
  }

  async claimDue(now: number, limit: number, leaseMs: number): Promise<Array<{ member: string; dueAt: number; token: string }>> {
    const token = randomUUID();
    const rows = await this.query(
      `UPDATE keyward_due SET claim = ?, claimed_until = ?
       WHERE member IN (SELECT member FROM keyward_due WHERE due_at <= ? AND claimed_until <= ? ORDER BY due_at LIMIT ?)
       RETURNING member, due_at`,
      token,
      now + leaseMs,
      now,
      now,
      limit,
    );
    return rows.map((r) => ({ member: String(r.member), dueAt: Number(r.due_at), token }));
  }

  async finishClaim(member: string, token: string, nextDueAt: number | undefined): Promise<boolean> {
    const rows =
      nextDueAt === undefined
        ? await this.query('DELETE FROM keyward_due WHERE member = ? AND claim = ? RETURNING member', member, token)
        : await this.query(
            'UPDATE keyward_due SET due_at = ?, claim = NULL, claimed_until = 0 WHERE member = ? AND claim = ? RETURNING member',
            nextDueAt,
            member,
            token,
          );
    return rows.length === 1;
  }

  async dueAt(member: string): Promise<number | undefined> {
    const rows = await this.query('SELECT due_at FROM keyward_due WHERE member = ?', member);
    return rows[0] ? Number(rows[0].due_at) : undefined;
  }

  async sweep(now: number): Promise<void> {
    await this.query('DELETE FROM keyward_leases WHERE expires_at <= ?', now);
    await this.query('DELETE FROM keyward_once WHERE expires_at <= ?', now);
    await this.query('DELETE FROM keyward_counters WHERE expires_at IS NOT NULL AND expires_at <= ?', now);
  }
}
