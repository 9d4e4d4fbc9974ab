/** What a start has opened, closed newest first: all of it by a stop, or quietly after a failed start. */
export class Closers {
  private readonly open: Array<() => Promise<unknown>> = [];

  add(close: () => Promise<unknown>): void {
    this.open.push(close);
  }

  /** Closes everything in turn, even after one fails (the store still closes cleanly); then throws the first failure. */
  async closeAll(): Promise<void> {
    let first: unknown;
    for (const close of this.open.splice(0).reverse()) {
      try {
        await close();
      } catch (err) {
        first ??= err;
      }
    }
    if (first !== undefined) throw first;
  }

  /** After a failed start: closes what it can and ignores what fails (the start's own error is what counts). */
  async closeQuietly(): Promise<void> {
    for (const close of this.open.splice(0).reverse()) await close().catch(() => undefined);
  }
}
