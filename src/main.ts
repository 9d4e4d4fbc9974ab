import { systemClock } from './clock.js';
import { loadConfig, loadDotEnv } from './config.js';
import { exitWithError } from './fatal.js';
import { createLogger, SecretScrubber } from './log.js';
import { openStore } from './store/index.js';
import { openVault } from './vault/index.js';

/** The composition root: every dependency is built here and passed explicitly. */
async function main(): Promise<void> {
  loadDotEnv();
  const config = loadConfig(process.env);
  const scrubber = new SecretScrubber();
  scrubber.addPermanent(config.DISCORD_TOKEN);
  const log = createLogger({ level: config.LOG_LEVEL, scrubber });
  const store = await openStore(config.STORE_URL, systemClock);
  const vault = await openVault({ keyringPath: config.KEYRING_FILE, dataKeys: store, state: store, log });
  log.info({ store: store.kind, keyVersion: vault.currentVersion }, 'store and keyring ready');
}

main().catch((err) => exitWithError(err));
