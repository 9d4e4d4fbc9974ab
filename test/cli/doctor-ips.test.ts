/** npm run doctor -- --ips: what a move to new addresses would break, per exchange, from stored metadata only. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { systemClock } from '../../src/clock.js';
import type { KeyPermissions } from '../../src/exchanges/index.js';
import { openStore, type CredentialRecord } from '../../src/store/index.js';
import { runEntry } from '../helpers/spawn.js';
import { useTempDirs } from '../helpers/temp.js';

const tempDir = useTempDirs();
const NOW = Date.UTC(2026, 10, 30);

function key(userId: string, exchange: string, account: string, ip: Partial<KeyPermissions>): CredentialRecord {
  return {
    v: 1,
    userId,
    exchange,
    account,
    keyHint: 'WXYZ',
    createdAt: NOW,
    rotatedAt: NOW,
    status: 'ok',
    warnings: [],
    reminders: {},
    permissions: { read: 'yes', spotTrade: 'yes', futuresTrade: 'no', withdraw: 'no', transfer: 'no', ipRestricted: 'unknown', ...ip },
    sealed: { nonce: 'bm9uY2U=', ct: 'Y2lwaGVy' },
  };
}

/** Stores keys as the bot would have after checking them; no keyring exists, so nothing could be decrypted. */
async function storeWith(records: CredentialRecord[]): Promise<{ dir: string; env: Record<string, string> }> {
  const dir = await tempDir();
  const storeUrl = `sqlite://${join(dir, 'data', 'k.sqlite')}`;
  const store = await openStore(storeUrl, systemClock);
  for (const r of records) await store.putCredential(r);
  await store.close();
  return { dir, env: { STORE_URL: storeUrl, KEYRING_FILE: join(dir, 'secrets', 'missing.json') } };
}

describe('npm run doctor -- --ips', () => {
  it('counts per exchange the keys whose whitelist lacks a new address, without naming users or accounts', async () => {
    const { dir, env } = await storeWith([
      key('111111111111111111', 'bybit', 'main', { ipRestricted: 'yes', ipWhitelist: ['203.0.113.7'] }),
      key('111111111111111111', 'okx', 'alice-okx', { ipRestricted: 'yes', ipWhitelist: ['203.0.113.7', '198.51.100.9'] }),
      key('222222222222222222', 'bybit', 'main', { ipRestricted: 'yes', ipWhitelist: ['198.51.100.0/24'] }),
      key('222222222222222222', 'binance', 'main', { ipRestricted: 'yes' }),
      key('333333333333333333', 'okx', 'main', { ipRestricted: 'no' }),
    ]);
    const run = await runEntry('src/cli/doctor.ts', ['--ips', '198.51.100.9'], { cwd: dir, env });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('Moving to 198.51.100.9:');
    expect(run.stdout).toContain('bybit: 1 would break, 0 bound to a whitelist the exchange does not show (cannot tell), 1 unaffected');
    expect(run.stdout).toContain('okx: 0 would break, 0 bound to a whitelist the exchange does not show (cannot tell), 2 unaffected');
    expect(run.stdout).toContain('binance: 0 would break, 1 bound to a whitelist the exchange does not show (cannot tell), 0 unaffected');
    expect(run.stdout).toContain('1 key(s) would break');
    expect(run.stdout).not.toMatch(/111111111111111111|222222222222222222|alice-okx|WXYZ|203\.0\.113\.7/);
  });

  it('refuses a list that holds something other than an address', async () => {
    const { dir, env } = await storeWith([]);
    const run = await runEntry('src/cli/doctor.ts', ['--ips', '198.51.100.9,not-an-ip'], { cwd: dir, env });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('entry 2 is not one');
  });
});
