/**
 * Progress shown by editing one reply while a slow task runs. A step already shown is not sent
 * again, only the newest waiting step is sent (older ones are stale by then), and `finish()` drops
 * whatever still waits, so the result card follows at most one edit already on its way.
 */
export class ProgressEdits {
  private inFlight: Promise<unknown> = Promise.resolve();
  private waiting: string | undefined;
  private shown: string | undefined;
  private finished = false;

  constructor(private readonly edit: (content: string) => Promise<unknown>) {}

  show(content: string): void {
    if (this.finished || content === this.shown || content === this.waiting) return;
    const scheduled = this.waiting !== undefined;
    this.waiting = content;
    if (!scheduled) this.inFlight = this.inFlight.then(() => this.flush());
  }

  /** Stops progress; resolves once an edit already sent has landed, so nothing overwrites the result. */
  async finish(): Promise<void> {
    this.finished = true;
    this.waiting = undefined;
    await this.inFlight;
  }

  private async flush(): Promise<void> {
    const content = this.waiting;
    this.waiting = undefined;
    if (this.finished || content === undefined || content === this.shown) return;
    this.shown = content;
    await this.edit(content).catch(() => undefined);
  }
}
