import { describe, expect, it } from 'vitest';
import { runEntry } from './helpers/spawn.js';
import { useTempDirs } from './helpers/temp.js';

const tempDir = useTempDirs();
const CANARY = 'sk-canary-7f3a9c1e5b';

describe('the bot process', () => {
  it('logs an unhandled rejection without its secrets and keeps serving', async () => {
    const run = await runEntry('test/fixtures/guarded-process.ts', ['rejection'], { cwd: await tempDir(), env: { CANARY } });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('still serving');
    expect(run.stdout).toContain('unhandled rejection; still serving');
    expect(run.stdout + run.stderr).not.toContain(CANARY);
  });

  it('logs an uncaught exception without its secrets and exits non-zero for the supervisor', async () => {
    const run = await runEntry('test/fixtures/guarded-process.ts', ['exception'], { cwd: await tempDir(), env: { CANARY } });
    expect(run.code).toBe(1);
    expect(run.stdout).not.toContain('still serving');
    expect(run.stdout).toContain('uncaught exception');
    expect(run.stdout + run.stderr).not.toContain(CANARY);
  });
});
