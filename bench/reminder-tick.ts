import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sqlite3 from 'sqlite3';
import { DAY, ManualClock } from '../src/clock.js';
import { createLogger, SecretScrubber } from '../src/log.js';
import { DmThrottle } from '../src/reminders/dm-throttle.js';
import { MissedNotices } from '../src/reminders/notices.js';
import type { DmPort } from '../src/reminders/ports.js';
import { Scheduler } from '../src/reminders/scheduler.js';
import { openStore, sqlitePath } from '../src/store/index.js';

const REGISTRY_BUCKETS = 64;
const bucketOf = (userId: string) => {
  let h = 0;
  for (const ch of userId) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return h % REGISTRY_BUCKETS;
};

/**
 * Writes `stored` users with one key each straight into the SQLite file (as keyv lays rows out),
 * `due` of them due for a reminder now: going through the services would take minutes per run.
 */
async function populate(url: string, stored: number, due: number, now: number): Promise<void> {
  const db = new sqlite3.Database(sqlitePath(url));
  const run = (sql: string, params: unknown[] = []) => new Promise<void>((resolve, reject) => db.run(sql, params, (e) => (e ? reject(e) : resolve())));
  const b64 = Buffer.alloc(48, 7).toString('base64');
  const buckets = Array.from({ length: REGISTRY_BUCKETS }, () => [] as string[]);
  await run('BEGIN');
  for (let i = 0; i < stored; i++) {
    const userId = String(100000000000000000n + BigInt(i));
    const isDue = i < due;
    // due keys were rotated 80 days ago (the 14-days-before stage is owed); the others yesterday
    const rotatedAt = now - (isDue ? 80 : 1) * DAY;
    buckets[bucketOf(userId)]!.push(userId);
    await run('INSERT INTO keyv (key, value) VALUES (?, ?)', [
      `kw:user:${userId}`,
      JSON.stringify({
        value: {
          v: 1,
          id: userId,
          createdAt: rotatedAt,
          dek: { kid: 1, nonce: b64, ct: b64 },
          credentials: [{ exchange: 'binance', account: 'main' }],
          settings: {},
          dm: {},
        },
      }),
    ]);
    await run('INSERT INTO keyv (key, value) VALUES (?, ?)', [
      `kw:cred:${userId}:binance:main`,
      JSON.stringify({
        value: {
          v: 1,
          userId,
          exchange: 'binance',
          account: 'main',
          keyHint: 'ABCD',
          createdAt: rotatedAt,
          rotatedAt,
          status: 'ok',
          warnings: [],
          permissions: { read: 'yes', spotTrade: 'yes', futuresTrade: 'no', withdraw: 'no', transfer: 'no', ipRestricted: 'yes' },
          sealed: { nonce: b64, ct: b64 },
          reminders: {},
        },
      }),
    ]);
    await run('INSERT INTO keyward_due (member, due_at, claim, claimed_until) VALUES (?, ?, NULL, 0)', [
      `remind:${userId}`,
      isDue ? now - 1000 : rotatedAt + 76 * DAY,
    ]);
  }
  for (const [i, ids] of buckets.entries()) await run('INSERT INTO keyv (key, value) VALUES (?, ?)', [`kw:registry:${i}`, JSON.stringify({ value: ids })]);
  await run('COMMIT');
  await new Promise<void>((resolve) => db.close(() => resolve()));
}

export interface TickMeasure {
  /** one tick: find and claim every due reminder and queue it for the paced DM sender */
  tickMs: number;
  /** then delivering them all (store work per digest, Discord replaced by a stub, no pacing) */
  deliveryMs: number;
}

/** One scheduler tick over `stored` keys of which `due` are due. */
export async function measureReminderTick(stored: number, due: number): Promise<TickMeasure> {
  const dir = await mkdtemp(join(tmpdir(), 'keyward-bench-'));
  const url = `sqlite://${join(dir, 'k.sqlite')}`;
  const now = Date.UTC(2026, 10, 20);
  const clock = new ManualClock(now);
  try {
    (await openStore(url, clock)).close(); // creates the tables
    await populate(url, stored, due, now);
    const store = await openStore(url, clock);
    let sent = 0;
    const dms: DmPort = {
      sendReminders: async () => {
        sent += 1;
        return 'sent';
      },
      sendHealthAlerts: async () => 'sent',
    };
    const log = createLogger({ level: 'silent', scrubber: new SecretScrubber() });
    const scheduler = new Scheduler(
      {
        store,
        clock,
        dms,
        throttle: new DmThrottle(store.coordination, 1_000_000),
        notices: new MissedNotices(store),
        defaultDays: 90,
        log,
        keys: { recheck: () => Promise.reject(new Error('no health checks in this benchmark')) },
      },
      { healthIntervalMs: DAY, batch: due, maxQueued: due },
    );
    const started = performance.now();
    const claimed = await scheduler.claimDue();
    const tickMs = performance.now() - started;
    await scheduler.idle();
    const deliveryMs = performance.now() - started - tickMs;
    await store.close();
    if (claimed !== due || sent !== due) throw new Error(`the tick claimed ${claimed} members and ${sent} reminders went out, expected ${due}`);
    return { tickMs, deliveryMs };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
