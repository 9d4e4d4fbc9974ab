import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ALICE, textOf, useKeyward } from './harness.js';
import { freePort, hasProgram, startProcess, type RunningProcess } from './process-helpers.js';

const available = Boolean(process.env.REDIS_URL) && hasProgram('redis-server');
const why = available ? '' : ' (REDIS_URL not set or redis-server not installed)';

/** A Redis server of this test's own, persisting to disk so a restart keeps the data. */
async function ownRedis(): Promise<{ url: string; start(): Promise<void>; stop(): Promise<void>; dir: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'keyward-redis-'));
  const port = await freePort();
  let server: RunningProcess | undefined;
  return {
    url: `redis://127.0.0.1:${port}?prefix=outage`,
    dir,
    async start() {
      server = startProcess(
        'redis-server',
        ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--appendonly', 'yes', '--appendfsync', 'always', '--save', ''],
        {},
        dir,
      );
      await server.waitFor('Ready to accept connections', 10_000);
    },
    async stop() {
      await server?.stop();
    },
  };
}

const redis = available ? await ownRedis() : undefined;
if (redis) await redis.start();

describe.skipIf(!available)(`when the Redis store goes away${why}`, () => {
  const h = useKeyward({ env: { STORE_URL: redis?.url ?? 'sqlite://unused' } });
  afterAll(async () => {
    await redis?.stop();
    if (redis) await rm(redis.dir, { recursive: true, force: true });
  });

  it('tells the user to try again, loses no key, and recovers by itself when the store returns', async () => {
    const key = h.key('okx');
    await h.connect(ALICE, 'okx', key.typed);
    expect(await h.app.store.listCredentials(ALICE)).toHaveLength(1);

    await redis!.stop();
    const during = await h.command(ALICE, 'balance');
    expect(textOf(during.reply)).toContain('The key store is unreachable right now. Nothing was changed: please try again in a minute.');
    expect(during.reply.privateToUser).toBe(true);
    expect(h.logs.join('')).not.toContain(key.key.secret);

    await redis!.start();
    const until = Date.now() + 15_000;
    let after = await h.command(ALICE, 'balance');
    while (!textOf(after.reply).includes('OKX · main') && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 500));
      after = await h.command(ALICE, 'balance');
    }
    expect(textOf(after.reply)).toContain('OKX · main');
    expect((await h.app.store.listCredentials(ALICE))[0]?.keyHint).toBe(key.key.apiKey.slice(-4));
  }, 60_000);
});
