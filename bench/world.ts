import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deployCommands } from '../src/discord/deploy.js';
import { loadCommands } from '../src/discord/loader.js';
import { startFakeDiscord, type FakeDiscord } from '../test/fakes/discord/index.js';
import { startExchangeSimulator, type ExchangeSimulator } from '../test/sim/server.js';

export const GUILD = '900000000000000001';
const root = fileURLToPath(new URL('../', import.meta.url));

/** The loopback fake Discord and exchange simulator, with the commands deployed and a fresh data folder. */
export interface BenchWorld {
  discord: FakeDiscord;
  sim: ExchangeSimulator;
  dir: string;
  env: Record<string, string>;
  close(): Promise<void>;
}

export async function startWorld(extraEnv: Record<string, string> = {}): Promise<BenchWorld> {
  const dir = await mkdtemp(join(tmpdir(), 'keyward-bench-'));
  const discord = await startFakeDiscord();
  discord.addGuild({ id: GUILD, name: 'Bench' });
  const sim = await startExchangeSimulator();
  await deployCommands(await loadCommands(), { token: discord.token, applicationId: discord.appId, apiUrl: discord.apiUrl, guildIds: [GUILD], global: false });
  const env = {
    DISCORD_TOKEN: discord.token,
    DISCORD_APPLICATION_ID: discord.appId,
    DISCORD_API_URL: discord.apiUrl,
    ALLOWED_GUILD_IDS: GUILD,
    STORE_URL: `sqlite://${join(dir, 'data', 'keyward.sqlite')}`,
    KEYRING_FILE: join(dir, 'secrets', 'keyring.json'),
    EXCHANGE_API_OVERRIDES: JSON.stringify(sim.overrides),
    LOG_LEVEL: 'warn',
    VALIDATIONS_PER_WINDOW: '1000',
    ...extraEnv,
  };
  return {
    discord,
    sim,
    dir,
    env,
    async close() {
      await discord.close();
      await sim.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export interface BotProcess {
  child: ChildProcess;
  /** ms from spawn to the "ready" log line */
  readyMs: number;
  stop(): Promise<void>;
}

/** The compiled bot (`npm start` without the build step) as its own process; resolves once it is ready. */
export function startBot(env: Record<string, string>): Promise<BotProcess> {
  return startProgram('dist/src/main.js', 'Keyward is ready', { ...env, LOG_LEVEL: 'info' });
}

/** Any program of the project as its own process, ready once `readyText` appears in its output. */
export async function startProgram(entry: string, readyText: string, env: Record<string, string>): Promise<BotProcess> {
  const started = performance.now();
  const child = spawn(process.execPath, [join(root, entry)], { cwd: root, env: { PATH: process.env.PATH ?? '', ...env } });
  let out = '';
  const readyMs = await new Promise<number>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes(readyText)) resolve(performance.now() - started);
    });
    child.stderr!.on('data', (d: Buffer) => {
      out += d.toString();
    });
    child.on('close', () => reject(new Error(`the bot exited before it was ready:\n${out.slice(-2000)}`)));
  });
  return {
    child,
    readyMs,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await new Promise((r) => child.once('close', r));
    },
  };
}

/** Resident memory of a process, in MB, from /proc. */
export async function rssMb(pid: number): Promise<number> {
  const { readFile } = await import('node:fs/promises');
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
}

/** The p-th percentile (0–100) of a list of numbers. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;
}
