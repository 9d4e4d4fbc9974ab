/** Discord objects (users, members, guilds, channels, READY, interactions) shaped as the gateway sends them. */
import type { ChannelRecord, GuildRecord, UserRecord, World } from './world.js';
import type { JsonObject } from './types.js';

/** The permissions the bot holds where interactions happen: enough to answer, embed and attach. */
export const APP_PERMISSIONS = String((1n << 10n) | (1n << 11n) | (1n << 14n) | (1n << 15n) | (1n << 16n) | (1n << 18n) | (1n << 31n));
const ADMINISTRATOR = 1n << 3n;
const ALL_PERMISSIONS = (1n << 53n) - 1n;

/** Which shard receives a guild's events: Discord's `(guild_id >> 22) % shard_count`. */
export function shardOf(guildId: string, shardCount: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
}

/** A user object as Discord returns it. */
export function userPayload(user: UserRecord): JsonObject {
  return {
    id: user.id,
    username: user.username,
    discriminator: '0',
    global_name: user.username,
    avatar: null,
    public_flags: 0,
    flags: 0,
    banner: null,
    accent_color: null,
    avatar_decoration_data: null,
  };
}

/** The bot's own user object. */
export function botUserPayload(world: World): JsonObject {
  const user = userPayload({ id: world.config.botUserId, username: 'Keyward', dmsClosed: null });
  return { ...user, global_name: null, bot: true, verified: true, mfa_enabled: false };
}

/** What READY and GET /applications/@me tell the client about its application. */
export function applicationPayload(world: World): JsonObject {
  const { appId } = world.config;
  return { id: appId, name: 'Keyward', flags: 0, bot_public: false, bot_require_code_grant: false, description: '', icon: null, bot: botUserPayload(world) };
}

/** A member's permissions: @everyone plus their roles, everything for an administrator. */
export function memberPermissions(guild: GuildRecord, roleIds: string[]): string {
  let bits = 0n;
  for (const role of guild.roles) if (role.id === guild.id || roleIds.includes(role.id)) bits |= BigInt(role.permissions);
  return String(bits & ADMINISTRATOR ? ALL_PERMISSIONS : bits);
}

/** A guild member object, with the computed `permissions` Discord adds inside interactions. */
export function memberPayload(guild: GuildRecord, user: JsonObject, roleIds: string[]): JsonObject {
  return {
    user,
    roles: roleIds,
    permissions: memberPermissions(guild, roleIds),
    joined_at: guild.joinedAt,
    nick: null,
    avatar: null,
    banner: null,
    deaf: false,
    mute: false,
    flags: 0,
    pending: false,
    premium_since: null,
    communication_disabled_until: null,
    unusual_dm_activity_until: null,
  };
}

/** A channel object: a guild text channel, or a DM listing its other recipient. */
export function channelPayload(world: World, channel: ChannelRecord): JsonObject {
  if (channel.type === 1) {
    const recipient = channel.recipientId ? [userPayload(world.user(channel.recipientId))] : [];
    return { id: channel.id, type: 1, last_message_id: null, flags: 0, recipients: recipient };
  }
  const guild = channel.guildId ? world.guilds.get(channel.guildId) : undefined;
  const position = guild ? guild.channelIds.indexOf(channel.id) : 0;
  return {
    id: channel.id,
    type: 0,
    guild_id: channel.guildId,
    name: channel.name,
    position,
    permission_overwrites: [],
    nsfw: false,
    parent_id: null,
    topic: null,
    last_message_id: null,
    rate_limit_per_user: 0,
    flags: 0,
  };
}

/** The GUILD_CREATE body: the full guild with its roles, channels and the bot as a member. */
export function guildCreatePayload(world: World, guild: GuildRecord): JsonObject {
  const channels = guild.channelIds.map((id) => {
    const { guild_id: _omitted, ...channel } = channelPayload(world, world.channels.get(id)!);
    return channel;
  });
  const roles = guild.roles.map((r, position) => ({
    id: r.id,
    name: r.name,
    permissions: r.permissions,
    position,
    color: 0,
    colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
    hoist: false,
    managed: false,
    mentionable: false,
    icon: null,
    unicode_emoji: null,
    flags: 0,
  }));
  return {
    id: guild.id,
    name: guild.name,
    icon: null,
    splash: null,
    discovery_splash: null,
    owner_id: guild.id,
    afk_channel_id: null,
    afk_timeout: 300,
    verification_level: 0,
    default_message_notifications: 0,
    explicit_content_filter: 0,
    mfa_level: 0,
    premium_tier: 0,
    premium_subscription_count: 0,
    nsfw_level: 0,
    features: [],
    preferred_locale: 'en-US',
    system_channel_id: null,
    system_channel_flags: 0,
    rules_channel_id: null,
    public_updates_channel_id: null,
    safety_alerts_channel_id: null,
    vanity_url_code: null,
    description: null,
    banner: null,
    max_members: 500000,
    max_video_channel_users: 25,
    premium_progress_bar_enabled: false,
    application_id: null,
    roles,
    emojis: [],
    stickers: [],
    channels,
    threads: [],
    members: [memberPayload(guild, botUserPayload(world), [])],
    member_count: 2,
    presences: [],
    voice_states: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
    joined_at: guild.joinedAt,
    large: false,
    unavailable: false,
    lazy: true,
    incidents_data: null,
  };
}

/** The READY body for one shard: the guilds it owns arrive unavailable until their GUILD_CREATE. */
export function readyPayload(world: World, o: { sessionId: string; shard: [number, number]; resumeUrl: string }): JsonObject {
  const guilds = [...world.guilds.values()].filter((g) => shardOf(g.id, o.shard[1]) === o.shard[0]).map((g) => ({ id: g.id, unavailable: true }));
  return {
    v: 10,
    user: botUserPayload(world),
    guilds,
    session_id: o.sessionId,
    resume_gateway_url: o.resumeUrl,
    shard: o.shard,
    application: { id: world.config.appId, flags: 0 },
    user_settings: {},
    private_channels: [],
    relationships: [],
    presences: [],
    guild_join_requests: [],
    geo_ordered_rtc_regions: ['local'],
    _trace: ['["fake-gateway",{"micros":0}]'],
  };
}
