import { afterEach, beforeEach, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.js';
import { openStore, type Store } from '../../src/store/index.js';
import { describeEachBackend } from '../helpers/backends.js';
import { useTempDirs } from '../helpers/temp.js';

const tempDir = useTempDirs();

describeEachBackend('what forget uses to leave nothing behind', (backend) => {
  let clock: ManualClock;
  let store: Store;
  let url: string;

  beforeEach(async () => {
    url = backend.freshUrl(await tempDir());
    clock = new ManualClock(Date.UTC(2026, 10, 20));
    store = await openStore(url, clock);
  });
  afterEach(async () => {
    await store.close();
    await backend.cleanup(url);
  });

  it('takes every one-time value under a prefix, live ones returned, and leaves other ids alone', async () => {
    const c = store.coordination;
    await c.putOnce('links-of:100:a', 'a', 60_000);
    await c.putOnce('links-of:100:b', 'b', 1_000);
    await c.putOnce('links-of:1000:c', 'c', 60_000);
    await c.putOnce('links-of:10*:d', 'd', 60_000);
    clock.advance(2_000);
    expect((await c.takeOnceByPrefix('links-of:100:')).sort()).toEqual(['a']);
    expect(await c.peekOnce('links-of:100:a')).toBeUndefined();
    expect(await c.peekOnce('links-of:1000:c')).toBe('c');
    expect(await c.peekOnce('links-of:10*:d')).toBe('d');
    expect(await c.takeOnceByPrefix('links-of:10*:')).toEqual(['d']);
    expect(await c.peekOnce('links-of:1000:c')).toBe('c');
  });

  it('deletes a hit window like a counter, so a fresh window starts at one', async () => {
    const c = store.coordination;
    await c.hit('validations:100', 60_000);
    await c.hit('validations:100', 60_000);
    await c.deleteCounter('validations:100');
    expect((await c.peekHits('validations:100')).count).toBe(0);
    expect((await c.hit('validations:100', 60_000)).count).toBe(1);
  });
});
