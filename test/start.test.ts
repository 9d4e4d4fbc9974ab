import { readdir } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { runEntry } from './helpers/spawn.js';
import { useTempDirs } from './helpers/temp.js';

const tempDir = useTempDirs();

describe('starting the bot', () => {
  it('without a Discord token stops with exit code 1, names what is missing, and writes nothing', async () => {
    const cwd = await tempDir();
    const run = await runEntry('src/main.ts', [], { cwd, env: {} });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('DISCORD_TOKEN is missing');
    expect(run.stderr).toContain('ALLOWED_GUILD_IDS is missing');
    expect(run.stderr.split('\n').filter(Boolean).length).toBeLessThanOrEqual(5);
    expect(await readdir(cwd)).toEqual([]);
  });

  it('with a malformed setting prints its name but never its value', async () => {
    const cwd = await tempDir();
    const run = await runEntry('src/main.ts', [], { cwd, env: { DISCORD_TOKEN: 'tok-SECRET-123456', ALLOWED_GUILD_IDS: 'SECRET-not-an-id' } });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('ALLOWED_GUILD_IDS');
    expect(run.stderr + run.stdout).not.toContain('SECRET');
  });
});
