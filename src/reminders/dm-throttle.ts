import { setTimeout as sleep } from 'node:timers/promises';
import type { Coordination } from '../store/index.js';

/**
 * A global cap on DMs per second, shared by every bot process through the store: Discord counts
 * refused and rate-limited requests towards a temporary ban, so a burst of reminders after
 * downtime must be spread out. Windows are keyed by wall-clock second.
 */
export class DmThrottle {
  constructor(private readonly coordination: Coordination, private readonly perSecond: number) {}

  async take(): Promise<void> {
    for (;;) {
      const second = Math.floor(Date.now() / 1000);
      const { count } = await this.coordination.hit(`dm-rate:${second}`, 10_000);
      if (count <= this.perSecond) return;
      await sleep((second + 1) * 1000 - Date.now() + 5);
    }
  }
}
