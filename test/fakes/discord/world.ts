/** The fake's memory: users, guilds, channels, messages and commands, shared by REST, gateway and tests. */
import { Faults } from './faults.js';
import type { FakeGuildInput, FakeUserInput, JsonObject, RecordedRequest } from './types.js';

/** Discord's epoch (2015-01-01), so ids decode to real creation times in discord.js. */
const DISCORD_EPOCH = 1_420_070_400_000n;

/** Default permissions of @everyone: view channels, send messages, read history, use commands. */
export const EVERYONE_PERMISSIONS = String((1n << 10n) | (1n << 11n) | (1n << 16n) | (1n << 31n));

/** The fake's settings with every default filled in. */
export interface WorldConfig {
  token: string;
  appId: string;
  botUserId: string;
  shardCount: number;
  ackDeadlineMs: number;
  tokenLifetimeMs: number;
}

/** A user; `dmsClosed` is the code a DM to them fails with. */
export interface UserRecord {
  id: string;
  username: string;
  dmsClosed: 50007 | 50278 | null;
}

/** A role; permissions as Discord's decimal bit string. */
export interface RoleRecord {
  id: string;
  name: string;
  permissions: string;
}

/** A text channel: type 0 in a guild, type 1 for a DM (with the bot, or between users). */
export interface ChannelRecord {
  id: string;
  type: 0 | 1;
  name?: string;
  guildId?: string;
  recipientId?: string;
}

/** A guild; its first channel is where interactions happen unless a test names another. */
export interface GuildRecord {
  id: string;
  name: string;
  roles: RoleRecord[];
  channelIds: string[];
  joinedAt: string;
}

/** A message as Discord stores it, plus what only the fake needs to know about it. */
export interface StoredMessage {
  api: JsonObject;
  ephemeral: boolean;
  allowedMentions: unknown;
}

/** Holds everything the fake knows; REST routes and the gateway read and write it. */
export class World {
  readonly users = new Map<string, UserRecord>();
  readonly guilds = new Map<string, GuildRecord>();
  readonly channels = new Map<string, ChannelRecord>();
  /** Every live message by id, ephemeral ones included; deleting removes it. */
  readonly messages = new Map<string, StoredMessage>();
  /** Registered commands per scope: 'global' or a guild id. */
  readonly commands = new Map<string, JsonObject[]>();
  readonly requests: RecordedRequest[] = [];
  /** Failures tests inject into REST answers. */
  readonly faults = new Faults();
  readonly identifies: Array<{ shard?: [number, number]; intents: number }> = [];
  /** Guild members and their role ids, by guild then user: whoever acts in a guild is a member of it. */
  readonly members = new Map<string, Map<string, string[]>>();
  private readonly dmByUser = new Map<string, string>();
  private readonly privateByUser = new Map<string, string>();
  private increment = 0n;

  constructor(readonly config: WorldConfig) {}

  /** A fresh snowflake: timestamp, worker 1, and an increment so ids stay unique within a millisecond. */
  nextId(): string {
    this.increment = (this.increment + 1n) & 0xfffn;
    return String(((BigInt(Date.now()) - DISCORD_EPOCH) << 22n) | (1n << 17n) | this.increment);
  }

  addUser(input: FakeUserInput): UserRecord {
    const user: UserRecord = { id: input.id, username: input.username ?? `user${input.id.slice(-4)}`, dmsClosed: input.dmsClosed ?? null };
    this.users.set(user.id, user);
    return user;
  }

  /** The user with that id; someone who interacts without being added first is created on the spot. */
  user(id: string): UserRecord {
    return this.users.get(id) ?? this.addUser({ id });
  }

  addGuild(input: FakeGuildInput): GuildRecord {
    const roles: RoleRecord[] = [{ id: input.id, name: '@everyone', permissions: EVERYONE_PERMISSIONS }];
    for (const role of input.roles ?? []) {
      const r = typeof role === 'string' ? { id: role } : role;
      roles.push({ id: r.id, name: r.name ?? `role-${r.id.slice(-4)}`, permissions: r.permissions ?? '0' });
    }
    const channels = (input.channels ?? []).map((c) => (typeof c === 'string' ? { id: c } : c));
    if (channels.length === 0) channels.push({ id: this.nextId(), name: 'general' });
    for (const c of channels) this.channels.set(c.id, { id: c.id, type: 0, name: c.name ?? `channel-${c.id.slice(-4)}`, guildId: input.id });
    const guild: GuildRecord = {
      id: input.id,
      name: input.name ?? `guild-${input.id.slice(-4)}`,
      roles,
      channelIds: channels.map((c) => c.id),
      joinedAt: new Date().toISOString(),
    };
    this.guilds.set(guild.id, guild);
    return guild;
  }

  /** Makes the user a member of the guild with exactly these roles (Discord only delivers a guild interaction from a member). */
  setMember(guildId: string, userId: string, roles: string[]): void {
    let byUser = this.members.get(guildId);
    if (!byUser) this.members.set(guildId, (byUser = new Map()));
    byUser.set(userId, [...roles]);
  }

  /** The user left the guild (or was kicked or banned). */
  removeMember(guildId: string, userId: string): void {
    this.members.get(guildId)?.delete(userId);
  }

  /** The bot's DM channel with a user, opened on first use and then always the same, as on Discord. */
  dmChannel(userId: string): ChannelRecord {
    return this.channelFor(this.dmByUser, userId);
  }

  /** A DM between the user and someone else (not the bot), where only a user-installed app can act. */
  privateChannel(userId: string): ChannelRecord {
    return this.channelFor(this.privateByUser, userId);
  }

  dmChannelId(userId: string): string | undefined {
    return this.dmByUser.get(userId);
  }

  /** Messages others can see in a channel, oldest first (ephemeral responses are not among them). */
  channelMessages(channelId: string): StoredMessage[] {
    return [...this.messages.values()].filter((m) => m.api.channel_id === channelId && !m.ephemeral);
  }

  private channelFor(index: Map<string, string>, userId: string): ChannelRecord {
    const known = index.get(userId);
    if (known) return this.channels.get(known)!;
    const channel: ChannelRecord = { id: this.nextId(), type: 1, recipientId: userId };
    this.channels.set(channel.id, channel);
    index.set(userId, channel.id);
    return channel;
  }
}
