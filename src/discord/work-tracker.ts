/**
 * Counts interactions in progress so a shutdown can stop taking new ones and let the running ones
 * finish (a user mid-connect should get their result, not a dead form).
 */
export class WorkTracker {
  private active = 0;
  private closingSince: number | undefined;
  private idle: Array<() => void> = [];

  get closing(): boolean {
    return this.closingSince !== undefined;
  }

  get inProgress(): number {
    return this.active;
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    this.active += 1;
    try {
      return await work();
    } finally {
      this.active -= 1;
      if (this.active === 0) for (const wake of this.idle.splice(0)) wake();
    }
  }

  /** Stops new work and waits for running work, at most `timeoutMs`; true when everything finished. */
  async drain(timeoutMs: number): Promise<boolean> {
    this.closingSince ??= Date.now();
    if (this.active === 0) return true;
    let timer: NodeJS.Timeout | undefined;
    const finished = await Promise.race([
      new Promise<boolean>((resolve) => this.idle.push(() => resolve(true))),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(false), timeoutMs);
      }),
    ]);
    clearTimeout(timer);
    return finished;
  }
}
