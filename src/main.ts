import { pathToFileURL } from 'node:url';
import type { Client } from 'discord.js';
import { HOUR, MINUTE, systemClock, type Clock } from './clock.js';
import { loadConfig, loadDotEnv, type Config } from './config.js';
import { startBot } from './discord/bot.js';
import { DiscordDms } from './discord/dm.js';
import type { AppContext } from './discord/context.js';
import { Links } from './discord/links.js';
import { loadCommands } from './discord/loader.js';
import { createRouter } from './discord/router.js';
import { ExchangeGateway } from './exchanges/index.js';
import { exitWithError } from './fatal.js';
import { BalanceService } from './keys/balance-service.js';
import { KeyService } from './keys/key-service.js';
import { ValidationQuota } from './keys/validation-quota.js';
import { createLogger, SecretScrubber, type Logger } from './log.js';
import { DmThrottle } from './reminders/dm-throttle.js';
import { MissedNotices } from './reminders/notices.js';
import { ReminderSettings } from './reminders/reminder-settings.js';
import { Scheduler } from './reminders/scheduler.js';
import { openStore, type Store } from './store/index.js';
import { openVault } from './vault/index.js';

export interface Keyward {
  client: Client<true>;
  store: Store;
  log: Logger;
  scheduler: Scheduler;
  stop(): Promise<void>;
}

/** The composition root: every dependency is built here, in order, and passed explicitly. */
export async function startKeyward(config: Config, opts: { clock?: Clock; writeLog?: (line: string) => void; autoTick?: boolean } = {}): Promise<Keyward> {
  const clock = opts.clock ?? systemClock;
  const scrubber = new SecretScrubber();
  scrubber.addPermanent(config.DISCORD_TOKEN);
  const log = createLogger({ level: config.LOG_LEVEL, scrubber, write: opts.writeLog });
  const store = await openStore(config.STORE_URL, clock);
  const vault = await openVault({ keyringPath: config.KEYRING_FILE, dataKeys: store, state: store, log });
  const exchanges = new ExchangeGateway({
    overrides: config.EXCHANGE_API_OVERRIDES, sandbox: config.EXCHANGE_SANDBOX, concurrency: config.EXCHANGE_CONCURRENCY,
    allowWithdraw: config.ALLOW_WITHDRAW_KEYS, validationTimeoutMs: config.VALIDATION_TIMEOUT_MS, clock, log, scrubber,
  });
  exchanges.list(); // build the catalog now, not inside someone's 3-second autocomplete window
  const reminders = new ReminderSettings(store, clock, config.ROTATION_DAYS);
  const quota = new ValidationQuota(store.coordination, clock, config.VALIDATIONS_PER_WINDOW, config.VALIDATION_WINDOW_MINUTES * MINUTE);
  const policy = {
    validationsPerWindow: config.VALIDATIONS_PER_WINDOW, validationWindowMs: config.VALIDATION_WINDOW_MINUTES * MINUTE,
    maxAccountsPerUser: config.MAX_ACCOUNTS_PER_USER, defaultRotationDays: config.ROTATION_DAYS,
  };
  let scheduler: Scheduler | undefined; // built once the Discord client exists; keys tell it about changes
  const keys = new KeyService({ store, vault, exchanges, quota, policy, clock, log, onScheduleChange: async (u) => scheduler?.keysChanged(u) });
  const balances = new BalanceService({ store, vault, exchanges, clock, log });
  const ctx: AppContext = { keys, balances, catalog: exchanges, links: new Links(store.coordination), reminders, log, settings: { defaultRotationDays: config.ROTATION_DAYS } };
  const notices = new MissedNotices(store);
  const router = createRouter({
    commands: await loadCommands(), ctx, log, notices,
    access: { allowedGuildIds: new Set(config.ALLOWED_GUILD_IDS), requiredRoleId: config.REQUIRED_ROLE_ID },
  });
  const client = await startBot({ token: config.DISCORD_TOKEN!, apiUrl: config.DISCORD_API_URL, onInteraction: router, log });
  const dms = new DiscordDms(client.rest, ctx.links, exchanges, log, config.REMINDER_CHANNEL_ID);
  scheduler = new Scheduler(
    { store, clock, dms, throttle: new DmThrottle(store.coordination, config.DM_PER_SECOND), notices, defaultDays: config.ROTATION_DAYS, log, keys },
    { healthIntervalMs: config.HEALTH_CHECK_HOURS * HOUR, tickMs: config.SCHEDULER_TICK_SECONDS * 1000 },
  );
  if (opts.autoTick !== false) scheduler.start();
  log.info({ store: store.kind, keyVersion: vault.currentVersion }, 'Keyward is ready');
  return {
    client, store, log, scheduler: scheduler!,
    async stop() {
      await scheduler?.stop();
      await client.destroy();
      await store.close();
    },
  };
}

async function main(): Promise<void> {
  loadDotEnv();
  const app = await startKeyward(loadConfig(process.env));
  const stop = () => void app.stop().then(() => process.exit(0), (err: unknown) => exitWithError(err, app.log));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main().catch((err) => exitWithError(err));
