import type { Clock } from '../clock.js';
import type { Logger } from '../log.js';
import type { CredentialRecord, Store } from '../store/index.js';
import type { DmThrottle } from './dm-throttle.js';
import { stillStored } from './still-stored.js';
import type { MissedNotices } from './notices.js';
import type { DmPort, HealthAlert, HealthChange } from './ports.js';

/** Re-validates one stored key (KeyService.recheck). */
export interface RecheckPort {
  recheck(userId: string, exchange: string, account: string): Promise<{ before: CredentialRecord; after: CredentialRecord; verdictTitle?: string }>;
}

export interface HealthRunDeps {
  store: Store;
  keys: RecheckPort;
  dms: DmPort;
  throttle: DmThrottle;
  notices: MissedNotices;
  clock: Clock;
  log: Logger;
}

/** What changed between two checks that the owner must hear about; undefined for nothing new. */
function healthChange(before: CredentialRecord, after: CredentialRecord): HealthChange | undefined {
  if (after.status === 'failing' && before.status !== 'failing') return after.verdict === 'withdraw_enabled' ? 'withdraw_enabled' : 'stopped_working';
  if (before.status === 'failing' && after.status !== 'failing') return 'working_again';
  if (after.permissions.withdraw === 'yes' && before.permissions.withdraw !== 'yes') return 'withdraw_enabled';
  if (before.permissions.ipRestricted === 'yes' && after.permissions.ipRestricted === 'no') return 'ip_unrestricted';
  return undefined;
}

/**
 * Re-checks every key of one user, one at a time (the exchange limiter paces them with everyone
 * else's), and sends one DM listing what changed. A change is reported once: the next run compares
 * against the status this run stored.
 */
export async function runHealthChecks(deps: HealthRunDeps, userId: string): Promise<number> {
  const alerts: HealthAlert[] = [];
  const checked: CredentialRecord[] = [];
  for (const key of await deps.store.listCredentials(userId)) {
    try {
      const { before, after, verdictTitle } = await deps.keys.recheck(userId, key.exchange, key.account);
      const change = healthChange(before, after);
      if (change)
        alerts.push({
          exchange: key.exchange,
          account: key.account,
          guildId: after.guildId,
          keyHint: after.keyHint,
          change,
          verdict: after.verdict as HealthAlert['verdict'],
          reason: verdictTitle,
        });
      if (change) checked.push(after);
    } catch (err) {
      deps.log.warn({ err, exchange: key.exchange }, 'health check could not run');
    }
  }
  if (alerts.length === 0) return 0;
  await deps.throttle.take();
  // under the user's lock, about the keys still stored as checked: a forget or remove meanwhile wins
  return deps.store.withUserLock(userId, async () => {
    const live = await stillStored(deps.store, userId, checked);
    const current = alerts.filter((_, i) => live[i]);
    if (current.length === 0) return 0;
    const result = await deps.dms.sendHealthAlerts(userId, current);
    if (result === 'closed' && (await deps.notices.markClosed(userId, current.length, deps.clock.now())))
      await deps.notices.rememberPosted(userId, await deps.dms.notifyClosedDms?.(userId));
    for (const a of current)
      await deps.store.appendAudit(userId, { action: 'health_changed', exchange: a.exchange, account: a.account, keyHint: a.keyHint, outcome: a.change });
    deps.log.info({ event: 'health', changes: current.length, delivered: result === 'sent' }, 'key health changes reported');
    return current.length;
  });
}
