import { copyFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeDiscord, type FakeDiscord } from './fakes/discord/index.js';
import { startBotProcess } from './e2e/process-helpers.js';
import { useTempDirs } from './helpers/temp.js';

const tempDir = useTempDirs();
const GUILD = '100000000000000001';

/** Fills in `NAME=` lines of an env file the way an operator would edit a copy of .env.example. */
function fillIn(text: string, values: Record<string, string>): string {
  return text.replace(/^([A-Z_]+)=.*$/gm, (line, name: string) => (name in values ? `${name}=${values[name]}` : line));
}

describe('the quick start from a copy of .env.example', () => {
  let discord: FakeDiscord;
  beforeAll(async () => {
    discord = await startFakeDiscord();
    discord.addGuild({ id: GUILD });
  });
  afterAll(async () => discord?.close());

  it('starts and becomes ready with only the token and the server id filled in', async () => {
    const cwd = await tempDir();
    await copyFile(join(process.cwd(), '.env.example'), join(cwd, '.env'));
    const env = await readFile(join(cwd, '.env'), 'utf8');
    await writeFile(join(cwd, '.env'), fillIn(env, { DISCORD_TOKEN: discord.token, ALLOWED_GUILD_IDS: GUILD, DISCORD_API_URL: discord.apiUrl }));
    const bot = startBotProcess({}, cwd);
    try {
      await bot.waitFor('Keyward is ready', 60_000);
      expect(bot.output()).not.toContain('unexpected error');
    } finally {
      expect(await bot.stop()).toBe(0);
    }
  }, 90_000);
});
