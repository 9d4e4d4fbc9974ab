import { realisticKey, typedCredentials } from '../test/sim/keys.js';
import { pasteForm, settled } from '../test/e2e/driver.js';
import { GUILD, startBot, type BenchWorld } from './world.js';

/** Wall time of one /balance over 5 accounts on 5 exchanges that each take `latencyMs` to answer. */
export async function measureFanout(world: BenchWorld, latencyMs = 300): Promise<{ accounts: number; latencyMs: number; wallMs: number }> {
  const exchanges = ['binance', 'okx', 'bybit', 'kucoin', 'gate'];
  // gate does not report withdrawal rights: stored without the owner's confirmation here, as an operator may choose
  const bot = await startBot({ ...world.env, UNVERIFIED_WITHDRAW: 'allow' });
  const userId = '710000000000000001';
  world.discord.addUser({ id: userId });
  try {
    for (const exchange of exchanges) {
      const opened = await world.discord.slash({ userId, guildId: GUILD, name: 'connect', options: { exchange } });
      const form = await pasteForm(world.discord, userId, opened, GUILD);
      const typed = typedCredentials(world.sim.addKey(exchange, realisticKey(exchange)));
      await settled(await world.discord.modalSubmit({ userId, guildId: GUILD, customId: form.custom_id, fields: typed }), 30_000);
    }
    await settled(await world.discord.slash({ userId, guildId: GUILD, name: 'balance' }), 30_000); // warm: markets, prices, account modes
    // past the exchanges' rate windows: the warm-up's requests (and a health check of a new key) would
    // otherwise pace this one behind them on okx, which measures the limiter, not the fan-out
    await new Promise((r) => setTimeout(r, 1_100));
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
