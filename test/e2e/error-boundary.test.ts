import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { deployCommands } from '../../src/discord/deploy.js';
import { loadCommands } from '../../src/discord/loader.js';
import { AppError } from '../../src/errors.js';
import { startKeyward, type Keyward } from '../../src/main.js';
import { startFakeDiscord, type FakeDiscord, type FakeDiscordOptions } from '../fakes/discord/index.js';
import { asSeen, GUILD, settled, textOf, useKeyward } from './harness.js';

interface LogLine {
  level: number;
  msg: string;
  interactionId?: string;
  code?: string;
  err?: { type?: string; message?: string };
}

/** A Keyward with its own fake Discord and store but no exchanges: for worlds a test is allowed to break. */
interface SmallWorld {
  discord: FakeDiscord;
  app: Keyward;
  lines(): LogLine[];
  /** Closes the store's connection under the running bot: every later store call fails for real. */
  breakStore(): Promise<void>;
  close(): Promise<void>;
}

async function startSmallWorld(fake: FakeDiscordOptions = {}): Promise<SmallWorld> {
  const dir = await mkdtemp(join(tmpdir(), 'keyward-boundary-'));
  const discord = await startFakeDiscord(fake);
  discord.addGuild({ id: GUILD, name: 'Traders' });
  const config = loadConfig({
    DISCORD_TOKEN: discord.token,
    DISCORD_APPLICATION_ID: discord.appId,
    DISCORD_API_URL: discord.apiUrl,
    ALLOWED_GUILD_IDS: GUILD,
    STORE_URL: `sqlite://${join(dir, 'data', 'keyward.sqlite')}`,
    KEYRING_FILE: join(dir, 'secrets', 'keyring.json'),
    LOG_LEVEL: 'debug',
  });
  await deployCommands(await loadCommands(), { token: discord.token, applicationId: discord.appId, apiUrl: discord.apiUrl, guildIds: [GUILD], global: false });
  const logs: string[] = [];
  const app = await startKeyward(config, { writeLog: (line) => void logs.push(line), autoTick: false });
  let storeBroken = false;
  return {
    discord,
    app,
    lines: () => logs.map((l) => JSON.parse(l) as LogLine),
    async breakStore() {
      await app.store.close();
      storeBroken = true;
    },
    async close() {
      if (storeBroken) await Promise.all([app.scheduler.stop(), app.client.destroy()]);
      else await app.stop();
      await discord.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

describe('a failure the catalogue names, and a command Keyward does not know', () => {
  const h = useKeyward();

  it('shows the catalogued message privately, and logs the refusal without an error', async () => {
    const user = '400000000000000001';
    h.discord.addUser({ id: user });
    const { run, reply } = await h.command(user, 'keys', 'remove', { key: 'binance/ghost' });
    expect(reply.privateToUser).toBe(true);
    expect(asSeen(reply.content)).toBe(new AppError('ACCOUNT_NOT_FOUND', { exchange: 'binance', account: 'ghost' }).message);
    // the command it names is a mention the user can click, with the id Discord gave it in this server
    const keysId = h.discord.commands(GUILD).find((c) => c.name === 'keys')?.id;
    expect(reply.content).toContain(`See </keys list:${keysId}>.`);
    const lines = h.logs.map((l) => JSON.parse(l) as LogLine).filter((l) => l.interactionId === run.id);
    expect(lines).toEqual([expect.objectContaining({ level: 30, msg: 'refused', code: 'ACCOUNT_NOT_FOUND' })]);
  });

  it('answers a command name it does not know with the redeploy hint', async () => {
    const user = '400000000000000002';
    h.discord.addUser({ id: user });
    const { reply } = await h.command(user, 'launch-rockets');
    expect(reply.privateToUser).toBe(true);
    expect(reply.content).toBe(new AppError('COMMAND_UNKNOWN').message);
  });
});

describe('when the store goes away under a running bot', () => {
  let w: SmallWorld;
  const user = '400000000000000003';
  beforeAll(async () => {
    w = await startSmallWorld();
    w.discord.addUser({ id: user });
    await w.breakStore();
  });
  afterAll(async () => w?.close());

  it('turns an unexpected error into a reference the operator can find in the logs, and shows no internals', async () => {
    const run = await w.discord.slash({ userId: user, guildId: GUILD, name: 'exchanges' });
    const reply = await settled(run);
    expect(reply.privateToUser).toBe(true);
    expect(reply.content).toBe(`Something went wrong on our side. Nothing was changed. If it keeps happening, give the operator this reference: ${run.id}`);
    const logged = w.lines().find((l) => l.interactionId === run.id && l.level === 50);
    expect(logged?.msg).toBe('interaction failed');
    expect(logged?.err?.message).toBeTruthy();
    expect(textOf(reply)).not.toContain(logged!.err!.message!);
  });

  it('reports the store as unreachable with its catalogued message', async () => {
    const reply = await settled(await w.discord.slash({ userId: user, guildId: GUILD, name: 'keys', subcommand: 'list' }));
    expect(reply.privateToUser).toBe(true);
    expect(reply.content).toBe(new AppError('STORE_UNAVAILABLE').message);
  });
});

describe("an interaction answered after Discord's deadline", () => {
  let w: SmallWorld;
  const user = '400000000000000004';
  beforeAll(async () => {
    w = await startSmallWorld({ ackDeadlineMs: 0 });
    w.discord.addUser({ id: user });
  });
  afterAll(async () => w?.close());

  it('is dropped quietly: Discord says 10062, Keyward logs it at debug level and keeps serving', async () => {
    const startedWith = w.lines().length;
    for (const name of ['help', 'exchanges']) {
      const run = await w.discord.slash({ userId: user, guildId: GUILD, name });
      expect(await run.ack).toMatchObject({ status: 404, code: 10062 });
      const quiet = await w.discord.waitFor(() => w.lines().find((l) => l.interactionId === run.id));
      expect(quiet).toMatchObject({ level: 20, msg: 'interaction expired or was already answered' });
    }
    const late = await w.discord.autocomplete({ userId: user, guildId: GUILD, name: 'connect', focused: 'exchange', value: 'bin' });
    expect(await late.ack).toMatchObject({ code: 10062 });
    expect(w.app.client.isReady()).toBe(true);
    expect(
      w
        .lines()
        .slice(startedWith)
        .filter((l) => l.level >= 40),
    ).toEqual([]);
  });
});
