import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { pathToFileURL } from 'node:url';
import { HOUR, MINUTE, systemClock, type Clock } from './clock.js';
import { loadCheckedConfig, loadDotEnv, type Config } from './config.js';
import { startBot, type BotClient } from './discord/bot.js';
import { CommandMentions } from './discord/command-mentions.js';
import type { AppContext } from './discord/context.js';
import { DiscordDms } from './discord/dm.js';
import { Links } from './discord/links.js';
import { loadCommands } from './discord/loader.js';
import { GuildMembers } from './discord/members.js';
import { createRouter } from './discord/router.js';
import { WorkTracker } from './discord/work-tracker.js';
import { ExchangeGateway } from './exchanges/index.js';
import { exitWithError } from './fatal.js';
import { startHealthServer } from './health.js';
import { installProcessGuards } from './process-guards.js';
import { BalanceService } from './keys/balance-service.js';
import { KeyService } from './keys/key-service.js';
import { ValidationQuota } from './keys/validation-quota.js';
import { createLogger, SecretScrubber, type Logger } from './log.js';
import { DmThrottle } from './reminders/dm-throttle.js';
import { MissedNotices } from './reminders/notices.js';
import { ReminderSettings } from './reminders/reminder-settings.js';
import { Scheduler } from './reminders/scheduler.js';
import { openStore, type Store, type UserRecord } from './store/index.js';
import { assertKeyringCreatable, openVault, watchKeyring } from './vault/index.js';

const SHUTDOWN_GRACE_MS = 10_000;
const LEASE_MS = 5 * MINUTE;

export interface Keyward {
  client: BotClient;
  store: Store;
  log: Logger;
  scheduler: Scheduler;
  healthPort?: number;
  /** Stops taking work, lets running interactions finish (up to 10 s), then closes everything. */
  stop(): Promise<void>;
}

