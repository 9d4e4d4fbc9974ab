import { rssMb, startBot, startWorld } from './world.js';

/** Process start to ready against the fake Discord (median of `runs`), and resident memory once idle. */
export async function measureStartup(runs = 3): Promise<{ coldStartMs: number; idleRssMb: number }> {
  const times: number[] = [];
  let rss = 0;
  for (let i = 0; i < runs; i++) {
    const world = await startWorld(); // a first start: the keyring and store are created too
    try {
      const bot = await startBot(world.env);
      times.push(bot.readyMs);
      await new Promise((r) => setTimeout(r, 3_000));
      rss = await rssMb(bot.child.pid!);
      await bot.stop();
    } finally {
      await world.close();
    }
  }
  times.sort((a, b) => a - b);
  return { coldStartMs: Math.round(times[Math.floor(times.length / 2)]!), idleRssMb: Math.round(rss) };
}
