import { setTimeout as sleep } from 'node:timers/promises';
import type { Coordination } from '../store/index.js';

/**
 * A global cap on DMs, shared by every bot process through the store: each DM takes its own time
 * slot of 1/N second, so no second ever carries more than N, even across process boundaries.
 * Discord counts refused and rate-limited requests towards a temporary ban, so a burst of
 * reminders after downtime must be spread out. Slots follow the wall clock.
 */
export class DmThrottle {
  private readonly slotMs: number;

  constructor(
    private readonly coordination: Coordination,
    perSecond: number,
  ) {
    this.slotMs = 1000 / perSecond;
  }

  async take(): Promise<void> {
    for (let slot = Math.floor(Date.now() / this.slotMs); ; slot++) {
      const { count } = await this.coordination.hit(`dm-slot:${slot}`, 60_000);
      if (count !== 1) continue; // taken by another DM: try the next slot
      const wait = slot * this.slotMs - Date.now();
      if (wait > 0) await sleep(wait);
      return;
    }
  }
}
