/**
 * npm run bench — Keyward's performance, measured side by side in one run on loopback (the
 * project's fake Discord and exchange simulator), printed as a table and written to
 * bench/results.json. Interaction figures are ratios to a bare discord.js bot measured in the same
 * run (bench/floor-bot.mjs). Not part of npm test: numbers are reported, never asserted.
 */
import { cpus, totalmem, type } from 'node:os';
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { compareWithFloor, validationWall, type FloorComparison } from './floor.js';
import { measureFanout } from './interactions.js';
import { measureReminderTick } from './reminder-tick.js';
import { measureRequests } from './requests.js';
import { vaultOpsPerSec } from './vault.js';
import { startWorld } from './world.js';

const say = (line = '') => process.stdout.write(`${line}\n`);
const PAIRS = Number(process.env.BENCH_PAIRS ?? 5);

async function main(): Promise<void> {
  const machine = { cpus: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', memoryGb: Math.round(totalmem() / 2 ** 30), os: type(), node: process.version };
  say(`Keyward benchmarks on ${machine.cpus} × ${machine.cpu}, ${machine.memoryGb} GiB, Node ${machine.node}\n`);

  say('vault…');
  const vault = await vaultOpsPerSec();

  say(`Keyward and the floor bot, ${PAIRS} alternating pairs: start, idle memory, 200 /connect + 200 /balance at once, twice…`);
  const floor = await compareWithFloor(PAIRS);

  say('validation of a new key on an exchange answering after 200 ms…');
  const validation = await validationWall();

  say('balance over 5 exchanges answering after 300 ms…');
  const world = await startWorld();
  const balanceFanout = await measureFanout(world);

  say('requests per operation against every simulated exchange…');
  const requests = await measureRequests(world.sim);
  await world.close();

  say('reminder ticks…');
  const at100k = await measureReminderTick(100_000, 1_000);
  const at10k = await measureReminderTick(10_000, 1_000);

  const results = {
    floor,
    validationWall: validation,
    validation: requests.validation,
    balance: requests.balance,
    balanceFanout,
    vaultOpsPerSec: vault,
    reminderTick: {
      storedKeys: 100_000,
      due: 1_000,
      ms: round(at100k.tickMs),
      msAt10k: round(at10k.tickMs),
      deliveryMs: round(at100k.deliveryMs),
      deliveryMsAt10k: round(at10k.deliveryMs),
    },
    machine,
    measuredAt: new Date().toISOString(),
  };
  await writeFile(fileURLToPath(new URL('./results.json', import.meta.url)), `${JSON.stringify(results, null, 2)}\n`);
  say();
  printFloor(floor);
  say();
  printTable(results);
  say('\nwritten to bench/results.json');
}

/** Targets of Keyward ÷ floor per figure (medians of per-pair ratios). */
const FLOOR_TARGETS: Partial<Record<string, number>> = { coldP50Ms: 1.5, warmP99Ms: 1.3, readyMs: 1.5 };

function printFloor(f: FloorComparison): void {
  const rows: string[][] = [['figure (median of pairs)', 'Keyward', 'floor', 'ratio', 'target', '']];
  for (const c of f.figures) {
    const target = FLOOR_TARGETS[c.figure];
    rows.push([c.figure, String(c.keyward), String(c.floor), String(c.ratio), target ? `≤ ${target}` : '', target ? mark(c.ratio <= target) : '']);
  }
  const first = f.figures.find((c) => c.figure === 'firstConnectMs')!;
  const later = f.figures.find((c) => c.figure === 'laterConnectMs')!;
  const firstVsLater = round(first.keyward / Math.max(later.keyward, 0.1));
  rows.push(['first /connect ÷ a later one (Keyward)', '', '', String(firstVsLater), '≤ 2', mark(firstVsLater <= 2)]);
  rows.push([
    'idle RSS ÷ discord.js + ccxt imported',
    `${f.idleRssVsImports.keywardMb} MB`,
    `${f.idleRssVsImports.importsMb} MB`,
    String(f.idleRssVsImports.ratio),
    '≤ 1.05',
    mark(f.idleRssVsImports.ratio <= 1.05),
  ]);
  table(rows);
}

function printTable(r: {
  validationWall: { latencyMs: number; wallMs: number; ratio: number };
  validation: Record<string, { keyward: number; naive: number }>;
  balance: Record<string, { keyward: number; naive: number }>;
  balanceFanout: { accounts: number; latencyMs: number; wallMs: number };
  vaultOpsPerSec: number;
  reminderTick: { ms: number; msAt10k: number };
}): void {
  const rows: string[][] = [
    ['measure', 'result', 'target', ''],
    [
      `warm validation, exchange at ${r.validationWall.latencyMs} ms: wall ÷ one round trip`,
      `${r.validationWall.wallMs} ms · ${r.validationWall.ratio}`,
      '≤ 1.4',
      mark(r.validationWall.ratio <= 1.4),
    ],
    ...Object.keys(r.validation).map((id) => [
      `requests ${id}: validation · balance`,
      `${r.validation[id]!.keyward} · ${r.balance[id]!.keyward} (naive ${r.validation[id]!.naive})`,
      '≤ 2 · 1',
      mark(r.validation[id]!.keyward <= 2 && r.balance[id]!.keyward === 1),
    ]),
    [
      `/balance, ${r.balanceFanout.accounts} accounts × ${r.balanceFanout.latencyMs} ms`,
      `${r.balanceFanout.wallMs} ms`,
      '< 400 ms',
      mark(r.balanceFanout.wallMs < 400),
    ],
    ['vault seal + open of 200 B', `${r.vaultOpsPerSec.toLocaleString('en-US')} /s`, '≥ 100,000 /s', mark(r.vaultOpsPerSec >= 100_000)],
    ['reminder tick, 1,000 due of 100k / 10k', `${r.reminderTick.ms} / ${r.reminderTick.msAt10k} ms`, '< 200 ms', mark(r.reminderTick.ms < 200)],
  ];
  table(rows);
}

function table(rows: string[][]): void {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => (row[i] ?? '').length)));
  for (const row of rows)
    say(
      row
        .map((cell, i) => cell.padEnd(widths[i]!))
        .join('  ')
        .trimEnd(),
    );
}

const mark = (ok: boolean) => (ok ? 'met' : 'MISSED');
const round = (ms: number) => Math.round(ms * 10) / 10;

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  },
);
