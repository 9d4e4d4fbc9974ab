import { REST } from 'discord.js';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.js';
import { DiscordDms } from '../../src/discord/dm.js';
import { Links } from '../../src/discord/links.js';
import { getExchange, listExchanges, searchExchanges } from '../../src/exchanges/catalog.js';
import { DmThrottle } from '../../src/reminders/dm-throttle.js';
import { MissedNotices } from '../../src/reminders/notices.js';
import { reminderMember, scheduleReminders } from '../../src/reminders/schedule.js';
import { Scheduler } from '../../src/reminders/scheduler.js';
import { openStore, type CredentialRecord, type Store } from '../../src/store/index.js';
import { startFakeDiscord, type FakeDiscord } from '../fakes/discord/index.js';
import { describeEachBackend, type BackendCase } from '../helpers/backends.js';
import { captureLogs } from '../helpers/logs.js';
import { useTempDirs } from '../helpers/temp.js';
import { buttonLabels, credential, days, fieldsOf, postsTo, stamp } from './reminder-helpers.js';

const tempDir = useTempDirs();
const catalog = { entry: (id: string) => getExchange(id)!, search: searchExchanges, list: listExchanges };
const noHealthChecks = { recheck: () => Promise.reject(new Error('these tests schedule no health checks')) };
const LEASE = 5 * 60_000;

let discord: FakeDiscord;
let clock: ManualClock;
let stores: Store[];
let nextUser = 0;
let backend: BackendCase;
const urls: string[] = [];

beforeAll(async () => {
  discord = await startFakeDiscord();
});
afterAll(async () => {
  await discord.close();
});
beforeEach(() => {
  clock = new ManualClock(Date.now());
  stores = [];
});
afterEach(async () => {
  await Promise.all(stores.map((s) => s.close()));
  for (const url of urls.splice(0)) await backend.cleanup(url);
});

/** A store nobody else uses, on the suite's engine. */
async function freshStoreUrl(): Promise<string> {
  const url = backend.freshUrl(await tempDir());
  urls.push(url);
  return url;
}

/** A connection to the test's store, as each bot process opens its own. */
async function connection(url: string): Promise<Store> {
  const store = await openStore(url, clock);
  stores.push(store);
  return store;
}

/** A scheduler as main.ts builds it, sending through a real REST client pointed at the fake Discord. */
function schedulerOn(store: Store, opts: { batch?: number; perSecond?: number } = {}): Scheduler {
  const rest = new REST({ api: discord.apiUrl }).setToken(discord.token);
  const { log } = captureLogs();
  const dms = new DiscordDms(rest, new Links(store.coordination), catalog, log, clock);
  return new Scheduler(
    {
      store,
      clock,
      dms,
      throttle: new DmThrottle(store.coordination, opts.perSecond ?? 50),
      notices: new MissedNotices(store),
      defaultDays: 90,
      log,
      keys: noHealthChecks,
    },
    { healthIntervalMs: days(1), leaseMs: LEASE, batch: opts.batch },
  );
}

/** A fresh Discord user whose keys are stored and scheduled as connecting them would. */
async function userWithKeys(store: Store, keys: Array<Partial<CredentialRecord>>): Promise<string> {
  const userId = String(300000000000000000n + BigInt(++nextUser));
  discord.addUser({ id: userId });
  for (const k of keys) await store.putCredential(credential({ userId, ...k }));
  await scheduleReminders(store, clock, 90, userId);
  return userId;
}

async function tickUntilIdle(...schedulers: Scheduler[]): Promise<number[]> {
  const handled = schedulers.map(() => 0);
  for (let round = 0; round < 50; round++) {
    const counts = await Promise.all(schedulers.map((s) => s.tick()));
    counts.forEach((n, i) => {
      handled[i]! += n;
    });
    if (counts.every((n) => n === 0)) return handled;
  }
  throw new Error('the schedulers never ran out of due work');
}

