/**
 * A loopback Discord for a real discord.js 14 Client: REST under http://127.0.0.1:PORT/api and a JSON
 * gateway at ws://127.0.0.1:PORT/gateway. Point the client at it with `new Client({ rest: { api: fake.apiUrl } })`.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Gateway } from './gateway.js';
import { Interactions } from './interactions.js';
import { viewOf } from './messages.js';
import { restListener, type Route } from './rest.js';
import { botRoutes } from './routes-bot.js';
import { interactionRoutes } from './routes-interactions.js';
import type { FakeDiscord, FakeDiscordOptions } from './types.js';
import { takeViolations } from './violations.js';
import { World } from './world.js';

/** The token the fake accepts unless a test picks another; shaped like a real one, valid nowhere. */
export const FAKE_BOT_TOKEN = 'MTEwMDAwMDAwMDAwMDAwMDAwMQ.fake00.keyward-loopback-token-not-a-secret';

/** Every REST route the fake serves; each needs an entry in spec.ts's REQUEST_BODIES. */
export function fakeRoutes(world: World, gatewayUrl: () => string, interactions: Interactions): Route[] {
  return [...botRoutes(world, gatewayUrl), ...interactionRoutes(world, interactions)];
}

/** Starts the fake on a free loopback port; `close()` it after the client is destroyed. */
export async function startFakeDiscord(opts: FakeDiscordOptions = {}): Promise<FakeDiscord> {
  const world = new World({
    token: opts.token ?? FAKE_BOT_TOKEN,
    appId: opts.appId ?? '1100000000000000001',
    botUserId: opts.botUserId ?? opts.appId ?? '1100000000000000001',
    shardCount: opts.shardCount ?? 1,
    // Docs: interactions/receiving-and-responding: initial response within 3 s, token valid for 15 minutes.
    ackDeadlineMs: opts.ackDeadlineMs ?? 3000,
    tokenLifetimeMs: opts.tokenLifetimeMs ?? 15 * 60 * 1000,
  });
  let port = 0;
  const gatewayUrl = () => `ws://127.0.0.1:${port}/gateway`;
  const gateway = new Gateway(world, gatewayUrl);
  const interactions = new Interactions(world, gateway);
  const server = createServer(restListener(world, fakeRoutes(world, gatewayUrl, interactions)));
  const silent: Array<{ destroy(): void }> = [];
  server.on('upgrade', (request, socket, head) => {
    if (opts.silentGateway) return void silent.push(socket);
    if (new URL(request.url ?? '/', 'http://fake').pathname === '/gateway') gateway.upgrade(request, socket, head);
    else socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;

  const { config } = world;
  return {
    apiUrl: `http://127.0.0.1:${port}/api`,
    gatewayUrl: gatewayUrl(),
    token: config.token,
    appId: config.appId,
    botUserId: config.botUserId,
    requests: world.requests,
    identifies: world.identifies,
    addGuild: (g) => gateway.guildAdded(world.addGuild(g)),
    addUser: (u) => void world.addUser(u),
    setDmsClosed: (userId, code) => {
      world.user(userId).dmsClosed = code;
    },
    setMember: (guildId, userId, roles) => world.setMember(guildId, userId, roles),
    removeMember: (guildId, userId) => world.removeMember(guildId, userId),
    failRequests: (rule) => world.faults.add(rule),
    clearFaults: () => world.faults.clear(),
    slash: (o) => interactions.slash(o),
    autocomplete: (o) => interactions.autocomplete(o),
    modalSubmit: (o) => interactions.modalSubmit(o),
    button: (o) => interactions.button(o),
    dms: (userId) => {
      const channelId = world.dmChannelId(userId);
      return channelId === undefined ? [] : world.channelMessages(channelId).map(viewOf);
    },
    channelMessages: (channelId) => world.channelMessages(channelId).map(viewOf),
    commands: (scope) => structuredClone(world.commands.get(scope) ?? []),
    waitFor,
    takeViolations: () => takeViolations(world),
    dropGateway: () => gateway.drop(),
    close: async () => {
      await gateway.close();
      for (const socket of silent) socket.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}

/** Polls `probe` until it returns a value (not undefined, null or false); for conditions no single event announces. */
async function waitFor<T>(probe: () => T | undefined | false, timeoutMs = 5000): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined && value !== null && value !== false) return value;
    if (performance.now() > deadline) throw new Error(`fake discord: condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
