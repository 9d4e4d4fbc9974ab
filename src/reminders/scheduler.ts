import { DAY } from '../clock.js';
import type { Logger } from '../log.js';
import type { Store } from '../store/index.js';
import { runHealthChecks, type HealthRunDeps } from './health-run.js';
import { runReminders, type ReminderRunDeps } from './reminder-run.js';
import type { MembershipPort } from './ports.js';
import { healthMember, reminderMember, scheduleReminders } from './schedule.js';

export type SchedulerDeps = ReminderRunDeps &
  HealthRunDeps & {
    /** when set, users who left the allowed servers (or lost the role) get no reminders and no health checks */
    members?: MembershipPort;
  };

export interface SchedulerOptions {
  /** how often each user's keys are re-validated (jittered by ±10%) */
  healthIntervalMs: number;
  /** how often the due-index is polled */
  tickMs?: number;
  /** how long a claim is held before another process may take it over (a crashed claimer's work is redone) */
  leaseMs?: number;
  /** most members claimed per tick */
  batch?: number;
  /** users worked on at once (DMs are paced by the throttle whatever this is) */
  parallel?: number;
  /**
   * most claimed members waiting for delivery: keep it below what the DM pace delivers within a
   * lease (DM_PER_SECOND × lease seconds), or claims would expire while still queued
   */
  maxQueued?: number;
}

interface Claim {
  member: string;
  token: string;
}

/**
 * Sends rotation reminders and runs health checks from one persistent due-index in the store: one
 * member per user for each, never a timer per key. A tick only claims what is due (its cost follows
 * what is due, not what is stored) and queues it; workers deliver at the DM pace. Any number of bot
 * processes may run it: each due member is claimed atomically, so each reminder goes out once, and
 * a claim left by a crashed process is taken over when its lease runs out.
 */
export class Scheduler {
  private timer: NodeJS.Timeout | undefined;
  private ticking: Promise<unknown> = Promise.resolve();
  private readonly queue: Claim[] = [];
  private active = 0;
  private stopping = false;
  private idleWaiters: Array<() => void> = [];
  private readonly log: Logger;

  constructor(
    private readonly deps: SchedulerDeps,
    private readonly opts: SchedulerOptions,
  ) {
    this.log = deps.log;
  }

  start(): void {
    this.timer = setInterval(() => void this.tickSafely(), this.opts.tickMs ?? 30_000);
    this.timer.unref();
    void this.tickSafely();
  }

  /** Stops polling and waits for the work in hand; queued claims are left to expire and be taken over. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.stopping = true;
    this.queue.length = 0;
    await this.ticking.catch(() => undefined);
    await this.idle();
  }

  /** Claims what is due and waits until it has all been handled; returns how many members were claimed. */
  async tick(): Promise<number> {
    const claimed = await this.claimDue();
    await this.idle();
    return claimed;
  }

  /** Claims what is due now and queues it for delivery; returns at once with how many members were claimed. */
  async claimDue(): Promise<number> {
    const store: Store = this.deps.store;
    const now = this.deps.clock.now();
    const room = (this.opts.maxQueued ?? 500) - this.queue.length;
    if (room <= 0 || this.stopping) return 0;
    const claims = await store.coordination.claimDue(now, Math.min(this.opts.batch ?? 500, room), this.opts.leaseMs ?? 5 * 60_000);
    this.queue.push(...claims);
    this.pump();
    await store.coordination.sweep(now).catch(() => undefined);
    return claims.length;
  }

  /** Resolves once nothing is queued or in progress. */
  idle(): Promise<void> {
    if (this.active === 0 && this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Re-plans a user's reminders and makes sure their keys get health checks (after connect, rotate, remove, settings). */
  async keysChanged(userId: string): Promise<void> {
    const { store, clock } = this.deps;
    await scheduleReminders(store, clock, this.deps.defaultDays, userId);
    const hasKeys = (await store.listCredentials(userId)).length > 0;
    if (!hasKeys) await store.coordination.unschedule(healthMember(userId));
    else if ((await store.coordination.dueAt(healthMember(userId))) === undefined) await store.coordination.schedule(healthMember(userId), this.nextHealthAt());
  }

  private pump(): void {
    while (this.active < (this.opts.parallel ?? 8) && this.queue.length > 0 && !this.stopping) {
      const claim = this.queue.shift()!;
      this.active += 1;
      void this.work(claim).finally(() => {
        this.active -= 1;
        this.pump();
        if (this.active === 0 && this.queue.length === 0) for (const wake of this.idleWaiters.splice(0)) wake();
      });
    }
  }

  private async work(claim: Claim): Promise<void> {
    try {
      const next = await this.handle(claim.member);
      await this.deps.store.coordination.finishClaim(claim.member, claim.token, next);
    } catch (err) {
      this.log.error({ err, member: claim.member.split(':')[0] }, 'scheduled work failed; it is retried when its claim expires');
    }
  }

  private async handle(member: string): Promise<number | undefined> {
    const [kind, userId] = member.split(':');
    if (!userId) return undefined;
    // someone who left keeps their keys, but nothing runs for them until they are back: look again in a day
    if (!(await this.mayServe(userId))) return kind === 'health' ? this.nextHealthAt() : this.deps.clock.now() + DAY;
    if (kind === 'remind') return runReminders(this.deps, userId);
    if (kind === 'health') {
      await runHealthChecks(this.deps, userId);
      return (await this.deps.store.listCredentials(userId)).length > 0 ? this.nextHealthAt() : undefined;
    }
    return undefined;
  }

  /** True for a member of an allowed server (with the role, if required); true too when Discord cannot say. */
  private async mayServe(userId: string): Promise<boolean> {
    const { members, store } = this.deps;
    if (!members) return true;
    const keys = await store.listCredentials(userId);
    if (keys.length === 0) return true; // nothing would run anyway
    try {
      return (
        (await members.standing(
          userId,
          keys.map((k) => k.guildId),
        )) === 'member'
      );
    } catch (err) {
      this.log.warn({ err }, 'membership could not be checked; the scheduled work goes ahead');
      return true;
    }
  }

  private nextHealthAt(): number {
    const interval = this.opts.healthIntervalMs;
    return this.deps.clock.now() + Math.round(interval * (0.9 + Math.random() * 0.2));
  }

  private tickSafely(): Promise<unknown> {
    this.ticking = this.ticking.then(() => this.claimDue()).catch((err: unknown) => this.log.error({ err }, 'scheduler tick failed'));
    return this.ticking;
  }
}

export { healthMember, reminderMember };
