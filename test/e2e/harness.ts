import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { loadConfig } from '../../src/config.js';
import type { Clock } from '../../src/clock.js';
import { deployCommands } from '../../src/discord/deploy.js';
import { loadCommands } from '../../src/discord/loader.js';
import { startKeyward, type Keyward } from '../../src/main.js';
import { startFakeDiscord, type FakeDiscord, type FakeMessage, type InteractionRun } from '../fakes/discord/index.js';
import { buttonId, pasteForm, settled } from './driver.js';
import { realisticKey, typedCredentials } from '../sim/keys.js';
import { startExchangeSimulator, type ExchangeSimulator } from '../sim/server.js';
import type { KeyProfile } from '../sim/types.js';

export const GUILD = '900000000000000001';
export const OTHER_GUILD = '900000000000000002';
export const ROLE = '910000000000000001';
export const ALICE = '100000000000000001';
export const BOB = '100000000000000002';
export const MALLORY = '100000000000000666';
/** The button that confirms withdrawals are off on a key whose exchange does not report it. */
export const WITHDRAW_OFF_LABEL = 'Withdrawals are off — store it';

export interface E2E {
  discord: FakeDiscord;
  sim: ExchangeSimulator;
  app: Keyward;
  logs: string[];
  dir: string;
  /** a new key registered on the simulated exchange, and what the user types for it */
  key(exchange: string, profile?: Partial<KeyProfile>): { key: KeyProfile; typed: Record<string, string> };
  /** /connect, then the modal with `typed`; resolves with the final private reply */
  connect(userId: string, exchange: string, typed: Record<string, string>, account?: string): Promise<{ run: InteractionRun; reply: FakeMessage }>;
  /** /connect for an exchange that does not report withdrawals (gate, mexc…): confirms they are off, and resolves with the saved card */
  connectConfirmed(userId: string, exchange: string, typed: Record<string, string>, account?: string): Promise<FakeMessage>;
  /** runs a slash command and waits for its final private reply */
  command(
    userId: string,
    name: string,
    subcommand?: string,
    options?: Record<string, string | number | boolean>,
  ): Promise<{ run: InteractionRun; reply: FakeMessage }>;
  /** presses a button and waits for the reply it produced (a new reply, an update, or a modal) */
  press(userId: string, customId: string, opts?: { guildId?: string | null }): Promise<InteractionRun>;
  /** answers "Withdrawals are off — store it" on the question a key with unreported withdrawals gets, and waits for the card */
  confirmWithdrawOff(userId: string, question: FakeMessage): Promise<FakeMessage>;
  /** every text the bot sent to Discord, and every log line: what canary scans read */
  everythingSent(): string;
}

export interface E2EOptions {
  env?: Record<string, string>;
  clock?: Clock;
}

/** Everything Keyward talks to, on loopback: a fake Discord, the exchange simulator, a temporary store and keyring. */
export function useKeyward(options: E2EOptions = {}): E2E {
  const h = { logs: [] as string[] } as E2E;
  beforeAll(async () => {
    h.dir = await mkdtemp(join(tmpdir(), 'keyward-e2e-'));
    h.discord = await startFakeDiscord();
    h.discord.addGuild({ id: GUILD, name: 'Traders', roles: [ROLE] });
    h.discord.addGuild({ id: OTHER_GUILD, name: 'Elsewhere', roles: [] });
    for (const id of [ALICE, BOB, MALLORY]) h.discord.addUser({ id, username: `user${id.slice(-3)}` });
    h.sim = await startExchangeSimulator();
    const config = loadConfig({
      DISCORD_TOKEN: h.discord.token,
      DISCORD_APPLICATION_ID: h.discord.appId,
      DISCORD_API_URL: h.discord.apiUrl,
      ALLOWED_GUILD_IDS: GUILD,
      STORE_URL: `sqlite://${join(h.dir, 'data', 'keyward.sqlite')}`,
      KEYRING_FILE: join(h.dir, 'secrets', 'keyring.json'),
      EXCHANGE_API_OVERRIDES: JSON.stringify(h.sim.overrides),
      LOG_LEVEL: 'debug',
      VALIDATION_TIMEOUT_MS: '5000',
      ...options.env,
    });
    await deployCommands(await loadCommands(), {
      token: h.discord.token,
      applicationId: h.discord.appId,
      apiUrl: h.discord.apiUrl,
      guildIds: [GUILD],
      global: false,
    });
    h.app = await startKeyward(config, { clock: options.clock, writeLog: (line) => void h.logs.push(line), autoTick: false });
  });
  afterAll(async () => {
    await h.app?.stop();
    await h.discord?.close();
    await h.sim?.close();
    if (h.dir) await rm(h.dir, { recursive: true, force: true });
  });

  h.key = (exchange, profile = {}) => {
    const key = h.sim.addKey(exchange, realisticKey(exchange, profile));
    return { key, typed: typedCredentials(key) };
  };
  h.command = async (userId, name, subcommand, options) => {
    const run = await h.discord.slash({ userId, guildId: GUILD, name, subcommand, options });
    return { run, reply: await settled(run) };
  };
  h.press = async (userId, customId, opts = {}) => {
    const guildId = opts.guildId === null ? undefined : (opts.guildId ?? GUILD);
    return h.discord.button({ userId, guildId, customId });
  };
  h.connect = async (userId, exchange, typed, account) => {
    const opened = await h.discord.slash({ userId, guildId: GUILD, name: 'connect', options: { exchange, ...(account ? { account } : {}) } });
    const modal = await pasteForm(h.discord, userId, opened, GUILD);
    const run = await h.discord.modalSubmit({ userId, guildId: GUILD, customId: modal.custom_id, fields: typed });
    return { run, reply: await settled(run) };
  };
  h.confirmWithdrawOff = async (userId, question) => settled(await h.press(userId, buttonId(question, WITHDRAW_OFF_LABEL)));
  h.connectConfirmed = async (userId, exchange, typed, account) => h.confirmWithdrawOff(userId, (await h.connect(userId, exchange, typed, account)).reply);
  h.everythingSent = () => h.discord.requests.map((r) => r.rawBody).join('\n') + h.logs.join('');
  return h;
}

export { asSeen, buttonId, hasButton, PASTE_LABEL, pasteForm, settled, textOf } from './driver.js';
