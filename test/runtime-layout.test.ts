import { execFile } from 'node:child_process';
import { chmod, chown, mkdir, mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CONFIG_VARIABLES } from '../src/config.js';
import { startFakeDiscord, type FakeDiscord } from './fakes/discord/index.js';
import { freePort, startProcess } from './e2e/process-helpers.js';
import { useTempDirs } from './helpers/temp.js';

const tempDir = useTempDirs();
const run = promisify(execFile);
const GUILD = '100000000000000001';
const asRoot = process.getuid?.() === 0;
/** The image's "node" user (Dockerfile: USER node, uid 1000). */
const NODE_UID = 1000;

/** The ENV block of the Dockerfile's runtime stage, as the container sees it. */
async function imageEnvironment(): Promise<Record<string, string>> {
  const dockerfile = await readFile(new URL('../Dockerfile', import.meta.url), 'utf8');
  const runtime = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));
  const block = /\nENV ((?:.*\\\n)*.*)/.exec(runtime)![1]!.replace(/\\\n/g, ' ');
  return Object.fromEntries([...block.matchAll(/([A-Z_]+)=(\S+)/g)].map((m) => [m[1]!, m[2]!]));
}

describe('the Docker image, as far as it can be tested without a Docker engine', () => {
  it('compose.example.yaml is valid YAML whose bots keep the store, the keyring directory and the health port whatever .env says', async () => {
    const compose = parse(await readFile(new URL('../compose.example.yaml', import.meta.url), 'utf8'), { merge: true }) as {
      services: Record<
        string,
        { env_file?: string; environment?: Record<string, string>; volumes?: string[]; stop_grace_period?: string; depends_on?: object }
      >;
    };
    const bots = Object.entries(compose.services).filter(([name]) => name.startsWith('keyward'));
    expect(bots.length).toBe(2);
    expect(new Set(bots.map(([, s]) => s.environment?.KEYWARD_SHARD_IDS))).toEqual(new Set(['0', '1']));
    for (const [, bot] of bots) {
      const env = bot.environment!;
      for (const name of Object.keys(env)) expect(CONFIG_VARIABLES).toContain(name);
      expect(bot.env_file).toBe('.env');
      expect(env.STORE_URL).toMatch(/^redis:\/\/redis:6379\//);
      expect(Number(env.HEALTH_PORT)).toBeGreaterThan(0);
      // the directory is mounted, so a rotated keyring (a new file renamed in) reaches running bots
      const keyringDir = env.KEYRING_FILE!.slice(0, env.KEYRING_FILE!.lastIndexOf('/'));
      expect(bot.volumes?.some((v) => v.split(':')[1] === keyringDir)).toBe(true);
      expect(Number.parseInt(bot.stop_grace_period!, 10)).toBeGreaterThan(10);
      expect(bot.depends_on).toEqual({ redis: { condition: 'service_healthy' } });
    }
  });

  it('a copy of .env.example used as an env file sets none of the paths or the port the image chooses', async () => {
    const lines = (await readFile(new URL('../.env.example', import.meta.url), 'utf8')).split('\n');
    const set = lines.filter((l) => /^[A-Z_]+=/.test(l)).map((l) => l.slice(0, l.indexOf('=')));
    for (const name of Object.keys(await imageEnvironment())) expect(set).not.toContain(name);
  });

  describe("the runtime layout (npm ci, build, prune) started as an unprivileged user with the image's environment", () => {
    let layout: string;
    let discord: FakeDiscord;
    beforeAll(async () => {
      discord = await startFakeDiscord();
      discord.addGuild({ id: GUILD });
      layout = await mkdtemp(join(tmpdir(), 'keyward-layout-')); // kept for every test of this block
      await chmod(layout, 0o755); // root-owned and readable, as COPY --chown=root:root leaves /app
      await run('bash', [new URL('../scripts/runtime-layout.sh', import.meta.url).pathname, layout], { timeout: 240_000 });
    }, 300_000);
    afterAll(async () => {
      await discord?.close();
      await rm(layout, { recursive: true, force: true });
    });

    it('holds no sources and no dev tools', async () => {
      expect((await readdir(layout)).sort()).toEqual(['dist', 'node_modules', 'package.json']);
      const modules = await readdir(join(layout, 'node_modules'));
      for (const dev of ['vitest', 'typescript', 'tsx', 'yaml']) expect(modules).not.toContain(dev);
    });

    it.runIf(asRoot)(
      'becomes ready, answers its own HEALTHCHECK and stops cleanly on SIGTERM',
      async () => {
        // stand-ins for the image's /data volume and /run/secrets, owned by the node user as the Dockerfile says
        const root = await tempDir();
        await chmod(root, 0o755);
        const data = join(root, 'data');
        const secrets = join(root, 'secrets');
        for (const dir of [data, secrets]) {
          await mkdir(dir, { mode: 0o700 });
          await chown(dir, NODE_UID, NODE_UID);
        }
        const image = await imageEnvironment();
        const env = {
          ...image,
          STORE_URL: image.STORE_URL!.replace('/data', data),
          KEYRING_FILE: image.KEYRING_FILE!.replace('/run/secrets', secrets),
          HEALTH_PORT: String(await freePort()),
          DISCORD_TOKEN: discord.token,
          ALLOWED_GUILD_IDS: GUILD,
          DISCORD_API_URL: discord.apiUrl,
        };
        expect(image.NODE_ENV).toBe('production');
        const init = await run(process.execPath, ['dist/src/cli/keyring.js', 'init'], {
          cwd: layout,
          env: { ...env, PATH: process.env.PATH },
          uid: NODE_UID,
          gid: NODE_UID,
        });
        expect(init.stdout).toContain('Keyring ready');
        const bot = startProcess(
          'setpriv',
          [`--reuid=${NODE_UID}`, `--regid=${NODE_UID}`, '--clear-groups', process.execPath, 'dist/src/main.js'],
          env,
          layout,
        );
        try {
          await bot.waitFor('Keyward is ready', 60_000);
          // the image's HEALTHCHECK: CMD ["node", "dist/src/cli/healthcheck.js"], with the container's environment
          const health = await run(process.execPath, ['dist/src/cli/healthcheck.js'], {
            cwd: layout,
            env: { ...env, PATH: process.env.PATH },
            uid: NODE_UID,
            gid: NODE_UID,
          });
          expect(JSON.parse(health.stdout)).toMatchObject({ status: 'ok', discord: 'ready', store: 'reachable' });
        } finally {
          expect(await bot.stop()).toBe(0);
        }
        expect(bot.output()).not.toMatch(/unexpected error|EACCES/);
      },
      120_000,
    );

    it.runIf(asRoot)(
      'without the keyring mounted, names the path and the fix, and writes nothing to the data volume',
      async () => {
        const root = await tempDir();
        await chmod(root, 0o755);
        const data = join(root, 'data');
        await mkdir(data, { mode: 0o700 });
        await chown(data, NODE_UID, NODE_UID);
        const image = await imageEnvironment();
        // /run/secrets without the secret: a root-owned directory the node user cannot write to
        const keyring = image.KEYRING_FILE!.replace('/run/secrets', join(root, 'run-secrets'));
        await mkdir(join(root, 'run-secrets'), { mode: 0o755 });
        const env = {
          ...image,
          STORE_URL: image.STORE_URL!.replace('/data', data),
          KEYRING_FILE: keyring,
          HEALTH_PORT: String(await freePort()),
          DISCORD_TOKEN: discord.token,
          ALLOWED_GUILD_IDS: GUILD,
          DISCORD_API_URL: discord.apiUrl,
        };
        const bot = startProcess(
          'setpriv',
          [`--reuid=${NODE_UID}`, `--regid=${NODE_UID}`, '--clear-groups', process.execPath, 'dist/src/main.js'],
          env,
          layout,
        );
        expect(await bot.exited).toBe(1);
        expect(bot.output().trim()).toBe(
          `The keyring file ${keyring} does not exist, and this user cannot create it: ${join(root, 'run-secrets')} is not a directory it can write to. Mount the existing keyring file at ${keyring} (or set KEYRING_FILE to where it is), or create one first with "npm run keyring -- init" where this user can write.`,
        );
        expect(await readdir(data)).toEqual([]);
      },
      60_000,
    );
  });
});
