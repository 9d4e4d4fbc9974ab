import { createHash } from 'node:crypto';

/**
 * Runs calls that use the same API key one after another. Some exchanges (kraken) refuse a nonce
 * that is not larger than the last one, so two overlapping calls with one key can fail each other.
 * Keys are held only as hashes, and only while calls are queued.
 */
export class KeyQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(exchangeId: string, apiKey: string | undefined, fn: () => Promise<T>): Promise<T> {
    const id = createHash('sha256')
      .update(`${exchangeId}\u0000${apiKey ?? ''}`)
      .digest('base64');
    const previous = this.tails.get(id) ?? Promise.resolve();
    const mine = previous.then(fn, fn);
    const tail = mine.catch(() => undefined);
    this.tails.set(id, tail);
    void tail.then(() => {
      if (this.tails.get(id) === tail) this.tails.delete(id);
    });
    return mine;
  }
}
