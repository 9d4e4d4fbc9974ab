import { systemClock } from '../clock.js';
import { loadCheckedConfig, loadDotEnv, type Config } from '../config.js';
import { ExchangeGateway, formatDrift } from '../exchanges/index.js';
import { fetchBotUsername } from '../discord/bot-identity.js';
import { isAppError } from '../errors.js';
import { createLogger, SecretScrubber } from '../log.js';
import { openStore, sqlitePath, storeExists, type Store } from '../store/index.js';
import { openVault, readKeyringFile } from '../vault/index.js';
import { isIP } from 'node:net';
import { countIpMove, ipMoveLines } from './ip-move.js';

type Line = { ok: boolean | 'warn'; text: string };
const mark = (l: Line) => (l.ok === true ? '✓' : l.ok === 'warn' ? '!' : '✗');
const reason = (err: unknown) => (isAppError(err) ? err.message : err instanceof Error ? err.message : String(err));

/**
 * npm run doctor -- --ips <a,b>: how many stored keys, per exchange, would be refused if the bot's
 * requests left from these addresses. Reads key metadata only; never opens the keyring.
 */
async function ipMove(list: string): Promise<number> {
  loadDotEnv();
  const ips = list
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);
  const bad = ips.map((ip, i) => (isIP(ip) === 0 ? i + 1 : 0)).filter(Boolean);
  if (ips.length === 0 || bad.length > 0) {
    process.stderr.write(`--ips needs IPv4 or IPv6 addresses, comma-separated${bad.length > 0 ? ` (entry ${bad.join(', ')} is not one)` : ''}\n`);
    return 2;
  }
  const config = await loadCheckedConfig(process.env, 'tool');
  if (!storeExists(config.STORE_URL)) {
    process.stdout.write(`no database at ${sqlitePath(config.STORE_URL)}: no stored keys\n`);
    return 0;
  }
  const store = await openStore(config.STORE_URL, systemClock);
  try {
    const keys = [];
    for await (const userId of store.users()) keys.push(...(await store.listCredentials(userId)));
    process.stdout.write(`${ipMoveLines(countIpMove(keys, ips), ips).join('\n')}\n`);
    return 0;
  } finally {
    await store.close().catch(() => undefined);
  }
}

/** npm run doctor: a readable report of everything the bot depends on; exit 1 when something is broken. */
async function run(): Promise<number> {
  loadDotEnv();
  const lines: Line[] = [];
  const say = (l: Line) => {
    lines.push(l);
    process.stdout.write(`${mark(l)} ${l.text}\n`);
  };
  process.stdout.write('Keyward doctor\n');
  let config: Config;
  try {
    config = await loadCheckedConfig(process.env);
    say({ ok: true, text: `configuration: valid (${config.ALLOWED_GUILD_IDS.length} allowed server(s), store ${config.STORE_URL.split(':', 1)[0]})` });
  } catch (err) {
    say({ ok: false, text: `configuration: ${reason(err)}` });
    return 1;
  }
  const scrubber = new SecretScrubber();
  scrubber.addPermanent(config.DISCORD_TOKEN);
  const log = createLogger({ level: 'silent', scrubber });
  let store: Store | undefined;
  // read-only: a missing database or keyring is reported, never created
  if (!storeExists(config.STORE_URL)) {
    say({ ok: 'warn', text: `store: no database at ${sqlitePath(config.STORE_URL)} yet; the first start creates it` });
  } else {
    try {
      store = await openStore(config.STORE_URL, systemClock);
      let users = 0;
      for await (const _ of store.users()) users += 1;
      say({ ok: true, text: `store: ${store.kind} reachable, ${users} user(s)` });
    } catch (err) {
      say({ ok: false, text: `store: ${reason(err)}` });
    }
  }
  say(await keyringLine(config, store, log));
  try {
    const username = await fetchBotUsername(config.DISCORD_TOKEN!, config.DISCORD_API_URL, 10_000);
    say({ ok: true, text: `Discord: token accepted (bot "${username ?? '?'}")` });
  } catch (err) {
    say({ ok: false, text: `Discord: ${/401|Unauthorized/i.test(reason(err)) ? 'the token was refused' : `unreachable (${scrubber.scrub(reason(err))})`}` });
  }
  for (const line of await clockLines(config, store, log, scrubber)) say(line);
  await store?.close().catch(() => undefined);
  return lines.some((l) => l.ok === false) ? 1 : 0;
}

/** The keyring on its own, so that a store which fails still leaves this line to read. */
async function keyringLine(config: Config, store: Store | undefined, log: ReturnType<typeof createLogger>): Promise<Line> {
  try {
    const keyring = await readKeyringFile(config.KEYRING_FILE);
    if (!keyring) return { ok: 'warn', text: `keyring: none at ${config.KEYRING_FILE} yet; the first start creates it (back it up then)` };
    if (!store)
      return {
        ok: 'warn',
        text: `keyring: ${config.KEYRING_FILE} readable, version(s) ${[...keyring.keys.keys()].join(', ')}; not checked against the store, which is not available`,
      };
    const vault = await openVault({ keyringPath: config.KEYRING_FILE, dataKeys: store, state: store, log, readOnly: true });
    return { ok: true, text: `keyring: ${config.KEYRING_FILE}, version(s) ${vault.versions.join(', ')} (current ${vault.currentVersion}), canaries verified` };
  } catch (err) {
    return { ok: false, text: `keyring: ${reason(err)}` };
  }
}

/** Clock drift against every exchange with stored keys or an endpoint override, where reachable. */
async function clockLines(config: Config, store: Store | undefined, log: ReturnType<typeof createLogger>, scrubber: SecretScrubber): Promise<Line[]> {
  const ids = new Set(Object.keys(config.EXCHANGE_API_OVERRIDES));
  if (store) {
    for await (const userId of store.users()) for (const c of await store.listCredentials(userId).catch(() => [])) ids.add(c.exchange);
  }
  if (ids.size === 0) return [{ ok: true, text: 'clock: no exchange in use yet' }];
  const gateway = new ExchangeGateway({
    overrides: config.EXCHANGE_API_OVERRIDES,
    sandbox: config.EXCHANGE_SANDBOX,
    concurrency: 2,
    allowWithdraw: false,
    validationTimeoutMs: 10_000,
    clock: systemClock,
    log,
    scrubber,
  });
  return Promise.all(
    [...ids].slice(0, 12).map(async (id): Promise<Line> => {
      try {
        const reading = await gateway.clockReading(id);
        if (!reading) return { ok: 'warn', text: `clock: ${id} does not report its time` };
        const far = Math.abs(reading.driftMs) > 1_000;
        return { ok: far ? 'warn' : true, text: `clock: ${id} ${formatDrift(reading.driftMs)}${far ? ' — sync this machine with NTP' : ''}` };
      } catch (err) {
        return { ok: 'warn', text: `clock: ${id} unreachable (${err instanceof Error ? err.name : 'error'})` };
      }
    }),
  );
}

const ipsAt = process.argv.indexOf('--ips');
(ipsAt >= 0 ? ipMove(process.argv[ipsAt + 1] ?? '') : run()).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`doctor failed: ${reason(err)}\n`);
    process.exit(1);
  },
);
