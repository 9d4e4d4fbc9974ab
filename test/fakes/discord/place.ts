/** Where an interaction happens (guild channel, bot DM, private channel) and the envelope Discord wraps it in. */
import { APP_PERMISSIONS, channelPayload, memberPayload, memberPermissions, userPayload } from './payloads.js';
import type { InteractionPlace, JsonObject } from './types.js';
import type { ChannelRecord, GuildRecord, UserRecord, World } from './world.js';

/** Everything about the place an interaction comes from that changes its payload. */
export interface Place {
  user: UserRecord;
  guild?: GuildRecord;
  channel: ChannelRecord;
  roles: string[];
  /** 0 guild, 1 the bot's DM, 2 a DM or group DM without the bot. */
  context: 0 | 1 | 2;
  /** Installation that made the command available: "0" guild install, "1" user install. */
  owners: Record<string, string>;
}

/** Resolves a test's description of a place, refusing what could not happen on Discord. */
export function resolvePlace(world: World, o: InteractionPlace): Place {
  const user = world.user(o.userId);
  const roles = o.roles ?? [];
  if (o.guildId !== undefined) {
    const guild = world.guilds.get(o.guildId);
    if (!guild) throw new Error(`fake discord: guild ${o.guildId} is unknown; call addGuild first`);
    const missing = roles.filter((r) => !guild.roles.some((role) => role.id === r));
    if (missing.length) throw new Error(`fake discord: roles ${missing.join(', ')} are not in guild ${guild.id}; list them in addGuild`);
    const channel = world.channels.get(o.channelId ?? guild.channelIds[0]!);
    if (!channel || channel.guildId !== guild.id) throw new Error(`fake discord: channel ${o.channelId} is not in guild ${guild.id}`);
    const owners: Record<string, string> = o.userInstall ? { '1': user.id } : { '0': guild.id };
    world.setMember(guild.id, user.id, roles);
    return { user, guild, channel, roles, context: 0, owners };
  }
  if (roles.length) throw new Error('fake discord: roles only exist in a guild');
  if (o.privateChannel) {
    if (!o.userInstall) throw new Error('fake discord: only a user-installed app can be used in a private channel');
    return { user, channel: world.privateChannel(user.id), roles, context: 2, owners: { '1': user.id } };
  }
  const owners: Record<string, string> = o.userInstall ? { '1': user.id } : { '0': '0' };
  return { user, channel: world.dmChannel(user.id), roles, context: 1, owners };
}

/** The INTERACTION_CREATE body: the fields discord.js 14 reads, in the shape Discord sends them. */
export function interactionPayload(
  world: World,
  place: Place,
  o: { id: string; token: string; type: number; data: JsonObject; message?: JsonObject },
): JsonObject {
  const user = userPayload(place.user);
  const channel = channelPayload(world, place.channel);
  const payload: JsonObject = {
    id: o.id,
    application_id: world.config.appId,
    type: o.type,
    data: o.data,
    token: o.token,
    version: 1,
    channel,
    channel_id: place.channel.id,
    app_permissions: APP_PERMISSIONS,
    locale: 'en-US',
    entitlements: [],
    authorizing_integration_owners: place.owners,
    context: place.context,
    attachment_size_limit: 10 * 1024 * 1024,
  };
  if (place.guild) {
    payload.guild_id = place.guild.id;
    payload.guild = { id: place.guild.id, locale: 'en-US', features: [] };
    payload.guild_locale = 'en-US';
    payload.member = memberPayload(place.guild, user, place.roles);
    channel.permissions = memberPermissions(place.guild, place.roles);
  } else {
    payload.user = user;
  }
  if (o.message) payload.message = o.message;
  return payload;
}
