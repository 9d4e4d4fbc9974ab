/** The gateway over a loopback WebSocket: HELLO, heartbeats, IDENTIFY/READY, RESUME and dispatches per shard. */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import { guildCreatePayload, readyPayload, shardOf } from './payloads.js';
import type { JsonObject } from './types.js';
import type { GuildRecord, World } from './world.js';

/** Discord's default heartbeat interval; discord.js beats at a random point within the first one. */
const HEARTBEAT_INTERVAL_MS = 41_250;
const GUILDS_INTENT = 1;
/** Guild members, presences, message content: off unless enabled for the app, which Keyward does not. */
const PRIVILEGED_INTENTS = (1 << 1) | (1 << 8) | (1 << 15);

interface Session {
  id: string;
  socket: WebSocket | undefined;
  shard: [number, number];
  seq: number;
  /** Every dispatch sent, so a RESUME can replay what the client missed. */
  backlog: JsonObject[];
}

/** Accepts discord.js shard connections and pushes events to the shard that owns them. */
export class Gateway {
  private readonly server = new WebSocketServer({ noServer: true });
  private readonly sessions = new Map<string, Session>();

  constructor(
    private readonly world: World,
    readonly url: () => string,
  ) {
    this.server.on('connection', (socket, request) => this.accept(socket, request));
  }

  upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.server.handleUpgrade(request, socket, head, (ws) => this.server.emit('connection', ws, request));
  }

  /** The shard an event about this guild (or a DM, with no guild) goes to, as Discord routes it. */
  shardFor(guildId: string | undefined): number {
    const count = this.liveSessions().at(-1)?.shard[1] ?? this.world.config.shardCount;
    return guildId === undefined ? 0 : shardOf(guildId, count);
  }

  /** Sends a dispatch on the shard's live session; `beforeSend` runs just before the bytes are written. */
  dispatch(shardId: number, t: string, d: JsonObject, beforeSend: () => void = () => {}): Promise<void> {
    const session = this.liveSessions().findLast((s) => s.shard[0] === shardId);
    if (!session) return Promise.reject(new Error(`fake discord: no gateway session for shard ${shardId}; has the client logged in?`));
    return this.send(session, t, d, beforeSend);
  }

  /** A guild added while the bot is online arrives as GUILD_CREATE on its shard, as when the bot joins one. */
  guildAdded(guild: GuildRecord): void {
    const shardId = this.shardFor(guild.id);
    if (!this.liveSessions().some((s) => s.shard[0] === shardId)) return;
    this.dispatch(shardId, 'GUILD_CREATE', guildCreatePayload(this.world, guild)).catch(() => undefined);
  }

  /** Cuts every live socket without a close frame, as a network failure does; sessions stay resumable. */
  drop(): void {
    for (const session of this.sessions.values()) session.socket?.terminate();
  }

  async close(): Promise<void> {
    for (const client of this.server.clients) client.terminate();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Sessions with an open socket, oldest first. */
  private liveSessions(): Session[] {
    return [...this.sessions.values()].filter((s) => s.socket?.readyState === WebSocket.OPEN);
  }

  private accept(socket: WebSocket, request: IncomingMessage): void {
    const params = new URL(request.url ?? '/', 'http://fake').searchParams;
    if (params.get('v') !== '10') return socket.close(4012, 'Invalid API version');
    if ((params.get('encoding') ?? 'json') !== 'json') return socket.close(4002, 'Decode error');
    let session: Session | undefined;
    this.raw(socket, { op: 10, s: null, t: null, d: { heartbeat_interval: HEARTBEAT_INTERVAL_MS, _trace: ['["fake-gateway",{"micros":0}]'] } });
    socket.on('close', () => {
      if (session?.socket === socket) session.socket = undefined;
    });
    socket.on('message', (data) => {
      let payload: JsonObject;
      try {
        payload = JSON.parse(data.toString()) as JsonObject;
      } catch {
        return socket.close(4002, 'Decode error');
      }
      if (payload.op === 1) return this.raw(socket, { op: 11, s: null, t: null, d: null });
      if (payload.op === 2 || payload.op === 6) {
        if (session) return socket.close(4005, 'Already authenticated');
        if (payload.d?.token !== this.world.config.token) return socket.close(4004, 'Authentication failed');
        session = payload.op === 2 ? this.identify(socket, payload.d) : this.resume(socket, payload.d);
        return;
      }
      if (!session) return socket.close(4003, 'Not authenticated');
      if (![3, 4, 8].includes(payload.op)) socket.close(4001, 'Unknown opcode');
    });
  }

  private identify(socket: WebSocket, d: JsonObject): Session | undefined {
    const shard: [number, number] = Array.isArray(d.shard) ? [d.shard[0], d.shard[1]] : [0, 1];
    const intents = Number(d.intents ?? 0);
    this.world.identifies.push({ ...(Array.isArray(d.shard) ? { shard } : {}), intents });
    if (!(shard[1] >= 1 && shard[0] >= 0 && shard[0] < shard[1])) {
      socket.close(4010, 'Invalid shard');
      return undefined;
    }
    if (intents & PRIVILEGED_INTENTS) {
      socket.close(4014, 'Disallowed intent(s)');
      return undefined;
    }
    const session: Session = { id: randomBytes(16).toString('hex'), socket, shard, seq: 0, backlog: [] };
    this.sessions.set(session.id, session);
    this.sendQuietly(session, 'READY', readyPayload(this.world, { sessionId: session.id, shard, resumeUrl: this.url() }));
    if (intents & GUILDS_INTENT) {
      for (const guild of this.world.guilds.values()) {
        if (shardOf(guild.id, shard[1]) === shard[0]) this.sendQuietly(session, 'GUILD_CREATE', guildCreatePayload(this.world, guild));
      }
    }
    return session;
  }

  private resume(socket: WebSocket, d: JsonObject): Session | undefined {
    const session = this.sessions.get(String(d.session_id));
    if (!session) {
      this.raw(socket, { op: 9, s: null, t: null, d: false });
      return undefined;
    }
    session.socket?.terminate();
    session.socket = socket;
    for (const missed of session.backlog.filter((p) => p.s > Number(d.seq ?? 0))) this.raw(socket, missed);
    this.sendQuietly(session, 'RESUMED', {});
    return session;
  }

  private send(session: Session, t: string, d: JsonObject, beforeSend: () => void = () => {}): Promise<void> {
    session.seq += 1;
    const payload = { op: 0, t, s: session.seq, d };
    session.backlog.push(payload);
    beforeSend();
    const socket = session.socket;
    if (!socket) return Promise.resolve();
    return new Promise((resolve, reject) => {
      socket.send(JSON.stringify(payload), (error) => (error ? reject(error) : resolve()));
    });
  }

  /** For events the fake sends on its own: a socket closing meanwhile is the client's business, not a test failure. */
  private sendQuietly(session: Session, t: string, d: JsonObject): void {
    this.send(session, t, d).catch(() => undefined);
  }

  private raw(socket: WebSocket, payload: JsonObject): void {
    socket.send(JSON.stringify(payload));
  }
}
