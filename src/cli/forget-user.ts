import { systemClock } from '../clock.js';
import { loadConfig, loadDotEnv } from '../config.js';
import { Links } from '../discord/links.js';
import { exitWithError } from '../fatal.js';
import { ValidationQuota } from '../keys/validation-quota.js';
import { createLogger, SecretScrubber } from '../log.js';
import { healthMember, reminderMember } from '../reminders/schedule.js';
import { openStore } from '../store/index.js';
import { openVault } from '../vault/index.js';

const USAGE = `usage: npm run forget-user -- <discord user id>
  destroys the user's data key and deletes every record, link, key-check window and schedule of
  theirs, as /keys forget does (for users who left the server; notices posted in Discord stay)`;

/** The operator's /keys forget, for a user who can no longer run it (they left the server). */
async function run(args: string[]): Promise<void> {
  const [userId] = args;
  if (!userId || !/^\d{1,20}$/.test(userId)) {
    console.error(USAGE);
    process.exitCode = 2;
    return;
  }
  loadDotEnv();
  const config = loadConfig(process.env, 'tool');
  const log = createLogger({ level: 'warn', scrubber: new SecretScrubber() });
  const store = await openStore(config.STORE_URL, systemClock);
  try {
    const vault = await openVault({ keyringPath: config.KEYRING_FILE, dataKeys: store, state: store, log });
    const keys = await store.withUserLock(userId, async () => {
      const count = (await store.listCredentials(userId)).length;
      await vault.shred(userId);
      await store.forgetUser(userId);
      return count;
    });
    await new Links(store.coordination).forgetUser(userId);
    await new ValidationQuota(store.coordination, systemClock, 1, 1).forget(userId);
    for (const member of [reminderMember(userId), healthMember(userId)]) await store.coordination.unschedule(member);
    console.log(`Forgot user ${userId}: ${keys} key(s) and every record of theirs deleted.`);
  } finally {
    await store.close();
  }
}

run(process.argv.slice(2)).catch((err) => exitWithError(err));
