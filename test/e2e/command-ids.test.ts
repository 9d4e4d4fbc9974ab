import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig, type BotConfig } from '../../src/config.js';
import { deployCommands } from '../../src/discord/deploy.js';
import { loadCommands } from '../../src/discord/loader.js';
import { startKeyward, type Keyward } from '../../src/main.js';
import { healthMember, reminderMember } from '../../src/reminders/schedule.js';
import { startFakeDiscord, type FakeDiscord } from '../fakes/discord/index.js';
import { realisticKey, typedCredentials } from '../sim/keys.js';
import { startExchangeSimulator } from '../sim/server.js';
import { GUILD, pasteForm, settled, textOf } from './harness.js';

/** How late Discord answers the command lists in this file: far longer than a start and one reply take. */
const SLOW_MS = 4_000;
const USER = '400000000000000101';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const clean of cleanups.splice(0).reverse()) await clean();
});

/** A fake Discord whose command lists come back SLOW_MS late, with Keyward's commands deployed, and a config for it. */
async function slowCommandLists(env: Record<string, string> = {}): Promise<{ discord: FakeDiscord; logs: string[]; config: BotConfig }> {
  const dir = await mkdtemp(join(tmpdir(), 'keyward-command-ids-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  const discord = await startFakeDiscord();
  cleanups.push(() => discord.close());
  discord.addGuild({ id: GUILD, name: 'Traders' });
  discord.addUser({ id: USER });
  await deployCommands(await loadCommands(), { token: discord.token, applicationId: discord.appId, apiUrl: discord.apiUrl, guildIds: [GUILD], global: false });
  discord.failRequests({ method: 'GET', path: /^\/applications\/\d+\/(guilds\/\d+\/)?commands$/, fail: 'slow', delayMs: SLOW_MS });
  const config = loadConfig({
    DISCORD_TOKEN: discord.token,
    DISCORD_APPLICATION_ID: discord.appId,
    DISCORD_API_URL: discord.apiUrl,
    ALLOWED_GUILD_IDS: GUILD,
    STORE_URL: `sqlite://${join(dir, 'data', 'keyward.sqlite')}`,
    KEYRING_FILE: join(dir, 'secrets', 'keyring.json'),
    LOG_LEVEL: 'debug',
    ...env,
  });
  return { discord, logs: [], config };
}

function started(app: Keyward): Keyward {
  cleanups.push(() => app.stop());
  return app;
}

describe('the registered command ids, read after Keyward is ready', () => {
  it('do not hold back the start: replies name commands as plain text until the ids arrive, and as mentions after', async () => {
    const { discord, logs, config } = await slowCommandLists();
    const startedAt = performance.now();
    const app = started(await startKeyward(config, { writeLog: (line) => void logs.push(line), autoTick: false }));
    expect(performance.now() - startedAt).toBeLessThan(SLOW_MS);
    expect(logs.some((l) => l.includes('Keyward is ready'))).toBe(true);
    let read = false;
    void app.commandIdsRead.then(() => {
      read = true;
    });

    const early = await settled(await discord.slash({ userId: USER, guildId: GUILD, name: 'keys', subcommand: 'remove', options: { key: 'binance/ghost' } }));
    expect(read).toBe(false);
    expect(early.content).toContain('See /keys list.');

    await app.commandIdsRead;
    const keysId = discord.commands(GUILD).find((c) => c.name === 'keys')?.id;
    const later = await settled(await discord.slash({ userId: USER, guildId: GUILD, name: 'keys', subcommand: 'remove', options: { key: 'binance/ghost' } }));
    expect(later.content).toContain(`See </keys list:${keysId}>.`);
  });

  it('a key connected the moment Discord is connected gets its reminder and health check scheduled', async () => {
    const sim = await startExchangeSimulator();
    cleanups.push(() => sim.close());
    const { discord, logs, config } = await slowCommandLists({ EXCHANGE_API_OVERRIDES: JSON.stringify(sim.overrides) });
    const starting = startKeyward(config, { writeLog: (line) => void logs.push(line), autoTick: false });
    starting.then(started, () => undefined);
    while (!logs.some((l) => l.includes('connected to Discord'))) await sleep(10);

    const key = sim.addKey('binance', realisticKey('binance'));
    const opened = await discord.slash({ userId: USER, guildId: GUILD, name: 'connect', options: { exchange: 'binance' } });
    const modal = await pasteForm(discord, USER, opened, GUILD);
    const card = await settled(await discord.modalSubmit({ userId: USER, guildId: GUILD, customId: modal.custom_id, fields: typedCredentials(key) }));
    expect(textOf(card)).toContain('Binance');

    const app = await starting;
    expect(await app.store.getCredential(USER, 'binance', 'main')).toBeDefined();
    expect(await app.store.coordination.dueAt(reminderMember(USER))).toBeGreaterThan(0);
    expect(await app.store.coordination.dueAt(healthMember(USER))).toBeGreaterThan(0);
  });
});
