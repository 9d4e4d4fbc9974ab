import { systemClock } from '../clock.js';
import { loadCheckedConfig, loadDotEnv } from '../config.js';
import { exitWithError } from '../fatal.js';
import { createLogger, SecretScrubber } from '../log.js';
import { openStore, storeExists } from '../store/index.js';
import { assertKeyringCreatable, openVault, readKeyringFile, retireMasterKey, rotateMasterKey, type KeyringToolOptions } from '../vault/index.js';

const USAGE = `usage: npm run keyring -- <command>
  init              create the keyring file if it does not exist yet (refused when the store has data)
  status            show the master key versions and how many users each protects
  rotate            add a master key version and re-wrap every user's data key under it
                    (safe to run again after an interruption: it resumes)
  retire <version>  remove a version once no data key and no running process uses it`;

/** The operator's keyring tool: status, rotate, retire. Prints counts and versions, never key bytes. */
async function run(args: string[]): Promise<void> {
  loadDotEnv();
  const config = await loadCheckedConfig(process.env, 'tool');
  const [command, arg] = args;
  const log = createLogger({ level: config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL, scrubber: new SecretScrubber() });
  // status only reads: with no keyring or no database yet it says so and creates neither
  if (command === 'status' && (!storeExists(config.STORE_URL) || !(await readKeyringFile(config.KEYRING_FILE)))) {
    console.log(`No keyring at ${config.KEYRING_FILE} yet (or no store yet): the first start, or "npm run keyring -- init", creates it.`);
    return;
  }
  if (command === 'init') await assertKeyringCreatable(config.KEYRING_FILE);
  const store = await openStore(config.STORE_URL, systemClock);
  const opts: KeyringToolOptions = { keyringPath: config.KEYRING_FILE, dataKeys: store, state: store, locks: store, log };
  try {
    if (command === 'init') {
      const vault = await openVault(opts);
      console.log(`Keyring ready at ${config.KEYRING_FILE} (current version ${vault.currentVersion}).`);
    } else if (command === 'rotate') {
      const r = await rotateMasterKey(opts);
      console.log(`${r.resumed ? 'Resumed' : 'Rotated'} to master key version ${r.version}; re-wrapped ${r.rewrapped} data key(s).`);
      console.log('Back up the keyring file again. Retire the old version with: npm run keyring -- retire <version>');
    } else if (command === 'retire' && arg && /^\d+$/.test(arg)) {
      await retireMasterKey(opts, Number(arg));
      console.log(`Retired master key version ${arg}.`);
    } else if (command === 'status') {
      const vault = await openVault({ ...opts, readOnly: true });
      const counts = new Map<number, number>();
      for await (const userId of store.usersWithDataKeys()) {
        const kid = (await store.getDataKey(userId))!.kid;
        counts.set(kid, (counts.get(kid) ?? 0) + 1);
      }
      for (const v of vault.versions) console.log(`version ${v}${v === vault.currentVersion ? ' (current)' : ''}: ${counts.get(v) ?? 0} user(s)`);
      for (const use of await store.keyringUses()) console.log(`running: ${use.processId} wraps new keys with version ${use.version}`);
      const state = await store.getKeyringState();
      if (state?.rotatingTo) console.log(`A rotation to version ${state.rotatingTo} is unfinished: run "npm run keyring -- rotate" to resume it.`);
    } else {
      console.error(USAGE);
      process.exitCode = 2;
    }
  } finally {
    await store.close();
  }
}

// exit as soon as the work is done: a store client's timers must not keep the process waiting
run(process.argv.slice(2)).then(
  () => process.exit(process.exitCode ?? 0),
  (err) => exitWithError(err),
);
