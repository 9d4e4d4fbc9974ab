import { describe, expect, it } from 'vitest';
import { runEntry } from './helpers/spawn.js';

describe('npm run demo', () => {
  it('plays the scripted session against the real bot process and finds no secret in what it sent, logged or stored', async () => {
    const run = await runEntry('scripts/demo.ts', [], { cwd: process.cwd(), env: {}, timeoutMs: 90_000 });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    for (const step of [
      '/connect exchange:binance',
      'BEGIN PUBLIC KEY',
      'Self-generated Ed25519 key',
      '📎 binance-ed25519-public-key.pem',
      'This key can withdraw funds',
      'Your balances',
      'rotated',
      'removed',
      'DM from Keyward',
      '[Rotate Bybit · main] [Snooze 7 days]',
    ]) {
      expect(run.stdout).toContain(step);
    }
    expect(run.stdout).toContain('✓ None of the');
    expect(run.stdout).toContain('✓ The generated private keys never left the bot');
    // the recommended way comes first
    expect(run.stdout.indexOf('BEGIN PUBLIC KEY')).toBeLessThan(run.stdout.indexOf('/connect exchange:okx'));
    // every form opened is also shown being sent, so the transcript reads in order
    expect(run.stdout.split('Alice presses [Submit]').length).toBe(run.stdout.split('Alice sees a private form').length);
    // each exchange holds its own wallet: the two accounts in /balance differ
    const balance = run.stdout.slice(run.stdout.indexOf('Alice ▸ /balance'), run.stdout.indexOf('Alice ▸ /keys rotate'));
    const totals = [...balance.matchAll(/^ {2}│ {3}Estimated total: (\S+)/gm)].map((m) => m[1]);
    expect(totals).toHaveLength(2);
    expect(totals[0]).not.toBe(totals[1]);
  }, 120_000);
});
