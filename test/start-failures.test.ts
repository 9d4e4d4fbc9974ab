import { chmod, mkdir, readdir, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { statSync } from 'node:fs';
import { join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAKE_BOT_TOKEN, startFakeDiscord, type FakeDiscord } from './fakes/discord/index.js';
import { freePort } from './e2e/process-helpers.js';
import { runEntry } from './helpers/spawn.js';
import { useTempDirs } from './helpers/temp.js';

const tempDir = useTempDirs();
const GUILD = '100000000000000001';
const NOBODY = 65534;
const asRoot = process.getuid?.() === 0;

/** Whether another user can reach this checkout (every folder above it searchable by others): the test running as that user needs it. */
function checkoutReachableByOthers(): boolean {
  const root = fileURLToPath(new URL('../', import.meta.url));
  const parts = root.split(sep).filter(Boolean);
  return parts.every((_, i) => (statSync(sep + parts.slice(0, i + 1).join(sep)).mode & 0o001) !== 0);
}

/** Every failure below must end the process with one sentence and leave the working directory as it was. */
describe('a start that cannot succeed', () => {
  let discord: FakeDiscord;
  let silent: FakeDiscord;
  beforeAll(async () => {
    discord = await startFakeDiscord();
    discord.addGuild({ id: GUILD });
    silent = await startFakeDiscord({ silentGateway: true });
    silent.addGuild({ id: GUILD });
  });
  afterAll(async () => {
    await discord?.close();
    await silent?.close();
  });
  const bot = (fake: FakeDiscord, more: Record<string, string> = {}) => ({
    DISCORD_TOKEN: fake.token,
    ALLOWED_GUILD_IDS: GUILD,
    DISCORD_API_URL: fake.apiUrl,
    ...more,
  });

  it('gives up on a gateway that never answers with a sentence naming the gateway, exit code 1, and the store closed', async () => {
    const cwd = await tempDir();
    const run = await runEntry('src/main.ts', [], { cwd, env: bot(silent, { DISCORD_READY_TIMEOUT_SECONDS: '5' }), timeoutMs: 40_000 });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('gateway (a WebSocket connection) did not answer within 5 s');
    expect(run.stderr).not.toContain('unexpected error');
    // SQLite removes its -wal and -shm files when the last connection closes
    expect((await readdir(join(cwd, 'data'))).sort()).toEqual(['keyward.sqlite']);
  }, 60_000);

  it('says HEALTH_PORT is in use, not EADDRINUSE, and writes nothing', async () => {
    const cwd = await tempDir();
    const taken = createServer();
    await new Promise<void>((r) => taken.listen(0, '127.0.0.1', r));
    const port = (taken.address() as { port: number }).port;
    try {
      const run = await runEntry('src/main.ts', [], { cwd, env: bot(discord, { HEALTH_PORT: String(port) }) });
      expect(run.code).toBe(1);
      expect(run.stderr.trim()).toBe(
        `HEALTH_PORT ${port} is already in use on 127.0.0.1. Stop what listens there, or set another HEALTH_PORT (0 turns the health endpoint off).`,
      );
      expect(await readdir(cwd)).toEqual([]);
    } finally {
      taken.close();
    }
  });

  it('refuses a STORE_URL that would open a new store somewhere else, together with an unknown sandbox exchange, and writes nothing', async () => {
    const cwd = await tempDir();
    const run = await runEntry('src/main.ts', [], {
      cwd,
      env: bot(discord, { STORE_URL: 'sqlite:data/keyward.sqlite', EXCHANGE_SANDBOX: 'binance,binanse-typo' }),
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('- STORE_URL: must be sqlite://');
    expect(run.stderr).toContain('- EXCHANGE_SANDBOX: entry 2 is not an exchange id ccxt knows');
    expect(run.stderr).not.toContain('binanse-typo');
    expect(await readdir(cwd)).toEqual([]);
  });

  it('names the keyring path and the fix when the keyring cannot be created there, before creating the store', async () => {
    const cwd = await tempDir();
    await writeFile(join(cwd, 'secrets'), 'a file where a directory should be');
    const run = await runEntry('src/main.ts', [], { cwd, env: bot(discord) });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('The keyring file secrets/keyring.json does not exist, and this user cannot create it');
    expect(run.stderr).toContain('npm run keyring -- init');
    expect(await readdir(cwd)).toEqual(['secrets']);
  });

  // skipped where the checkout itself is private (e.g. a clone inside a 0700 temporary folder): that user could not even start node on it
  it.runIf(asRoot && checkoutReachableByOthers())("as an unprivileged user, says the store's directory is not writable by this user", async () => {
    const cwd = await tempDir();
    await chmod(cwd, 0o755); // readable, not writable, by that user
    const keyrings = join(cwd, 'keyrings');
    await mkdir(keyrings, { mode: 0o777 });
    await chmod(keyrings, 0o777);
    const run = await runEntry('src/main.ts', [], { cwd, env: bot(discord, { KEYRING_FILE: join(keyrings, 'keyring.json') }), uid: NOBODY });
    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toBe(
      `The store (sqlite at ${join(cwd, 'data', 'keyward.sqlite')}) could not be opened: its directory is not writable by this user. Give this user write access to that directory (chown), or point STORE_URL at one it owns.`,
    );
    expect(await readdir(keyrings)).toEqual([]);
  });
});

describe("the operator's tools", () => {
  it('keyring init leaves the mode of an existing directory alone and makes only the directories it creates private', async () => {
    const cwd = await tempDir();
    await chmod(cwd, 0o755);
    const run = await runEntry('src/cli/keyring.ts', ['init'], { cwd, env: { KEYRING_FILE: 'keyring.json' } });
    expect(run.code, run.stderr).toBe(0);
    expect((await stat(cwd)).mode & 0o777).toBe(0o755);
    expect((await stat(join(cwd, 'data'))).mode & 0o777).toBe(0o700);
    expect((await stat(join(cwd, 'keyring.json'))).mode & 0o777).toBe(0o400);
  });

  it('deploy-commands -- --invite-url prints the invite link for the application the token belongs to, without calling Discord', async () => {
    const cwd = await tempDir();
    const run = await runEntry('src/cli/deploy-commands.ts', ['--invite-url'], {
      cwd,
      env: { DISCORD_TOKEN: FAKE_BOT_TOKEN, ALLOWED_GUILD_IDS: GUILD, DISCORD_API_URL: `http://127.0.0.1:${await freePort()}/api` },
    });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout.trim()).toBe('https://discord.com/oauth2/authorize?client_id=1100000000000000001&scope=bot+applications.commands&permissions=3072');
  });

  it('keyring status and doctor only read: in an empty directory they create nothing', async () => {
    const cwd = await tempDir();
    const status = await runEntry('src/cli/keyring.ts', ['status'], { cwd, env: {} });
    expect(status.code).toBe(0);
    expect(status.stdout).toContain('No keyring at secrets/keyring.json yet');
    const doctor = await runEntry('src/cli/doctor.ts', [], {
      cwd,
      env: { DISCORD_TOKEN: 'MTEw.x.y', ALLOWED_GUILD_IDS: GUILD, DISCORD_API_URL: `http://127.0.0.1:${await freePort()}/api` },
    });
    expect(doctor.stdout).toContain('store: no database at');
    expect(doctor.stdout).toContain('keyring: none at secrets/keyring.json yet');
    expect(await readdir(cwd)).toEqual([]);
  });

  it('doctor still checks the keyring and Discord when the store cannot be opened', async () => {
    const cwd = await tempDir();
    await mkdir(join(cwd, 'data'));
    await writeFile(join(cwd, 'data', 'keyward.sqlite'), 'not a database '.repeat(100));
    const doctor = await runEntry('src/cli/doctor.ts', [], {
      cwd,
      env: { DISCORD_TOKEN: 'MTEw.x.y', ALLOWED_GUILD_IDS: GUILD, DISCORD_API_URL: `http://127.0.0.1:${await freePort()}/api` },
    });
    expect(doctor.code).toBe(1);
    expect(doctor.stdout).toMatch(/✗ store: .*damaged/);
    expect(doctor.stdout).toContain('keyring: none at secrets/keyring.json yet');
    expect(doctor.stdout).toContain('Discord: unreachable');
    expect((await readdir(cwd)).sort()).toEqual(['data']);
  });
});

describe('npm run backup', () => {
  it('refuses a target under /proc at once, before opening the store', async () => {
    const cwd = await tempDir();
    const started = Date.now();
    const run = await runEntry('src/cli/backup.ts', ['/proc/keyward-backups'], { cwd, env: {}, timeoutMs: 15_000 });
    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toBe('Cannot write a backup to /proc/keyward-backups: the directory cannot be created (ENOENT). Choose a writable directory.');
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(await readdir(cwd)).toEqual([]);
  });

  it("refuses a target inside the keyring's directory", async () => {
    const cwd = await tempDir();
    const run = await runEntry('src/cli/backup.ts', ['secrets/backups'], { cwd, env: {} });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      `Refusing to write the backup to ${join(cwd, 'secrets', 'backups')}: it is inside the keyring's directory ${join(cwd, 'secrets')}`,
    );
    expect(await readdir(cwd)).toEqual([]);
  });
});
