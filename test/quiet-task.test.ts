import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { QuietTask } from '../src/quiet-task.js';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('loading ccxt once the bot is quiet after its start', () => {
  it('happens once nothing has happened for the quiet period', () => {
    const task = vi.fn();
    new QuietTask(task, 300, 10_000).start();
    vi.advanceTimersByTime(299);
    expect(task).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(task).toHaveBeenCalledTimes(1);
  });

  it('waits while interactions keep arriving, so none of them waits behind it', () => {
    const task = vi.fn();
    const preload = new QuietTask(task, 300, 10_000);
    preload.start();
    for (let i = 0; i < 5; i++) {
      vi.advanceTimersByTime(200);
      preload.busy();
    }
    expect(task).not.toHaveBeenCalled();
    vi.advanceTimersByTime(300);
    expect(task).toHaveBeenCalledTimes(1);
  });

  it('happens at the latest time even if interactions never stop, and only once', () => {
    const task = vi.fn();
    const preload = new QuietTask(task, 300, 2_000);
    preload.start();
    for (let i = 0; i < 30; i++) {
      vi.advanceTimersByTime(100);
      preload.busy();
    }
    expect(task).toHaveBeenCalledTimes(1);
  });

  it('never happens once the bot is stopping', () => {
    const task = vi.fn();
    const preload = new QuietTask(task, 300, 2_000);
    preload.start();
    preload.stop();
    vi.advanceTimersByTime(5_000);
    expect(task).not.toHaveBeenCalled();
  });
});
