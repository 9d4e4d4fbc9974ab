import { describe, expect, it } from 'vitest';
import { Closers } from '../src/wiring/closers.js';

describe('stopping the bot', () => {
  it('still closes the store and the rest when closing Discord fails, newest first, then reports that failure', async () => {
    const closed: string[] = [];
    const open = new Closers();
    open.add(async () => closed.push('store'));
    open.add(async () => {
      throw new Error('discord would not close');
    });
    open.add(async () => closed.push('scheduler'));
    await expect(open.closeAll()).rejects.toThrow('discord would not close');
    expect(closed).toEqual(['scheduler', 'store']);
  });
});
