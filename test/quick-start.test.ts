import { copyFile, readdir, readFile, writeFile } from 'node:fs/promises';
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

/**
 * Reads an env file as `docker run --env-file` does: `#` lines and blank lines skipped, everything
 * after the first `=` taken literally, `NAME=` passing an empty string (docker/cli issues 3630, 4665).
 */
function dockerEnvFile(text: string): Record<string, string> {
  const lines = text.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('#'));
  return Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
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

  it('starts from docker run --env-file style input: every variable set, most of them empty, paths relative to the working directory', async () => {
    const cwd = await tempDir();
    const env = fillIn(await readFile(join(process.cwd(), '.env.example'), 'utf8'), {
      DISCORD_TOKEN: discord.token,
      ALLOWED_GUILD_IDS: GUILD,
      DISCORD_API_URL: discord.apiUrl,
    });
    const vars = dockerEnvFile(env);
    expect(Object.values(vars).filter((v) => v === '').length).toBeGreaterThan(3);
    const bot = startBotProcess(vars, cwd);
    try {
      await bot.waitFor('Keyward is ready', 60_000);
      expect(bot.output()).not.toContain('unexpected error');
      expect((await readdir(cwd)).sort()).toEqual(['data', 'secrets']);
      expect(await readdir(join(cwd, 'secrets'))).toEqual(['keyring.json']);
    } finally {
      expect(await bot.stop()).toBe(0);
    }
  }, 90_000);
});
