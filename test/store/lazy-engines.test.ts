import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { entryArgs } from '../helpers/spawn.js';
import { useTempDirs } from '../helpers/temp.js';

const tempDir = useTempDirs();
const recorder = fileURLToPath(new URL('../helpers/register-import-recorder.mjs', import.meta.url));

/** Opens a SQLite store in a child process and returns every module URL that process loaded. */
async function modulesLoadedOpeningSqlite(dir: string): Promise<string[]> {
  const script = join(dir, 'open.mts');
  const openStore = new URL('../../src/store/index.js', import.meta.url).href;
  const { writeFile } = await import('node:fs/promises');
  await writeFile(
    script,
    `import { openStore } from '${openStore}';\nconst s = await openStore('sqlite://${dir}/data/k.sqlite', { now: () => Date.now() });\nawait s.close();\n`,
  );
  const log = join(dir, 'imports.log');
  const [, tsx] = entryArgs('src/main.ts');
  const code = await new Promise<number | null>((resolve) => {
    const child = spawn(process.execPath, ['--import', tsx!, '--import', recorder, script], {
      cwd: dir,
      env: { PATH: process.env.PATH ?? '', IMPORT_LOG: log },
      stdio: 'inherit',
    });
    child.on('close', resolve);
  });
  expect(code).toBe(0);
  return (await readFile(log, 'utf8')).split('\n').filter(Boolean);
}

describe('opening the store', () => {
  it('loads only the engine configured: SQLite never pulls in the Redis or Postgres clients', async () => {
    const modules = await modulesLoadedOpeningSqlite(await tempDir());
    expect(modules.some((url) => url.includes('/@keyv/sqlite/'))).toBe(true);
    expect(modules.filter((url) => /\/(@keyv\/redis|@redis\/client|@keyv\/postgres|pg)\//.test(url))).toEqual([]);
  });
});
