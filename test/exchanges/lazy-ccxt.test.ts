import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { entryArgs } from '../helpers/spawn.js';
import { useTempDirs } from '../helpers/temp.js';

const tempDir = useTempDirs();
const recorder = fileURLToPath(new URL('../helpers/register-import-recorder.mjs', import.meta.url));
const src = (path: string) => new URL(`../../src/${path}`, import.meta.url).href;
const READY = 'MARK: ready';

/**
 * In a child process: everything the bot does with exchanges before it is ready — the whole
 * composition and every command imported, the settings checked against ccxt's ids, the gateway
 * built, the catalog searched as /connect's autocomplete does — then a marker, then the preload.
 */
const script = (log: string) => `
import { appendFileSync } from 'node:fs';
import { loadCheckedConfig } from '${src('config.ts')}';
import { loadCommands } from '${src('discord/loader.ts')}';
import { ExchangeGateway } from '${src('exchanges/index.ts')}';
import { loadedCcxt } from '${src('exchanges/ccxt-loader.ts')}';
import { createLogger, SecretScrubber } from '${src('log.ts')}';
import '${src('main.ts')}';
await loadCommands();
const config = await loadCheckedConfig({
  DISCORD_TOKEN: 'token', ALLOWED_GUILD_IDS: '123456789012345678',
  EXCHANGE_API_OVERRIDES: '{"binance":"http://127.0.0.1:9"}', EXCHANGE_SANDBOX: 'okx',
});
const scrubber = new SecretScrubber();
const gateway = new ExchangeGateway({
  overrides: config.EXCHANGE_API_OVERRIDES, sandbox: config.EXCHANGE_SANDBOX, concurrency: 2, allowWithdraw: false,
  validationTimeoutMs: 1000, clock: { now: () => Date.now() }, log: createLogger({ level: 'silent', scrubber }), scrubber,
});
gateway.search('bin');
gateway.list();
gateway.normalize('binance', { apiKey: 'a'.repeat(64), secret: 'b'.repeat(64) });
appendFileSync(${JSON.stringify(log)}, '${READY}\\n');
gateway.preload();
for (let waited = 0; !loadedCcxt() && waited < 20000; waited += 50) await new Promise((r) => setTimeout(r, 50));
`;

async function modulesAroundReady(dir: string): Promise<{ before: string[]; after: string[] }> {
  const log = join(dir, 'imports.log');
  const file = join(dir, 'start.mts');
  await writeFile(file, script(log));
  const [, tsx] = entryArgs('src/main.ts');
  const code = await new Promise<number | null>((resolve) => {
    const child = spawn(process.execPath, ['--import', tsx!, '--import', recorder, file], {
      cwd: dir,
      env: { PATH: process.env.PATH ?? '', IMPORT_LOG: log },
      stdio: 'inherit',
    });
    child.on('close', resolve);
  });
  expect(code).toBe(0);
  const lines = (await readFile(log, 'utf8')).split('\n').filter(Boolean);
  const mark = lines.indexOf(READY);
  expect(mark).toBeGreaterThan(0);
  return { before: lines.slice(0, mark), after: lines.slice(mark + 1) };
}

describe('starting the bot', () => {
  it('does not load ccxt before it is ready, even with exchange settings and the catalog in use, and loads it right after', async () => {
    const { before, after } = await modulesAroundReady(await tempDir());
    const isCcxt = (url: string) => url.includes('/node_modules/ccxt/');
    expect(before.some((url) => url.includes('/src/exchanges/catalog.ts'))).toBe(true);
    expect(before.filter(isCcxt)).toEqual([]);
    expect(after.some(isCcxt)).toBe(true);
  }, 60_000);
});
