/**
 * Runs a task once, as soon as the process has had no activity for `quietMs`, or after `maxWaitMs`
 * at the latest. Keyward imports ccxt this way after the start: the import holds the event loop for a
 * few hundred milliseconds in one piece, and interactions arriving with the start should not wait
 * behind it (a form must be shown within Discord's 3 seconds).
 */
export class QuietTask {
  private quiet: NodeJS.Timeout | undefined;
  private latest: NodeJS.Timeout | undefined;
  private finished = false;

  constructor(
    private readonly task: () => void,
    private readonly quietMs: number,
    private readonly maxWaitMs: number,
  ) {}

  /** Starts waiting for quiet. */
  start(): void {
    if (this.finished || this.latest) return;
    this.latest = setTimeout(() => this.run(), this.maxWaitMs);
    this.latest.unref();
    this.arm();
  }

  /** Something happened: the quiet period starts again (the latest time stays). */
  busy(): void {
    if (!this.finished && this.latest) this.arm();
  }

  /** The task will not run (the process is stopping). */
  stop(): void {
    this.finished = true;
    clearTimeout(this.quiet);
    clearTimeout(this.latest);
  }

  private arm(): void {
    clearTimeout(this.quiet);
    this.quiet = setTimeout(() => this.run(), this.quietMs);
    this.quiet.unref();
  }

  private run(): void {
    if (this.finished) return;
    this.stop();
    this.task();
  }
}
