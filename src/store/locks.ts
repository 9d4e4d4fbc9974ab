import { AsyncLocalStorage } from 'node:async_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { AppError } from '../errors.js';
import type { Coordination } from './coordination.js';

const held = new AsyncLocalStorage<ReadonlySet<string>>();

/**
 * Runs `fn` holding the cross-process lease `name`, waiting up to `waitMs` for it. Re-entrant within
 * one async call chain, so a service holding a user's lock can call store methods that take it too.
 */
export async function withLease<T>(
  coordination: Coordination,
  name: string,
  ttlMs: number,
  fn: () => Promise<T>,
  waitMs = 10_000,
  busy: () => Error = () => new AppError('BUSY'),
): Promise<T> {
  const mine = held.getStore();
  if (mine?.has(name)) return fn();
  const deadline = Date.now() + waitMs;
  let token = await coordination.acquire(name, ttlMs);
  for (let delay = 10; !token; delay = Math.min(delay * 2, 200)) {
    if (Date.now() >= deadline) throw busy();
    await sleep(delay + Math.random() * delay);
    token = await coordination.acquire(name, ttlMs);
  }
  try {
    return await held.run(new Set([...(mine ?? []), name]), fn);
  } finally {
    await coordination.release(name, token).catch(() => undefined);
  }
}