/** The composition root: every dependency is built here, in order, and passed explicitly. */
export async function startKeyward(config: Config, opts: { clock?: Clock; writeLog?: (line: string) => void; autoTick?: boolean } = {}): Promise<Keyward> {
  const clock = opts.clock ?? systemClock;
  const scrubber = new SecretScrubber();
  scrubber.addPermanent(config.DISCORD_TOKEN);
  const log = createLogger({ level: config.LOG_LEVEL, scrubber, write: opts.writeLog });
  // the health port first: a port in use is reported before anything is written
  let client: BotClient | undefined;
  let store: Store | undefined;
  let work: WorkTracker | undefined;
  const health =
    config.HEALTH_PORT > 0
      ? await startHealthServer(config.HEALTH_PORT, {
          discordReady: () => client?.isReady() ?? false,
          storeReachable: async () => store?.ping() ?? false,
          shuttingDown: () => work?.closing ?? false,
        })
      : undefined;
  const closeHealth = () => new Promise((resolve) => (health ? health.close(resolve) : resolve(undefined)));
  try {
    await assertKeyringCreatable(config.KEYRING_FILE);
    store = await openStore(config.STORE_URL, clock, { log });
  } catch (err) {
    await closeHealth();
    throw err;
  }
  let scheduler: Scheduler | undefined; // needs the Discord client for DMs; keys tell it about changes
  let keyringWatch: ReturnType<typeof watchKeyring> | undefined;
  try {
    const vaultOptions = { keyringPath: config.KEYRING_FILE, dataKeys: store, state: store, log };
    const vault = await openVault(vaultOptions);
    keyringWatch = watchKeyring(vault, { ...vaultOptions, processId: `${hostname()}/${process.pid}/${randomBytes(3).toString('hex')}` });
    const exchanges = new ExchangeGateway({
      overrides: config.EXCHANGE_API_OVERRIDES,
      sandbox: config.EXCHANGE_SANDBOX,
      concurrency: config.EXCHANGE_CONCURRENCY,
      allowWithdraw: config.ALLOW_WITHDRAW_KEYS,
      publicIps: config.PUBLIC_IPS,
      validationTimeoutMs: config.VALIDATION_TIMEOUT_MS,
      clock,
      log,
      scrubber,
    });
    const policy = {
      maxAccountsPerUser: config.MAX_ACCOUNTS_PER_USER,
      defaultRotationDays: config.ROTATION_DAYS,
      unverifiedWithdraw: config.UNVERIFIED_WITHDRAW,
    };
    const quota = new ValidationQuota(store.coordination, clock, config.VALIDATIONS_PER_WINDOW, config.VALIDATION_WINDOW_MINUTES * MINUTE);
    let dms: DiscordDms | undefined;
    const links = new Links(store.coordination);
    const forgetTraces = async (userId: string, former: UserRecord | undefined) => {
      await links.forgetUser(userId);
      await quota.forget(userId);
      await dms?.deleteNotices(former?.dm.notices ?? []);
    };
    const keys = new KeyService({
      store,
      vault,
      exchanges,
      quota,
      policy,
      clock,
      log,
      onScheduleChange: async (u) => scheduler?.keysChanged(u),
      onForget: forgetTraces,
    });
    const balances = new BalanceService({ store, vault, exchanges, clock, log });
    const reminders = new ReminderSettings(store, clock, config.ROTATION_DAYS);
    const ctx: AppContext = {
      keys,
      balances,
      catalog: exchanges,
      links,
      reminders,
      log,
      clock,
      settings: { defaultRotationDays: config.ROTATION_DAYS, publicIps: config.PUBLIC_IPS },
    };
    const notices = new MissedNotices(store);
    work = new WorkTracker();
    const mentions = new CommandMentions();
    const access = { allowedGuildIds: new Set(config.ALLOWED_GUILD_IDS), requiredRoleId: config.REQUIRED_ROLE_ID };
    const members = new GuildMembers(() => client!.rest, access, clock); // member lookups use the client's REST once logged in
    const router = createRouter({ commands: await loadCommands(), ctx, log, notices, work, mentions, access, members });
    const shards =
      config.KEYWARD_SHARD_COUNT > 0
        ? {
            shardCount: config.KEYWARD_SHARD_COUNT,
            shards: config.KEYWARD_SHARD_IDS.length > 0 ? config.KEYWARD_SHARD_IDS : [...Array(config.KEYWARD_SHARD_COUNT).keys()],
          }
        : { shards: 'auto' as const };
    const loggingIn = startBot({
      token: config.DISCORD_TOKEN!,
      apiUrl: config.DISCORD_API_URL,
      onInteraction: router,
      log,
      readyTimeoutMs: config.DISCORD_READY_TIMEOUT_SECONDS * 1000,
      ...shards,
    });
    exchanges.prepareCatalog(); // while the login waits on the network
    client = await loggingIn;
    // plain "/keys test" until the ids are read; a failure here is no reason not to start
    await mentions
      .load(client.rest, client.application.id, config.ALLOWED_GUILD_IDS)
      .catch((err: unknown) => log.warn({ err }, 'could not read the registered command ids; replies name commands as plain text'));
    dms = new DiscordDms(client.rest, links, exchanges, log, clock, config.REMINDER_CHANNEL_ID);
    scheduler = new Scheduler(
      { store, clock, dms, throttle: new DmThrottle(store.coordination, config.DM_PER_SECOND), notices, defaultDays: config.ROTATION_DAYS, log, keys, members },
      // never queue more than the DM pace delivers within a claim's lease
      {
        healthIntervalMs: config.HEALTH_CHECK_HOURS * HOUR,
        tickMs: config.SCHEDULER_TICK_SECONDS * 1000,
        leaseMs: LEASE_MS,
        maxQueued: Math.floor((config.DM_PER_SECOND * LEASE_MS) / 2000),
      },
    );
    if (opts.autoTick !== false) scheduler.start();
    log.info({ store: store.kind, keyVersion: vault.currentVersion, healthPort: health?.port }, 'Keyward is ready');
    exchanges.preload(); // ccxt loads now, not during the first key check
  } catch (err) {
    // a failed start leaves no open database behind (SQLite's -wal/-shm files go with the last close)
    await closeHealth();
    await keyringWatch?.stop().catch(() => undefined);
    await store.close().catch(() => undefined);
    throw err;
  }
  let stopped: Promise<void> | undefined;
  return {
    client,
    store,
    log,
    scheduler,
    healthPort: health?.port,
    stop: () =>
      (stopped ??= (async () => {
        const finished = await work!.drain(SHUTDOWN_GRACE_MS);
        log.info({ finished, abandoned: work!.inProgress }, 'shutting down');
        await scheduler!.stop();
        await keyringWatch!.stop();
        await client!.destroy();
        await closeHealth();
        await store!.close();
      })()),
  };
}

async function main(): Promise<void> {
  loadDotEnv();
  // listening before the start: a stop asked for while starting (a supervisor's SIGTERM right after
  // "ready") waits for the start to finish and then shuts down cleanly, instead of killing the process
  let requested: string | undefined;
  let stop = (signal: string) => {
    if (requested) process.exit(130); // asked twice while still starting: quit at once
    requested = signal;
    process.stderr.write(`${signal}: Keyward stops as soon as it has finished starting (send it again to quit at once).\n`);
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  const app = await startKeyward(await loadCheckedConfig(process.env));
  installProcessGuards(app.log);
  let stopping = false;
  stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'stop requested');
    app.stop().then(
      () => process.exit(0),
      (err: unknown) => exitWithError(err, app.log),
    );
  };
  if (requested) stop(requested);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main().catch((err) => exitWithError(err));
