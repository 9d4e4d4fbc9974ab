import { HOUR, MINUTE, type Clock } from '../clock.js';
import type { Config } from '../config.js';
import type { AppContext } from '../discord/context.js';
import type { ExchangeGateway } from '../exchanges/index.js';
import { BalanceService } from '../keys/balance-service.js';
import { KeyService } from '../keys/key-service.js';
import { ValidationQuota } from '../keys/validation-quota.js';
import type { Logger } from '../log.js';
import { MissedNotices } from '../reminders/notices.js';
import { ReminderSettings } from '../reminders/reminder-settings.js';
import { ScheduleWriter } from '../reminders/schedule-writer.js';
import type { Store, UserRecord } from '../store/index.js';
import type { Vault } from '../vault/index.js';
import type { DiscordParts } from './discord.js';

export interface ServiceDeps {
  store: Store;
  vault: Vault;
  exchanges: ExchangeGateway;
  discord: DiscordParts;
  clock: Clock;
  log: Logger;
}

/** The services commands call, and the context every command receives. */
export function buildServices(config: Config, deps: ServiceDeps) {
  const { store, vault, exchanges, discord, clock, log } = deps;
  const quota = new ValidationQuota(store.coordination, clock, config.VALIDATIONS_PER_WINDOW, config.VALIDATION_WINDOW_MINUTES * MINUTE);
  const schedule = new ScheduleWriter(store, clock, { defaultDays: config.ROTATION_DAYS, healthIntervalMs: config.HEALTH_CHECK_HOURS * HOUR });
  // what names a forgotten user outside their records: one-time links, limit windows, posted notices
  const forgetTraces = async (userId: string, former: UserRecord | undefined) => {
    await discord.links.forgetUser(userId);
    await quota.forget(userId);
    await discord.dms.deleteNotices(former?.dm.notices ?? []);
  };
  const policy = {
    maxAccountsPerUser: config.MAX_ACCOUNTS_PER_USER,
    defaultRotationDays: config.ROTATION_DAYS,
    unverifiedWithdraw: config.UNVERIFIED_WITHDRAW,
  };
  const keys = new KeyService({ store, vault, exchanges, quota, policy, clock, log, schedule, onForget: forgetTraces });
  const balances = new BalanceService({ store, vault, exchanges, clock, log });
  const reminders = new ReminderSettings(store, clock, config.ROTATION_DAYS);
  const ctx: AppContext = {
    keys,
    balances,
    catalog: exchanges,
    links: discord.links,
    reminders,
    log,
    clock,
    settings: { defaultRotationDays: config.ROTATION_DAYS, publicIps: config.PUBLIC_IPS },
  };
  return { keys, schedule, notices: new MissedNotices(store), ctx };
}

export type Services = ReturnType<typeof buildServices>;
