import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/clock.js';
import { deployCommands } from '../../src/discord/deploy.js';
import { loadCommands } from '../../src/discord/loader.js';
import { openStore } from '../../src/store/index.js';
import { openVault } from '../../src/vault/index.js';
import { shardOf, startFakeDiscord, type FakeDiscord } from '../fakes/discord/index.js';
import { BACKENDS } from '../helpers/backends.js';
import { captureLogs } from '../helpers/logs.js';
import { realisticKey, typedCredentials } from '../sim/keys.js';
import { startExchangeSimulator, type ExchangeSimulator } from '../sim/server.js';
import { buttonId, hasButton, PASTE_LABEL, settled, textOf } from './driver.js';
import { startBotProcess, type RunningProcess } from './process-helpers.js';

const redis = BACKENDS.find((b) => b.name === 'redis')!;
const SHARDS = 3;

/** A guild id for each shard: Discord routes a guild's events to shard (id >> 22) % count. */
function guildForShard(shard: number): string {
  for (let id = 900000000000000000n; ; id += 1n << 22n) if (shardOf(String(id), SHARDS) === shard) return String(id);
}

describe.skipIf(Boolean(redis.skipped))(`three bot processes sharing Redis${redis.skipped ? ` (${redis.skipped})` : ''}`, () => {
  const guilds = [0, 1, 2].map(guildForShard);
  let discord: FakeDiscord;
  let sim: ExchangeSimulator;
  let dir: string;
  let url: string;
  let bots: RunningProcess[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'keyward-fleet-'));
    url = redis.freshUrl(dir);
    discord = await startFakeDiscord({ shardCount: SHARDS });
    for (const id of guilds) discord.addGuild({ id });
    sim = await startExchangeSimulator();
    const keyringPath = join(dir, 'secrets', 'keyring.json');
    const store = await openStore(url, systemClock); // the operator creates the keyring once, before the fleet starts
    await openVault({ keyringPath, dataKeys: store, state: store, log: captureLogs().log });
    await store.close();
    await deployCommands(await loadCommands(), { token: discord.token, applicationId: discord.appId, apiUrl: discord.apiUrl, guildIds: guilds, global: false });
    const env = {
      DISCORD_TOKEN: discord.token,
      DISCORD_APPLICATION_ID: discord.appId,
      DISCORD_API_URL: discord.apiUrl,
      ALLOWED_GUILD_IDS: guilds.join(','),
      STORE_URL: url,
      KEYRING_FILE: keyringPath,
      EXCHANGE_API_OVERRIDES: JSON.stringify(sim.overrides),
      SCHEDULER_TICK_SECONDS: '1',
      VALIDATIONS_PER_WINDOW: '3',
      KEYWARD_SHARD_COUNT: String(SHARDS),
      LOG_LEVEL: 'info',
    };
    bots = [0, 1, 2].map((shard) => startBotProcess({ ...env, KEYWARD_SHARD_IDS: String(shard) }, dir));
    await Promise.all(bots.map((b) => b.waitFor('Keyward is ready', 60_000)));
  }, 90_000);

  afterAll(async () => {
    await Promise.all(bots.map((b) => b.stop()));
    await discord?.close();
    await sim?.close();
    await redis.cleanup(url).catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  });

  async function connect(userId: string, guildId: string, exchange: string, profile = {}) {
    const opened = await discord.slash({ userId, guildId, name: 'connect', options: { exchange } });
    let first = await settled(opened);
    // bybit first offers a key pair Keyward creates; these journeys paste a key
    if (hasButton(first, PASTE_LABEL))
      first = await settled(await discord.button({ userId, guildId, customId: buttonId(first, PASTE_LABEL), messageId: first.id }));
    if (!first.modal) return first;
    const typed = typedCredentials(sim.addKey(exchange, realisticKey(exchange, profile)));
    return settled(await discord.modalSubmit({ userId, guildId, customId: first.modal.custom_id, fields: typed }), 30_000);
  }

  it('runs one shard in each process', () => {
    expect(discord.identifies.map((i) => i.shard?.[0]).sort()).toEqual([0, 1, 2]);
    expect(discord.identifies.every((i) => i.shard?.[1] === SHARDS)).toBe(true);
  });

  it('sends each reminder exactly once although three schedulers poll the same due-index', async () => {
    const users = Array.from({ length: 6 }, (_, i) => `50000000000000000${i}`);
    for (const [i, user] of users.entries()) {
      discord.addUser({ id: user });
      const reply = await connect(user, guilds[i % 3]!, 'bybit', { expiresAt: Date.now() + 5 * 86_400_000 }); // a reminder is owed at once
      expect(textOf(reply)).toContain('connected');
    }
    await discord.waitFor(() => users.every((u) => discord.dms(u).length > 0), 20_000);
    await new Promise((r) => setTimeout(r, 4_000)); // several more ticks of all three schedulers
    expect(users.map((u) => discord.dms(u).length)).toEqual(users.map(() => 1));
  }, 60_000);

  it('shares the validation limit across processes', async () => {
    const user = '600000000000000001';
    discord.addUser({ id: user });
    for (const [i, exchange] of ['okx', 'binance', 'bybit'].entries()) expect(textOf(await connect(user, guilds[i]!, exchange))).toContain('connected');
    const fourth = await connect(user, guilds[1]!, 'kucoin');
    expect(textOf(fourth)).toContain('Too many key checks');
  }, 60_000);
});
