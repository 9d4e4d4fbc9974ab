import { settled } from '../test/e2e/driver.js';
import { realisticKey, typedCredentials } from '../test/sim/keys.js';
import { GUILD, percentile, rssMb, startBot, startProgram, startWorld, type BenchWorld, type BotProcess } from './world.js';

/** What one bot showed in one run: interaction acknowledgements, start-up and idle memory. */
export interface RunFigures {
  /** the first burst after start: nothing cached, no connection to Discord warmed up yet */
  coldP50Ms: number;
  coldP99Ms: number;
  warmP50Ms: number;
  warmP99Ms: number;
  /** one /connect alone, right after ready, and one a little later */
  firstConnectMs: number;
  laterConnectMs: number;
  readyMs: number;
  idleRssMb: number;
}

export interface Compared {
  figure: keyof RunFigures;
  keyward: number;
  floor: number;
  /** median over the pairs of Keyward ÷ floor, each pair measured back to back */
  ratio: number;
}

export interface FloorComparison {
  pairs: number;
  each: number;
  figures: Compared[];
  /** Keyward's idle memory ÷ a process that only imports discord.js and ccxt, median of pairs */
  idleRssVsImports: { keywardMb: number; importsMb: number; ratio: number };
}

const IDLE_MS = 3_000;
let userSeq = 0n;

/**
 * Keyward against the floor — a discord.js bot that answers /connect with a static form and
 * /balance with a defer and does nothing else — on the same fake Discord, alternating A B A B so
 * that both see the same machine. Absolute milliseconds move with the machine's load; the ratios
 * of a pair measured back to back do not move as much.
 */
export async function compareWithFloor(pairs = 5, each = 200): Promise<FloorComparison> {
  const keyward: RunFigures[] = [];
  const floor: RunFigures[] = [];
  const imports: number[] = [];
  for (let pair = 0; pair < pairs; pair++) {
    keyward.push(await oneRun('keyward', each));
    floor.push(await oneRun('floor', each));
    imports.push(await importsRss());
  }
  const figures = (Object.keys(keyward[0]!) as Array<keyof RunFigures>).map((figure) => ({
    figure,
    keyward: median(keyward.map((r) => r[figure])),
    floor: median(floor.map((r) => r[figure])),
    ratio: round2(median(keyward.map((r, i) => r[figure] / Math.max(floor[i]![figure], 0.1)))),
  }));
  return {
    pairs,
    each,
    figures,
    idleRssVsImports: {
      keywardMb: median(keyward.map((r) => r.idleRssMb)),
      importsMb: median(imports),
      ratio: round2(median(keyward.map((r, i) => r.idleRssMb / imports[i]!))),
    },
  };
}

async function oneRun(which: 'keyward' | 'floor', each: number): Promise<RunFigures> {
  const world = await startWorld();
  let bot: BotProcess | undefined;
  try {
    bot = await startWhich(which, world);
    await sleep(IDLE_MS);
    const idleRssMb = round(await rssMb(bot.child.pid!));
    const cold = await burst(world, each);
    await sleep(1_000);
    const warm = await burst(world, each);
    await sleep(500);
    const laterConnectMs = await oneConnect(world);
    return {
      coldP50Ms: round(percentile(cold, 50)),
      coldP99Ms: round(percentile(cold, 99)),
      warmP50Ms: round(percentile(warm, 50)),
      warmP99Ms: round(percentile(warm, 99)),
      firstConnectMs: round(await firstConnect(which)),
      laterConnectMs: round(laterConnectMs),
      readyMs: round(bot.readyMs),
      idleRssMb,
    };
  } finally {
    await bot?.stop();
    await world.close();
  }
}

/** The first /connect a freshly started bot answers, alone (its own start, so the burst stays cold). */
async function firstConnect(which: 'keyward' | 'floor'): Promise<number> {
  const world = await startWorld();
  const bot = await startWhich(which, world);
  try {
    return await oneConnect(world);
  } finally {
    await bot.stop();
    await world.close();
  }
}

const startWhich = (which: 'keyward' | 'floor', world: BenchWorld) =>
  which === 'keyward' ? startBot(world.env) : startProgram('bench/floor-bot.mjs', 'floor is ready', world.env);

