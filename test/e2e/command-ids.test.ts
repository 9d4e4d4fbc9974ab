import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { deployCommands } from '../../src/discord/deploy.js';
import { loadCommands } from '../../src/discord/loader.js';
import { startKeyward, type Keyward } from '../../src/main.js';
import { startFakeDiscord, type FakeDiscord } from '../fakes/discord/index.js';
import { GUILD, settled } from './harness.js';

/** How late Discord answers the command lists in this file: far longer than a start and one reply take. */
const SLOW_MS = 4_000;
const USER = '400000000000000101';

let discord: FakeDiscord;
let app: Keyward | undefined;
let dir: string;
const logs: string[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'keyward-command-ids-'));
  discord = await startFakeDiscord();
  discord.addGuild({ id: GUILD, name: 'Traders' });
  discord.addUser({ id: USER });
  await deployCommands(await loadCommands(), { token: discord.token, applicationId: discord.appId, apiUrl: discord.apiUrl, guildIds: [GUILD], global: false });
});
afterAll(async () => {
  await app?.stop();
  await discord?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('the registered command ids, read after Keyward is ready', () => {
  it('do not hold back the start: replies name commands as plain text until the ids arrive, and as mentions after', async () => {
    discord.failRequests({ method: 'GET', path: /^\/applications\/\d+\/(guilds\/\d+\/)?commands$/, fail: 'slow', delayMs: SLOW_MS });
    const config = loadConfig({
      DISCORD_TOKEN: discord.token, DISCORD_APPLICATION_ID: discord.appId, DISCORD_API_URL: discord.apiUrl, ALLOWED_GUILD_IDS: GUILD,
      STORE_URL: `sqlite://${join(dir, 'data', 'keyward.sqlite')}`, KEYRING_FILE: join(dir, 'secrets', 'keyring.json'), LOG_LEVEL: 'debug',
    });
    const startedAt = performance.now();
    app = await startKeyward(config, { writeLog: (line) => void logs.push(line), autoTick: false });
    expect(performance.now() - startedAt).toBeLessThan(SLOW_MS);
    expect(logs.some((l) => l.includes('Keyward is ready'))).toBe(true);
    let read = false;
    void app.commandIdsRead.then(() => { read = true; });

    const early = await settled(await discord.slash({ userId: USER, guildId: GUILD, name: 'keys', subcommand: 'remove', options: { key: 'binance/ghost' } }));
    expect(read).toBe(false);
    expect(early.content).toContain('See /keys list.');

    await app.commandIdsRead;
    const keysId = discord.commands(GUILD).find((c) => c.name === 'keys')?.id;
    const later = await settled(await discord.slash({ userId: USER, guildId: GUILD, name: 'keys', subcommand: 'remove', options: { key: 'binance/ghost' } }));
    expect(later.content).toContain(`See </keys list:${keysId}>.`);
  });
});
