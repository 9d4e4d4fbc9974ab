import { join } from 'node:path';
import { systemClock } from '../clock.js';
import { loadConfig, loadDotEnv } from '../config.js';
import { exitWithError } from '../fatal.js';
import { openStore } from '../store/index.js';
import { refuseUnusableBackupTarget } from './backup-target.js';

/**
 * npm run backup -- <directory>: a consistent copy of the SQLite store, safe while the bot runs.
 * The keyring is never copied with it: back it up separately, or the two halves travel together.
 */
async function run(args: string[]): Promise<number> {
  loadDotEnv();
  const config = loadConfig(process.env, 'tool');
  const [dir] = args;
  if (!dir) {
    process.stderr.write('usage: npm run backup -- <directory>\n');
    return 2;
  }
  await refuseUnusableBackupTarget(dir, config.KEYRING_FILE);
  const store = await openStore(config.STORE_URL, systemClock);
  try {
    if (store.kind !== 'sqlite') {
      process.stderr.write(
        store.kind === 'redis'
          ? 'Back up Redis with its own tools: redis-cli --rdb <file> (or copy its RDB/AOF files).\n'
          : 'Back up Postgres with its own tools: pg_dump --schema=<schema> <database>.\n',
      );
      return 2;
    }
    const file = join(dir, `keyward-${new Date().toISOString().replace(/[:.]/g, '-')}.sqlite`);
    await store.snapshot(file);
    process.stdout.write(`Wrote ${file}\nBack up the keyring (${config.KEYRING_FILE}) separately, and never next to this file.\n`);
    return 0;
  } finally {
    await store.close();
  }
}

run(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => exitWithError(err),
);
