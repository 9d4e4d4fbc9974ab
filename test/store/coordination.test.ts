import { afterEach, beforeEach, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.js';
import { openStore, withLease, type Store } from '../../src/store/index.js';
import { describeEachBackend } from '../helpers/backends.js';
import { useTempDirs } from '../helpers/temp.js';

const tempDir = useTempDirs();

describeEachBackend('coordination shared by two connections', (backend) => {
  let clock: ManualClock;
  let a: Store;
  let b: Store;
  let url: string;

  beforeEach(async () => {
    url = backend.freshUrl(await tempDir());
    clock = new ManualClock(Date.UTC(2026, 10, 20));
    // two connections to one store, as two bot processes would have
    a = await openStore(url, clock);
    b = await openStore(url, clock);
  });
  afterEach(async () => {
    await a.close();
    await b.close();
    await backend.cleanup(url);
  });

  it('grants a lease to one holder at a time, and again once it expires or is released', async () => {
    const token = await a.coordination.acquire('rotation', 1_000);
    expect(token).toBeTruthy();
    expect(await b.coordination.acquire('rotation', 1_000)).toBeUndefined();
    clock.advance(1_001);
    const stolen = await b.coordination.acquire('rotation', 1_000);
    expect(stolen).toBeTruthy();
    await a.coordination.release('rotation', token!); // a stale holder cannot release the new lease
    expect(await a.coordination.acquire('rotation', 1_000)).toBeUndefined();
    await b.coordination.release('rotation', stolen!);
    expect(await a.coordination.acquire('rotation', 1_000)).toBeTruthy();
  });

  it('hands a one-time value to exactly one taker, and to nobody after it expires', async () => {
    expect(await a.coordination.putOnce('modal-1', 'payload', 60_000)).toBe(true);
    expect(await b.coordination.putOnce('modal-1', 'other', 60_000)).toBe(false);
    expect(await b.coordination.peekOnce('modal-1')).toBe('payload');
    const [first, second] = await Promise.all([a.coordination.takeOnce('modal-1'), b.coordination.takeOnce('modal-1')]);
    expect([first, second].filter(Boolean)).toEqual(['payload']);
    await a.coordination.putOnce('modal-2', 'payload', 60_000);
    clock.advance(60_001);
    expect(await b.coordination.takeOnce('modal-2')).toBeUndefined();
  });

  it('counts hits in a window shared by both connections and starts over when it ends', async () => {
    for (let i = 1; i <= 3; i++) expect((await (i % 2 ? a : b).coordination.hit('validate:u1', 600_000)).count).toBe(i);
    clock.advance(600_000);
    expect(await a.coordination.hit('validate:u1', 600_000)).toEqual({ count: 1, resetAt: clock.now() + 600_000 });
  });

  it('claims each due member once, reclaims a stale claim, and reschedules on finish', async () => {
    const now = clock.now();
    await a.coordination.schedule('u1', now - 10);
    await a.coordination.schedule('u2', now + 86_400_000);
    const [claimA, claimB] = await Promise.all([a.coordination.claimDue(now, 10, 60_000), b.coordination.claimDue(now, 10, 60_000)]);
    expect([...claimA, ...claimB].map((c) => c.member)).toEqual(['u1']);
    clock.advance(60_001); // the claimer died without finishing
    const reclaimed = await b.coordination.claimDue(clock.now(), 10, 60_000);
    expect(reclaimed.map((c) => c.member)).toEqual(['u1']);
    const first = [...claimA, ...claimB][0]!;
    expect(await a.coordination.finishClaim('u1', first.token, now + 5)).toBe(false);
    expect(await b.coordination.finishClaim('u1', reclaimed[0]!.token, now + 7 * 86_400_000)).toBe(true);
    expect(await a.coordination.dueAt('u1')).toBe(now + 7 * 86_400_000);
  });

  it('runs lease-guarded sections one at a time across connections, re-entrant within one chain', async () => {
    const order: string[] = [];
    const section = (s: Store, name: string) =>
      withLease(s.coordination, 'user:1', 5_000, async () => {
        order.push(`${name}-in`);
        await withLease(s.coordination, 'user:1', 5_000, async () => {
          order.push(`${name}-nested`);
        });
        await new Promise((r) => setTimeout(r, 20));
        order.push(`${name}-out`);
      });
    await Promise.all([section(a, 'a'), section(b, 'b')]);
    expect(order.join(',')).toMatch(/^(a-in,a-nested,a-out,b-in,b-nested,b-out|b-in,b-nested,b-out,a-in,a-nested,a-out)$/);
  });
});