/** Resident memory of a process that imports discord.js and ccxt and then idles. */
async function importsRss(): Promise<number> {
  const baseline = await startProgram('bench/import-baseline.mjs', 'imports are loaded', {});
  try {
    await sleep(IDLE_MS);
    return round(await rssMb(baseline.child.pid!));
  } finally {
    await baseline.stop();
  }
}

function newUser(world: BenchWorld): string {
  const id = String(720000000000000000n + userSeq++);
  world.discord.addUser({ id });
  return id;
}

// okx, not binance: /connect for binance first offers a key pair Keyward creates, while the floor bot
// (and okx) answer with the form itself, which is the figure being compared
const FORM_EXCHANGE = 'okx';

async function oneConnect(world: BenchWorld): Promise<number> {
  const run = await world.discord.slash({ userId: newUser(world), guildId: GUILD, name: 'connect', options: { exchange: FORM_EXCHANGE } });
  const ack = await run.ack;
  if (ack.status >= 300) throw new Error('a single /connect was not acknowledged in time');
  return ack.receivedAt - run.sentAt;
}

/** `each` /connect and `each` /balance arriving at once; the acknowledgement time of every one. */
async function burst(world: BenchWorld, each: number): Promise<number[]> {
  const users = Array.from({ length: each * 2 }, () => newUser(world));
  const runs = await Promise.all(
    users.map((userId, i) =>
      i % 2 === 0
        ? world.discord.slash({ userId, guildId: GUILD, name: 'connect', options: { exchange: FORM_EXCHANGE } })
        : world.discord.slash({ userId, guildId: GUILD, name: 'balance' }),
    ),
  );
  const callbacks = await Promise.all(runs.map((r) => r.ack));
  const refused = callbacks.filter((c) => c.status >= 300);
  if (refused.length > 0)
    throw new Error(`${refused.length} of ${runs.length} interactions were refused by the fake Discord (first: HTTP ${refused[0]!.status})`);
  return runs.map((run, i) => callbacks[i]!.receivedAt - run.sentAt);
}

/**
 * Modal submit → result card for a new key on an exchange whose every answer takes `latencyMs`,
 * once the exchange's clock, markets and prices are known (an earlier user connected): the wall
 * time, and that time ÷ one round trip (the latency itself), median of `runs`.
 */
export async function validationWall(latencyMs = 200, runs = 5): Promise<{ latencyMs: number; wallMs: number; ratio: number }> {
  const world = await startWorld();
  const bot = await startBot(world.env);
  try {
    await connectOnce(world, FORM_EXCHANGE); // warm: clock offset, markets, prices
    world.sim.setFault(FORM_EXCHANGE, { latencyMs });
    const walls: number[] = [];
    for (let i = 0; i < runs; i++) {
      // one user's check on its own: back to back, the exchange's shared lane would pace each check
      // behind the previous one's cost (okx: 6 of about 9 units a second), which measures throughput
      await sleep(1_100);
      walls.push(await connectOnce(world, FORM_EXCHANGE));
    }
    world.sim.clearFaults(FORM_EXCHANGE);
    const wallMs = round(median(walls));
    return { latencyMs, wallMs, ratio: round2(wallMs / latencyMs) };
  } finally {
    await bot.stop();
    await world.close();
  }
}

async function connectOnce(world: BenchWorld, exchange: string): Promise<number> {
  const userId = newUser(world);
  const opened = await world.discord.slash({ userId, guildId: GUILD, name: 'connect', options: { exchange } });
  const form = await opened.waitForReply((m) => Boolean(m.modal), 15_000);
  const typed = typedCredentials(world.sim.addKey(exchange, realisticKey(exchange)));
  const started = performance.now();
  const reply = await settled(await world.discord.modalSubmit({ userId, guildId: GUILD, customId: form.modal!.custom_id, fields: typed }), 30_000);
  const wall = performance.now() - started;
  if (!JSON.stringify(reply).includes('connected')) throw new Error(`the key was not connected: ${JSON.stringify(reply).slice(0, 300)}`);
  return wall;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return round(sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2);
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const round = (n: number) => Math.round(n * 10) / 10;
const round2 = (n: number) => Math.round(n * 100) / 100;
