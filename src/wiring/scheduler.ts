import { MINUTE, type Clock } from '../clock.js';
import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import { DmThrottle } from '../reminders/dm-throttle.js';
import { Scheduler } from '../reminders/scheduler.js';
import type { Store } from '../store/index.js';
import type { DiscordParts } from './discord.js';
import type { Services } from './services.js';

/** How long a claimed reminder or health check is held before another process may take it over. */
const LEASE_MS = 5 * MINUTE;

/** Reminders and health checks from the store's due-index, sent at the configured DM pace. */
export function buildScheduler(config: Config, deps: { store: Store; clock: Clock; log: Logger; discord: DiscordParts; services: Services }): Scheduler {
  const { store, clock, log, discord, services } = deps;
  return new Scheduler(
    {
      store,
      clock,
      log,
      dms: discord.dms,
      members: discord.members,
      throttle: new DmThrottle(store.coordination, config.DM_PER_SECOND),
      notices: services.notices,
      defaultDays: config.ROTATION_DAYS,
      keys: services.keys,
      schedule: services.schedule,
    },
    // never queue more than the DM pace delivers within a claim's lease
    { tickMs: config.SCHEDULER_TICK_SECONDS * 1000, leaseMs: LEASE_MS, maxQueued: Math.floor((config.DM_PER_SECOND * LEASE_MS) / 2000) },
  );
}
