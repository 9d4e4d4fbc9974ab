import { once } from 'node:events';
import { Events, GatewayIntentBits, type Client } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { loginClient, startFakeDiscord, type FakeDiscord, type FakeDiscordOptions, type JsonObject } from './index.js';

const fakes: FakeDiscord[] = [];
const clients: Client[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) await client.destroy();
  for (const fake of fakes.splice(0)) await fake.close();
});

/** A bare gateway connection, to check the protocol without discord.js smoothing over mistakes. */
async function connect(opts: FakeDiscordOptions = {}, setup: (fake: FakeDiscord) => void = () => {}) {
  const fake = await startFakeDiscord(opts);
  fakes.push(fake);
  setup(fake);
  const ws = new WebSocket(`${fake.gatewayUrl}?v=10&encoding=json`);
  const received: JsonObject[] = [];
  ws.on('message', (data) => received.push(JSON.parse(String(data)) as JsonObject));
  await once(ws, 'open');
  const send = (payload: JsonObject) => ws.send(JSON.stringify(payload));
  const closed = once(ws, 'close').then(([code]) => code as number);
  return { fake, ws, received, send, closed };
}

describe('fake discord gateway protocol', () => {
  it('says HELLO with a heartbeat interval and acknowledges a heartbeat', async () => {
    const { fake, received, send } = await connect();
    await fake.waitFor(() => received.length === 1);
    expect(received[0]).toMatchObject({ op: 10, d: { heartbeat_interval: 41_250 } });
    send({ op: 1, d: null });
    expect(await fake.waitFor(() => received.find((p) => p.op === 11))).toMatchObject({ op: 11 });
  });

  it('closes with 4004 when IDENTIFY carries a wrong token', async () => {
    const { send, closed } = await connect();
    send({ op: 2, d: { token: 'wrong', intents: 1, properties: {}, shard: [0, 1] } });
    expect(await closed).toBe(4004);
  });

  it('closes with 4003 when a payload other than a heartbeat comes before IDENTIFY', async () => {
    const { send, closed } = await connect();
    send({ op: 3, d: { status: 'online', since: null, activities: [], afk: false } });
    expect(await closed).toBe(4003);
  });

  it('sends READY then GUILD_CREATE only for the guilds of the identifying shard, in sequence', async () => {
    const mine = String(1n << 22n);
    const other = String(2n << 22n);
    const { fake, received, send } = await connect({ shardCount: 2 }, (f) => {
      f.addGuild({ id: mine });
      f.addGuild({ id: other });
    });
    send({ op: 2, d: { token: fake.token, intents: 1, properties: {}, shard: [1, 2] } });
    await fake.waitFor(() => received.length === 3);
    const [, ready, guild] = received;
    expect(ready).toMatchObject({ op: 0, t: 'READY', s: 1, d: { shard: [1, 2], guilds: [{ id: mine, unavailable: true }], application: { id: fake.appId } } });
    expect(guild).toMatchObject({ op: 0, t: 'GUILD_CREATE', s: 2, d: { id: mine, unavailable: false } });
  });

  it('refuses to resume an unknown session with a non-resumable invalid session', async () => {
    const { fake, received, send } = await connect();
    send({ op: 6, d: { token: fake.token, session_id: 'nope', seq: 3 } });
    expect(await fake.waitFor(() => received.find((p) => p.op === 9))).toMatchObject({ op: 9, d: false });
  });
});

describe('fake discord gateway with discord.js', () => {
  it('lets the client resume after the connection drops, then keeps delivering interactions', async () => {
    const fake = await startFakeDiscord();
    fakes.push(fake);
    const client = await loginClient(fake);
    clients.push(client);
    client.on(Events.InteractionCreate, (i) => void (i.isChatInputCommand() && i.reply('still here')));
    const resumed = new Promise((resolve) => client.once(Events.ShardResume, resolve));
    fake.dropGateway();
    await resumed;
    const run = await fake.slash({ userId: '200000000000000001', name: 'ping' });
    expect((await run.waitForReply()).content).toBe('still here');
    expect(fake.identifies).toHaveLength(1);
  });

  it('refuses privileged intents the app was not granted, failing the login', async () => {
    const fake = await startFakeDiscord();
    fakes.push(fake);
    const login = loginClient(fake, { intents: [GatewayIntentBits.Guilds, GatewayIntentBits.MessageContent] });
    await expect(login).rejects.toThrow('Used disallowed intents');
    expect(fake.identifies.at(-1)?.intents).toBe(GatewayIntentBits.Guilds | GatewayIntentBits.MessageContent);
  });
});
