import type { Logger } from '../log.js';
import type { Store } from '../store/index.js';
import { runHealthChecks, type HealthRunDeps } from './health-run.js';
import { runReminders, type ReminderRunDeps } from './reminder-run.js';
import { healthMember, reminderMember, scheduleReminders } from './schedule.js';

export interface SchedulerOptions {
  /** how often each user's keys are re-validated (jittered by ±10%) */
  healthIntervalMs: number;
  /** how often the due-index is polled */
  tickMs?: number;
  /** how long a claim is held before another process may take it over (a crashed claimer's work is redone) */
  leaseMs?: number;
  /** most members claimed per tick */
  batch?: number;
  /** users processed at once */
  parallel?: number;
}

/**
 * Sends rotation reminders and runs health checks from one persistent due-index in the store: one
 * member per user for each, never a timer per key. Any number of bot processes may run it: each due
 * member is claimed atomically, so each reminder goes out once, and a claim left by a crashed
 * process is taken over when its lease runs out.
 */
export class Scheduler {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> = Promise.resolve();
  private readonly log: Logger;

  constructor(private readonly deps: ReminderRunDeps & HealthRunDeps, private readonly opts: SchedulerOptions) {
    this.log = deps.log;
  }

  start(): void {
    const every = this.opts.tickMs ?? 30_000;
    this.timer = setInterval(() => void this.tickSafely(), every);
    this.timer.unref();
    void this.tickSafely();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running.catch(() => undefined);
  }

  /** Claims what is due now and handles it; returns how many members were handled. */
  async tick(): Promise<number> {
    const store: Store = this.deps.store;
    const now = this.deps.clock.now();
    const claims = await store.coordination.claimDue(now, this.opts.batch ?? 500, this.opts.leaseMs ?? 5 * 60_000);
    const queue = [...claims];
    const worker = async () => {
      for (let claim = queue.shift(); claim; claim = queue.shift()) {
        try {
          const next = await this.handle(claim.member);
          await store.coordination.finishClaim(claim.member, claim.token, next);
        } catch (err) {
          this.log.error({ err, member: claim.member.split(':')[0] }, 'scheduled work failed; it is retried when its claim expires');
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.opts.parallel ?? 8, claims.length) }, worker));
    await store.coordination.sweep(now).catch(() => undefined);
    return claims.length;
  }

  /** Re-plans a user's reminders and makes sure their keys get health checks (after connect, rotate, remove, settings). */
  async keysChanged(userId: string): Promise<void> {
    const { store, clock } = this.deps;
    await scheduleReminders(store, clock, this.deps.defaultDays, userId);
    const hasKeys = (await store.listCredentials(userId)).length > 0;
    if (!hasKeys) await store.coordination.unschedule(healthMember(userId));
    else if ((await store.coordination.dueAt(healthMember(userId))) === undefined) await store.coordination.schedule(healthMember(userId), this.nextHealthAt());
  }

  private async handle(member: string): Promise<number | undefined> {
    const [kind, userId] = member.split(':');
    if (!userId) return undefined;
    if (kind === 'remind') return runReminders(this.deps, userId);
    if (kind === 'health') {
      await runHealthChecks(this.deps, userId);
      return (await this.deps.store.listCredentials(userId)).length > 0 ? this.nextHealthAt() : undefined;
    }
    return undefined;
  }

  private nextHealthAt(): number {
    const interval = this.opts.healthIntervalMs;
    return this.deps.clock.now() + Math.round(interval * (0.9 + Math.random() * 0.2));
  }

  private tickSafely(): Promise<unknown> {
    this.running = this.running.then(() => this.tick()).catch((err: unknown) => this.log.error({ err }, 'scheduler tick failed'));
    return this.running;
  }
}

export { healthMember, reminderMember };
