import { pathToFileURL } from 'node:url';
import { systemClock, type Clock } from './clock.js';
import { loadCheckedConfig, loadDotEnv, type BotConfig } from './config.js';
import { connectBot, createBot, type BotClient } from './discord/bot.js';
import { loadCommands } from './discord/loader.js';
import { createRouter } from './discord/router.js';
import { WorkTracker } from './discord/work-tracker.js';
import { exitWithError } from './fatal.js';
import { startHealthServer } from './health.js';
import { createLogger, SecretScrubber, type Logger } from './log.js';
import { installProcessGuards } from './process-guards.js';
import type { Scheduler } from './reminders/scheduler.js';
import { openStore, type Store } from './store/index.js';
import { assertKeyringCreatable } from './vault/index.js';
import { QuietTask } from './quiet-task.js';
import { Closers } from './wiring/closers.js';
import { botOptions, buildDiscord } from './wiring/discord.js';
import { buildExchanges } from './wiring/exchanges.js';
import { openWatchedVault } from './wiring/keyring.js';
import { buildScheduler } from './wiring/scheduler.js';
import { buildServices } from './wiring/services.js';

const SHUTDOWN_GRACE_MS = 10_000;
/** ccxt is imported after this long without an interaction once ready, or this long after ready at the latest */
const CCXT_QUIET_MS = 300;
const CCXT_LATEST_MS = 10_000;

export interface Keyward {
  client: BotClient;
  store: Store;
  log: Logger;
  scheduler: Scheduler;
  healthPort?: number;
  /** Settles once the registered command ids are read after ready (or could not be); until then replies name commands as plain text. */
  commandIdsRead: Promise<void>;
  /** Stops taking work, lets running interactions finish (up to 10 s), then closes everything. */
  stop(): Promise<void>;
}

/** The composition root: every dependency is built here, in order, and passed explicitly. */
export async function startKeyward(config: BotConfig, opts: { clock?: Clock; writeLog?: (line: string) => void; autoTick?: boolean } = {}): Promise<Keyward> {
  const clock = opts.clock ?? systemClock;
  const scrubber = new SecretScrubber();
  scrubber.addPermanent(config.DISCORD_TOKEN);
  const log = createLogger({ level: config.LOG_LEVEL, scrubber, write: opts.writeLog });
  const open = new Closers();
  try {
    // the health port first: a port in use is reported before anything is written
    const health = config.HEALTH_PORT > 0 ? await startHealthServer(config.HEALTH_PORT) : undefined;
    if (health) open.add(() => health.close());
    await assertKeyringCreatable(config.KEYRING_FILE);
    const store = await openStore(config.STORE_URL, clock, { log });
    open.add(() => store.close());
    const { vault, keyringWatch } = await openWatchedVault(config, store, log);
    open.add(() => keyringWatch.stop());
    const exchanges = buildExchanges(config, { clock, log, scrubber });
    const bot = createBot(botOptions(config)); // not connected yet; DMs and member lookups are built on its REST client
    open.add(() => bot.destroy());
    const work = new WorkTracker();
    health?.serve({ discordReady: () => bot.isReady(), storeReachable: () => store.ping(), shuttingDown: () => work.closing });
    const discord = buildDiscord(config, bot, { store, catalog: exchanges, clock, log });
    const services = buildServices(config, { store, vault, exchanges, discord, clock, log });
    const scheduler = buildScheduler(config, { store, clock, log, discord, services });
    const { access, members, mentions } = discord;
    const router = createRouter({ commands: await loadCommands(), ctx: services.ctx, log, notices: services.notices, work, mentions, access, members });
    const preload = new QuietTask(() => exchanges.preload(), CCXT_QUIET_MS, CCXT_LATEST_MS); // ccxt, once the start's first interactions are answered
    open.add(async () => preload.stop());
    const onInteraction: typeof router = (interaction) => {
      preload.busy();
      return router(interaction);
    };
    const connecting = connectBot(bot, { token: config.DISCORD_TOKEN, onInteraction, log, readyTimeoutMs: config.DISCORD_READY_TIMEOUT_SECONDS * 1000 });
    exchanges.prepareCatalog(); // while the login waits on the network, not during the first /connect
    const client = await connecting;
    open.add(() => scheduler.stop());
    if (opts.autoTick !== false) scheduler.start();
    log.info({ store: store.kind, keyVersion: vault.currentVersion, healthPort: health?.port }, 'Keyward is ready');
    // after ready, not before it: replies say plain "/keys test" until the ids arrive, and a failure is no reason to stop
    const commandIdsRead = mentions
      .load(client.rest, client.application.id, config.ALLOWED_GUILD_IDS)
      .catch((err: unknown) => log.warn({ err }, 'could not read the registered command ids; replies name commands as plain text'));
    preload.start(); // so the first key check does not wait for ccxt either
    let stopped: Promise<void> | undefined;
    return {
      client,
      store,
      log,
      scheduler,
      healthPort: health?.port,
      commandIdsRead,
      stop: () =>
        (stopped ??= (async () => {
          const finished = await work.drain(SHUTDOWN_GRACE_MS);
          log.info({ finished, abandoned: work.inProgress }, 'shutting down');
          await open.closeAll(); // the scheduler, Discord, the keyring watch, the store, then the health port
        })()),
    };
  } catch (err) {
    // a failed start leaves no open database behind (SQLite's -wal/-shm files go with the last close)
    await open.closeQuietly();
    throw err;
  }
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
