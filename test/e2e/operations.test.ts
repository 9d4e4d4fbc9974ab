import { describe, expect, it } from 'vitest';
import { runEntry } from '../helpers/spawn.js';
import { ALICE, GUILD, settled, textOf, useKeyward } from './harness.js';
import { freePort } from './process-helpers.js';

const port = await freePort();
const h = useKeyward({ env: { HEALTH_PORT: String(port) } });

describe('operating Keyward', () => {
  it('answers its health endpoint, which the Docker health check command reads', async () => {
    const res = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', discord: 'ready', store: 'reachable' });
    const check = await runEntry('src/cli/healthcheck.ts', [], { cwd: h.dir, env: { HEALTH_PORT: String(port) } });
    expect(check.code).toBe(0);
  });

  it('on stop, finishes the interaction in progress, turns new ones away politely, then closes', async () => {
    await h.connect(ALICE, 'binance', h.key('binance').typed);
    h.sim.setFault('binance', { latencyMs: 1_500, scope: 'private' });
    const slow = await h.discord.slash({ userId: ALICE, guildId: GUILD, name: 'balance' });
    await slow.ack; // deferred: now in progress
    const stopping = h.app.stop();
    const late = await h.discord.slash({ userId: ALICE, guildId: GUILD, name: 'keys', subcommand: 'list' });
    expect(textOf(await settled(late))).toContain('restarting');
    expect(textOf(await settled(slow))).toContain('Binance · main'); // the balance still arrived
    await stopping;
    h.sim.clearFaults('binance');
    expect((await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => undefined))?.status).toBeUndefined();
    const check = await runEntry('src/cli/healthcheck.ts', [], { cwd: h.dir, env: { HEALTH_PORT: String(port) } });
    expect(check.code).toBe(1);
  });
});
