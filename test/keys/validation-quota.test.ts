import { afterEach, beforeEach, expect, it } from 'vitest';
import { ManualClock, MINUTE } from '../../src/clock.js';
import { isAppError } from '../../src/errors.js';
import { ValidationQuota } from '../../src/keys/validation-quota.js';
import { openStore, type Store } from '../../src/store/index.js';
import { describeEachBackend } from '../helpers/backends.js';
import { useTempDirs } from '../helpers/temp.js';

const tempDir = useTempDirs();

describeEachBackend('the per-user validation limit', (backend) => {
  let clock: ManualClock;
  let url: string;
  let stores: Store[];
  let [processA, processB]: ValidationQuota[] = [];

  beforeEach(async () => {
    clock = new ManualClock(Date.UTC(2026, 10, 20));
    url = backend.freshUrl(await tempDir());
    stores = [await openStore(url, clock), await openStore(url, clock)];
    // two bot processes, one store: the limit is shared
    [processA, processB] = stores.map((s) => new ValidationQuota(s.coordination, clock, 3, 10 * MINUTE));
  });
  afterEach(async () => {
    for (const s of stores) await s.close();
    await backend.cleanup(url);
  });

  it('refuses the fourth check in ten minutes, wherever it lands, and tells how long to wait', async () => {
    await processA!.take('u1');
    await processB!.take('u1');
    await processA!.take('u1');
    clock.advance(4 * MINUTE);
    const err = await processB!.take('u1').then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isAppError(err, 'VALIDATION_RATE_LIMITED')).toBe(true);
    expect((err as Error).message).toContain('6 minute');
  });

  it('refuses early, before the user types a secret, once the window is full', async () => {
    await processA!.ensureAvailable('u2');
    for (let i = 0; i < 3; i++) await processA!.take('u2');
    const err = await processB!.ensureAvailable('u2').then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isAppError(err, 'VALIDATION_RATE_LIMITED')).toBe(true);
  });

  it('counts each user on their own, and opens again when the window ends', async () => {
    for (let i = 0; i < 3; i++) await processA!.take('u3');
    await expect(processB!.take('u4')).resolves.toBeUndefined();
    clock.advance(10 * MINUTE);
    await expect(processB!.take('u3')).resolves.toBeUndefined();
  });
});
