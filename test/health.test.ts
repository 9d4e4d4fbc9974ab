import { describe, expect, it } from 'vitest';
import { startHealthServer } from '../src/health.js';

describe('the health endpoint', () => {
  it('holds its port from the first moment and answers 503 "starting" until the bot gives it its probes', async () => {
    const health = await startHealthServer(0);
    try {
      const ask = () => fetch(`http://127.0.0.1:${health.port}/healthz`);
      const early = await ask();
      expect(early.status).toBe(503);
      expect(await early.json()).toEqual({ status: 'starting' });
      let ready = false;
      health.serve({ discordReady: () => ready, storeReachable: async () => true, shuttingDown: () => false });
      expect((await ask()).status).toBe(503);
      ready = true;
      const later = await ask();
      expect(later.status).toBe(200);
      expect(await later.json()).toEqual({ status: 'ok', discord: 'ready', store: 'reachable', shuttingDown: false });
    } finally {
      await health.close();
    }
  });
});