describeEachBackend('the reminder scheduler', (b) => {
  beforeAll(() => {
    backend = b;
  });
  it('sends every key that reached a stage in one digest DM, with a Rotate and a Snooze button for each key', async () => {
    const store = await connection(await freshStoreUrl());
    const now = clock.now();
    const expiry = now + days(7);
    const userId = await userWithKeys(store, [
      { exchange: 'binance', account: 'main', keyHint: 'AB12', rotatedAt: now - days(76) },
      { exchange: 'okx', account: 'bot', keyHint: 'CD34', rotatedAt: now - days(76) },
      { exchange: 'bybit', account: 'main', keyHint: 'EF56', rotatedAt: now, permissions: { ...credential().permissions, expiresAt: expiry } },
    ]);
    expect(await schedulerOn(store).tick()).toBe(1);
    const dms = discord.dms(userId);
    expect(dms).toHaveLength(1);
    expect(dms[0]!.embeds[0]!.title).toBe('Time to rotate 3 keys');
    const fields = fieldsOf(dms[0]!);
    expect(fields.map((f) => f.name)).toEqual(['Binance · main …AB12', 'OKX · bot …CD34', 'Bybit · main …EF56']);
    expect(fields[0]!.value).toContain(`Due ${stamp(now + days(14))}`);
    expect(fields[2]!.value).toContain(`Due ${stamp(expiry)}`);
    expect(fields[2]!.value).toContain('Bybit says the key expires then');
    expect(buttonLabels(dms[0]!)).toEqual([
      ['Rotate Binance · main', 'Snooze 7 days'],
      ['Rotate OKX · bot', 'Snooze 7 days'],
      ['Rotate Bybit · main', 'Snooze 7 days'],
    ]);
    expect((await store.listCredentials(userId)).map((k) => k.reminders.lastStage)).toEqual(['d14', 'd14', 'd7']);
    clock.advance(60_000);
    await schedulerOn(store).tick();
    expect(discord.dms(userId)).toHaveLength(1);
  });

  it('after a 10-day downtime sends each user one DM with the latest stage of each key, not one per missed stage', async () => {
    const store = await connection(await freshStoreUrl());
    const rotatedAt = clock.now() - days(83); // today is the 7-days-before stage
    const users = [
      await userWithKeys(store, [{ rotatedAt }, { exchange: 'kraken', rotatedAt: rotatedAt + days(1) }]),
      await userWithKeys(store, [{ rotatedAt }]),
    ];
    const scheduler = schedulerOn(store);
    await tickUntilIdle(scheduler);
    expect(users.map((u) => discord.dms(u).length)).toEqual([1, 1]);
    clock.advance(days(10)); // the bot was down: the 1-day-before and due-day stages passed unsent
    await tickUntilIdle(scheduler);
    expect(users.map((u) => discord.dms(u).length)).toEqual([2, 2]);
    expect(fieldsOf(discord.dms(users[0]!)[1]!)).toHaveLength(2);
    expect((await store.listCredentials(users[0]!)).map((k) => k.reminders.lastStage)).toEqual(['due', 'due']);
    expect(await store.coordination.dueAt(reminderMember(users[1]!))).toBe(rotatedAt + days(97));
  });

  it('sends each reminder exactly once when two schedulers share one store and tick together', async () => {
    const file = await freshStoreUrl();
    const [a, b] = [await connection(file), await connection(file)];
    const rotatedAt = clock.now() - days(76);
    const users: string[] = [];
    for (let i = 0; i < 12; i++) users.push(await userWithKeys(i % 2 ? a : b, [{ rotatedAt }]));
    const handled = await tickUntilIdle(schedulerOn(a, { batch: 3 }), schedulerOn(b, { batch: 3 }));
    expect(handled[0]! + handled[1]!).toBe(12);
    expect(Math.min(...handled)).toBeGreaterThan(0);
    clock.advance(days(7));
    await tickUntilIdle(schedulerOn(a, { batch: 3 }), schedulerOn(b, { batch: 3 }), schedulerOn(b, { batch: 3 }));
    expect(users.map((u) => discord.dms(u).length)).toEqual(users.map(() => 2));
    expect(users.map((u) => postsTo(discord, discord.dms(u)[0]!.channelId!).length)).toEqual(users.map(() => 2));
  });

  it("sends a reminder whose claimer crashed before sending, once the claim's lease runs out", async () => {
    const file = await freshStoreUrl();
    const [crashed, survivor] = [await connection(file), await connection(file)];
    const userId = await userWithKeys(survivor, [{ rotatedAt: clock.now() - days(76) }]);
    const [claim] = await crashed.coordination.claimDue(clock.now(), 500, LEASE);
    expect(claim?.member).toBe(reminderMember(userId));
    const scheduler = schedulerOn(survivor);
    expect(await scheduler.tick()).toBe(0);
    clock.advance(LEASE - 1);
    expect(await scheduler.tick()).toBe(0);
    expect(discord.dms(userId)).toHaveLength(0);
    clock.advance(1);
    expect(await scheduler.tick()).toBe(1);
    expect(discord.dms(userId)).toHaveLength(1);
    expect(await crashed.coordination.finishClaim(claim!.member, claim!.token, clock.now())).toBe(false);
    await scheduler.tick();
    expect(discord.dms(userId)).toHaveLength(1);
  });
});
