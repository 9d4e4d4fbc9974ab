import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AppError } from './errors.js';

export interface HealthProbe {
  discordReady(): boolean;
  storeReachable(): Promise<boolean>;
  shuttingDown(): boolean;
}

/**
 * GET /healthz on 127.0.0.1 only (the Docker HEALTHCHECK and orchestrators ask here): 200 when the
 * gateway session is up and the store answers, 503 with what is wrong otherwise.
 */
export async function startHealthServer(port: number, probe: HealthProbe): Promise<Server & { port: number }> {
  const server = createServer(async (req, res) => {
    if (req.method !== 'GET' || req.url !== '/healthz') return void res.writeHead(404).end();
    const store = await Promise.race([probe.storeReachable(), new Promise<boolean>((r) => setTimeout(() => r(false), 2_000).unref())]);
    const body = {
      status: 'ok',
      discord: probe.discordReady() ? 'ready' : 'not ready',
      store: store ? 'reachable' : 'unreachable',
      shuttingDown: probe.shuttingDown(),
    };
    const healthy = body.discord === 'ready' && store && !body.shuttingDown;
    if (!healthy) body.status = 'unhealthy';
    res.writeHead(healthy ? 200 : 503, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) =>
      reject(err.code === 'EADDRINUSE' ? new AppError('HEALTH_PORT_IN_USE', { port }, { cause: err }) : err),
    );
    server.listen(port, '127.0.0.1', resolve);
  });
  return Object.assign(server, { port: (server.address() as AddressInfo).port });
}
