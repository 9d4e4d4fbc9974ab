/**
 * npm run bench — Keyward's performance, measured side by side in one run on loopback (the
 * project's fake Discord and exchange simulator), printed as a table and written to
 * bench/results.json. Not part of npm test: numbers are reported, never asserted.
 */
import { cpus, totalmem, type } from 'node:os';
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { measureAck, measureFanout } from './interactions.js';
import { measureReminderTick } from './reminder-tick.js';
import { measureRequests } from './requests.js';
import { measureStartup } from './startup.js';
import { vaultOpsPerSec } from './vault.js';
import { startWorld } from './world.js';

const say = (line = '') => process.stdout.write(`${line}\n`);

async function main(): Promise<void> {
  const machine = { cpus: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', memoryGb: Math.round(totalmem() / 2 ** 30), os: type(), node: process.version };
  say(`Keyward benchmarks on ${machine.cpus} × ${machine.cpu}, ${machine.memoryGb} GiB, Node ${machine.node}\n`);

  say('vault…');
  const vault = await vaultOpsPerSec();

  say('interactions: 200 /connect + 200 /balance at once…');
  let world = await startWorld();
  const ack = await measureAck(world);
  await world.close();

  say('balance over 5 exchanges answering after 300 ms…');
  world = await startWorld();
  const balanceFanout = await measureFanout(world);

  say('requests per operation against every simulated exchange…');
  const requests = await measureRequests(world.sim);
  await world.close();

  say('cold start and idle memory…');
  const { coldStartMs, idleRssMb } = await measureStartup();

  say('reminder ticks…');
  const at100k = await measureReminderTick(100_000, 1_000);
  const at10k = await measureReminderTick(10_000, 1_000);

  const results = {
    ack,
    validation: requests.validation,
    balance: requests.balance,
    balanceFanout,
    coldStartMs,
    idleRssMb,
    vaultOpsPerSec: vault,
    reminderTick: {
      storedKeys: 100_000, due: 1_000, ms: round(at100k.tickMs), msAt10k: round(at10k.tickMs),
      deliveryMs: round(at100k.deliveryMs), deliveryMsAt10k: round(at10k.deliveryMs),
    },
    machine,
    measuredAt: new Date().toISOString(),
  };
  await writeFile(fileURLToPath(new URL('./results.json', import.meta.url)), `${JSON.stringify(results, null, 2)}\n`);
  say();
  printTable(results);
  say('\nwritten to bench/results.json');
}

function printTable(r: {
  ack: { n: number; p50Ms: number; p99Ms: number; cold: { p50Ms: number; p99Ms: number } }; validation: Record<string, { keyward: number; naive: number }>;
  balance: Record<string, { keyward: number; naive: number }>; balanceFanout: { accounts: number; latencyMs: number; wallMs: number };
  coldStartMs: number; idleRssMb: number; vaultOpsPerSec: number; reminderTick: { ms: number; msAt10k: number; deliveryMs: number };
}): void {
  const rows: Array<[string, string, string, string]> = [
    ['measure', 'result', 'target', ''],
    ['ack p50 / p99 (400 at once)', `${r.ack.p50Ms} / ${r.ack.p99Ms} ms`, 'p99 < 50 ms', mark(r.ack.p99Ms < 50)],
    ['  first burst after start', `${r.ack.cold.p50Ms} / ${r.ack.cold.p99Ms} ms`, '', ''],
    ...Object.keys(r.validation).map((id): [string, string, string, string] => [
      `requests ${id}: validation · balance`,
      `${r.validation[id]!.keyward} · ${r.balance[id]!.keyward} (naive ${r.validation[id]!.naive})`,
      '≤ 2 · 1', mark(r.validation[id]!.keyward <= 2 && r.balance[id]!.keyward === 1),
    ]),
    [`/balance, ${r.balanceFanout.accounts} accounts × ${r.balanceFanout.latencyMs} ms`, `${r.balanceFanout.wallMs} ms`, '< 400 ms', mark(r.balanceFanout.wallMs < 400)],
    ['cold start', `${r.coldStartMs} ms`, '< 2,000 ms', mark(r.coldStartMs < 2_000)],
    ['idle memory (RSS)', `${r.idleRssMb} MB`, '< 200 MB', mark(r.idleRssMb < 200)],
    ['vault seal + open of 200 B', `${r.vaultOpsPerSec.toLocaleString('en-US')} /s`, '≥ 100,000 /s', mark(r.vaultOpsPerSec >= 100_000)],
    ['reminder tick, 1,000 due of 100k / 10k', `${r.reminderTick.ms} / ${r.reminderTick.msAt10k} ms`, '< 200 ms', mark(r.reminderTick.ms < 200)],
  ];
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((row) => row[i]!.length)));
  for (const row of rows) say(`${row[0].padEnd(widths[0]!)}  ${row[1].padEnd(widths[1]!)}  ${row[2].padEnd(widths[2]!)}  ${row[3]}`);
}

const mark = (ok: boolean) => (ok ? 'met' : 'MISSED');
const round = (ms: number) => Math.round(ms * 10) / 10;

main().then(() => process.exit(0), (err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
