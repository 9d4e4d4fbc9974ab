import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeDiscord, type FakeDiscord } from '../fakes/discord/index.js';
import { startExchangeSimulator, type ExchangeSimulator } from '../sim/server.js';
import { runEntry } from '../helpers/spawn.js';
import { useTempDirs } from '../helpers/temp.js';

const tempDir = useTempDirs();
let discord: FakeDiscord;
let sim: ExchangeSimulator;
beforeAll(async () => {
  discord = await startFakeDiscord();
  sim = await startExchangeSimulator({ only: ['okx', 'binance'] });
});
afterAll(async () => {
  await discord.close();
  await sim.close();
});

/** doctor only reads, so the store and keyring are made first, as a first start would. */
async function doctor(overrides: Record<string, string> = {}) {
  const dir = await tempDir();
  const env = {
    DISCORD_TOKEN: discord.token,
    DISCORD_API_URL: discord.apiUrl,
    ALLOWED_GUILD_IDS: '900000000000000001',
    STORE_URL: `sqlite://${join(dir, 'data', 'k.sqlite')}`,
    KEYRING_FILE: join(dir, 'secrets', 'keyring.json'),
    EXCHANGE_API_OVERRIDES: JSON.stringify({ okx: sim.overrides.okx }),
    ...overrides,
  };
  const init = await runEntry('src/cli/keyring.ts', ['init'], { cwd: dir, env });
  if (init.code !== 0 && !overrides.ALLOWED_GUILD_IDS) throw new Error(init.stderr);
  return runEntry('src/cli/doctor.ts', [], { cwd: dir, env });
}

describe('npm run doctor', () => {
  it('reports configuration, store, keyring, Discord and exchange clocks, and exits 0 when all is well', async () => {
    sim.setFault('okx', { clockSkewMs: 2_500 });
    const run = await doctor();
    sim.clearFaults('okx');
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toMatch(/✓ configuration: valid/);
    expect(run.stdout).toMatch(/✓ store: sqlite reachable, 0 user\(s\)/);
    expect(run.stdout).toMatch(/✓ keyring: .*canaries verified/);
    expect(run.stdout).toMatch(/✓ Discord: token accepted/);
    expect(run.stdout).toMatch(/! clock: okx \+2\.\d s — sync this machine with NTP/);
  });

  it('says the Discord token was refused, without printing it, and exits 1', async () => {
    const run = await doctor({ DISCORD_TOKEN: 'MTAwMDAwMDAwMDAwMDAwMDAx.wrong.token-that-must-not-print' });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('✗ Discord: the token was refused');
    expect(run.stdout + run.stderr).not.toContain('token-that-must-not-print');
  });

  it('names configuration problems and stops there', async () => {
    const run = await doctor({ ALLOWED_GUILD_IDS: 'nope' });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('✗ configuration');
    expect(run.stdout).toContain('ALLOWED_GUILD_IDS');
  });
});
