import { realisticKey, typedCredentials } from '../test/sim/keys.js';
import { settled } from '../test/e2e/driver.js';
import { GUILD, percentile, startBot, type BenchWorld } from './world.js';

export interface AckMeasure {
  n: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** the same burst on a bot that has just started (catalog not built, no open HTTP connections) */
  cold: { p50Ms: number; p99Ms: number };
}

/**
 * Time from the gateway sending INTERACTION_CREATE to Discord receiving the first callback, with
 * 200 /connect (answered with a form) and 200 /balance (deferred) arriving at once. The first burst
 * after start is reported as `cold`; the main figures are the next burst, as a running bot sees it.
 */
export async function measureAck(world: BenchWorld, each = 200): Promise<AckMeasure> {
  const bot = await startBot(world.env);
  try {
    const cold = await burst(world, each, 0n);
    await new Promise((r) => setTimeout(r, 1_000));
    const warm = await burst(world, each, 1n);
    return { n: warm.length, p50Ms: round(percentile(warm, 50)), p99Ms: round(percentile(warm, 99)), maxMs: round(Math.max(...warm)), cold: { p50Ms: round(percentile(cold, 50)), p99Ms: round(percentile(cold, 99)) } };
  } finally {
    await bot.stop();
  }
}

async function burst(world: BenchWorld, each: number, round: bigint): Promise<number[]> {
  const users = Array.from({ length: each * 2 }, (_, i) => String(700000000000000000n + round * 10_000n + BigInt(i)));
  for (const id of users) world.discord.addUser({ id });
  const runs = await Promise.all(users.map((userId, i) =>
    i % 2 === 0
      ? world.discord.slash({ userId, guildId: GUILD, name: 'connect', options: { exchange: 'binance' } })
      : world.discord.slash({ userId, guildId: GUILD, name: 'balance' })));
  const callbacks = await Promise.all(runs.map((r) => r.ack));
  const refused = callbacks.filter((c) => c.status >= 300).length;
  if (refused > 0) throw new Error(`${refused} interactions were not acknowledged in time`);
  return runs.map((run, i) => callbacks[i]!.receivedAt - run.sentAt);
}

/** Wall time of one /balance over 5 accounts on 5 exchanges that each take `latencyMs` to answer. */
export async function measureFanout(world: BenchWorld, latencyMs = 300): Promise<{ accounts: number; latencyMs: number; wallMs: number }> {
  const exchanges = ['binance', 'okx', 'bybit', 'kucoin', 'gate'];
  const bot = await startBot(world.env);
  const userId = '710000000000000001';
  world.discord.addUser({ id: userId });
  try {
    for (const exchange of exchanges) {
      const opened = await world.discord.slash({ userId, guildId: GUILD, name: 'connect', options: { exchange } });
      const form = await opened.waitForReply((m) => Boolean(m.modal), 15_000);
      const typed = typedCredentials(world.sim.addKey(exchange, realisticKey(exchange)));
      await settled(await world.discord.modalSubmit({ userId, guildId: GUILD, customId: form.modal!.custom_id, fields: typed }), 30_000);
    }
    await settled(await world.discord.slash({ userId, guildId: GUILD, name: 'balance' }), 30_000); // warm: markets, prices, account modes
    for (const exchange of exchanges) world.sim.setFault(exchange, { latencyMs });
    const started = performance.now();
    const reply = await settled(await world.discord.slash({ userId, guildId: GUILD, name: 'balance' }), 30_000);
    const wallMs = performance.now() - started;
    for (const exchange of exchanges) world.sim.clearFaults(exchange);
    if (!JSON.stringify(reply.embeds).includes('Gate')) throw new Error('the balance reply is missing an account');
    return { accounts: exchanges.length, latencyMs, wallMs: round(wallMs) };
  } finally {
    await bot.stop();
  }
}

const round = (ms: number) => Math.round(ms * 10) / 10;
