import Keyv from 'keyv';
import KeyvRedis, { createClient } from '@keyv/redis';
import type { Clock } from '../../clock.js';
import { AppError } from '../../errors.js';
import { RedisCoordination, type RedisCommands } from '../redis-coordination.js';
import type { Backend } from './backend.js';

const CONNECT_TIMEOUT_MS = 5_000;

/**
 * Redis through @keyv/redis. `redis://host:port/db?prefix=name` keeps several deployments apart in
 * one server (default prefix "kw"). Commands fail at once while the server is away (no offline
 * queue, so a user hears "try again" instead of waiting), and the client reconnects by itself.
 */
export async function openRedisBackend(url: string, clock: Clock): Promise<Backend> {
  const parsed = new URL(url);
  const prefix = parsed.searchParams.get('prefix') || 'kw';
  parsed.searchParams.delete('prefix');
  const client = createClient({
    url: parsed.toString(),
    disableOfflineQueue: true,
    socket: { connectTimeout: CONNECT_TIMEOUT_MS, reconnectStrategy: (attempt: number) => Math.min(2 ** attempt * 100, 2_000) },
  });
  client.on('error', () => undefined); // reported by the failing command; reconnection is automatic
  try {
    await Promise.race([client.connect(), new Promise((_, reject) => setTimeout(() => reject(new Error('timed out connecting to Redis')), CONNECT_TIMEOUT_MS))]);
  } catch (err) {
    client.destroy();
    throw new AppError('STORE_UNAVAILABLE', undefined, { cause: err });
  }
  const profile = new KeyvRedis(client as never, { throwOnErrors: true, throwOnConnectError: true });
  profile.namespace = prefix;
  profile.on('error', () => undefined);
  const keyv = new Keyv({ store: profile, namespace: prefix, useKeyPrefix: false, throwOnErrors: true });
  keyv.on('error', () => undefined);
  return {
    kind: 'redis',
    keyv,
    coordination: new RedisCoordination(client as unknown as RedisCommands, prefix, clock),
    async compact() {
      // Redis holds deleted keys nowhere once DEL returns; persistence files are rewritten by Redis itself
    },
    async close() {
      // a polite QUIT when connected; never wait on a server that is gone
      if (client.isReady) await Promise.race([client.quit(), new Promise((r) => setTimeout(r, 2_000).unref())]).catch(() => undefined);
      if (client.isOpen) client.destroy();
    },
  };
}
