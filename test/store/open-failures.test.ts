import { describe, expect, it } from 'vitest';
import { systemClock } from '../../src/clock.js';
import { isAppError } from '../../src/errors.js';
import { openStore } from '../../src/store/index.js';
import { freePort } from '../e2e/process-helpers.js';
import { runEntry } from '../helpers/spawn.js';
import { useTempDirs } from '../helpers/temp.js';

const tempDir = useTempDirs();
const redisUrl = process.env.REDIS_URL;
const postgresUrl = process.env.POSTGRES_URL;

/** The operator's sentence for a store that does not open; the password never appears in it. */
async function failureOf(url: string): Promise<string> {
  const err = await openStore(url, systemClock).then(
    async (s) => {
      await s.close();
      return undefined;
    },
    (e: unknown) => e,
  );
  expect(isAppError(err, 'STORE_OPEN_FAILED'), String(err)).toBe(true);
  expect((err as Error).message).not.toContain('hunter2');
  return (err as Error).message;
}

describe('a store that does not open tells the operator why', () => {
  it('names a host where nothing listens', async () => {
    const port = await freePort();
    expect(await failureOf(`redis://:hunter2@127.0.0.1:${port}/0`)).toBe(
      `The store (redis at 127.0.0.1:${port}/0) could not be opened: the host does not answer. Check that the server is running and that the host and port in STORE_URL are right.`,
    );
  });

  it.skipIf(!redisUrl)('Redis: says authentication failed for a wrong user or password', async () => {
    const u = new URL(redisUrl!);
    expect(await failureOf(`redis://nobody:hunter2@${u.host}/0`)).toContain(
      'could not be opened: authentication failed. Check the user name and password in STORE_URL.',
    );
  });

  it.skipIf(!redisUrl)('Redis: says the database index does not exist', async () => {
    const u = new URL(redisUrl!);
    expect(await failureOf(`redis://${u.host}/99`)).toContain('could not be opened: the database index does not exist on this Redis server.');
  });

  it.skipIf(!postgresUrl)('Postgres: says authentication failed for a role the server refuses', async () => {
    const u = new URL(postgresUrl!);
    expect(await failureOf(`postgres://nobody-here:hunter2@${u.host}/postgres`)).toContain('could not be opened: authentication failed.');
  });

  it.skipIf(!postgresUrl)('Postgres: says the database does not exist', async () => {
    const u = new URL(postgresUrl!);
    expect(await failureOf(`postgres://postgres@${u.host}/no_such_database`)).toContain('could not be opened: the database does not exist.');
  });

  it.skipIf(!redisUrl)('the keyring tool on Redis exits as soon as it is done, not seconds later', async () => {
    const cwd = await tempDir();
    const env = { STORE_URL: `${redisUrl}?prefix=exit${Date.now()}`, KEYRING_FILE: 'keyring.json' };
    expect((await runEntry('src/cli/keyring.ts', ['init'], { cwd, env })).code).toBe(0);
    const started = Date.now();
    const status = await runEntry('src/cli/keyring.ts', ['status'], { cwd, env });
    expect(status.code, status.stderr).toBe(0);
    expect(status.stdout).toContain('version 1 (current): 0 user(s)');
    expect(Date.now() - started).toBeLessThan(5_000); // the connect timer alone held it 5 s
  });
});
