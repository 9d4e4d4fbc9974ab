/** Routes the bot calls with its own token: gateway info, users, DMs, channel messages, commands. */
import { checkCommands, storeCommands } from './commands.js';
import { refuse } from './errors.js';
import { checkMessage, isEmptyMessage } from './limits.js';
import { createMessage, editMessage } from './messages.js';
import { applicationPayload, botUserPayload, channelPayload, memberPayload, userPayload } from './payloads.js';
import type { Route, RouteRequest, RouteResult } from './rest.js';
import type { JsonObject } from './types.js';
import type { StoredMessage, World } from './world.js';

/** Routes that need `Authorization: Bot <token>`. */
export function botRoutes(world: World, gatewayUrl: () => string): Route[] {
  const ok = (body: unknown): RouteResult => ({ status: 200, body });
  return [
    { method: 'GET', path: '/gateway', auth: false, handle: () => ok({ url: gatewayUrl() }) },
    { method: 'GET', path: '/gateway/bot', auth: true, handle: () => ok(gatewayBot(world, gatewayUrl())) },
    { method: 'GET', path: '/users/@me', auth: true, handle: () => ok(botUserPayload(world)) },
    { method: 'GET', path: '/applications/@me', auth: true, handle: () => ok(applicationPayload(world)) },
    { method: 'GET', path: '/users/:user', auth: true, handle: (r) => ok(userPayload(knownUser(world, r.params.user!))) },
    { method: 'POST', path: '/users/@me/channels', auth: true, handle: (r) => ok(openDm(world, r)) },
    { method: 'GET', path: '/guilds/:guild/members/:user', auth: true, handle: (r) => ok(guildMember(world, r)) },
    { method: 'GET', path: '/channels/:channel', auth: true, handle: (r) => ok(channelPayload(world, knownChannel(world, r))) },
    { method: 'DELETE', path: '/channels/:channel', auth: true, handle: (r) => ok(channelPayload(world, knownChannel(world, r))) },
    { method: 'POST', path: '/channels/:channel/typing', auth: true, handle: () => ({ status: 204 }) },
    { method: 'POST', path: '/channels/:channel/messages', auth: true, handle: (r) => ok(postMessage(world, r).api) },
    { method: 'GET', path: '/channels/:channel/messages/:message', auth: true, handle: (r) => ok(ownMessage(world, r).api) },
    { method: 'PATCH', path: '/channels/:channel/messages/:message', auth: true, handle: (r) => ok(editChannelMessage(world, r).api) },
    {
      method: 'DELETE',
      path: '/channels/:channel/messages/:message',
      auth: true,
      handle: (r) => {
        world.messages.delete(ownMessage(world, r).api.id);
        return { status: 204 };
      },
    },
    ...['/applications/:app/commands', '/applications/:app/guilds/:guild/commands'].flatMap((path): Route[] => [
      { method: 'GET', path, auth: true, handle: (r) => ok(commandList(world, r)) },
      { method: 'PUT', path, auth: true, handle: (r) => ok(replaceCommands(world, r, checkCommands(r.body))) },
      { method: 'POST', path, auth: true, handle: (r) => ({ status: 201, body: upsertCommand(world, r) }) },
      { method: 'DELETE', path: `${path}/:command`, auth: true, handle: (r) => deleteCommand(world, r) },
    ]),
  ];
}

/**
 * Recommends `shardCount` shards. max_concurrency equals it (as for large bots) so a multi-shard test
 * does not sit through discord.js's 5 s identify spacing.
 */
function gatewayBot(world: World, url: string): JsonObject {
  const shards = world.config.shardCount;
  return { url, shards, session_start_limit: { total: 1000, remaining: 1000, reset_after: 14_400_000, max_concurrency: shards } };
}

function knownUser(world: World, id: string) {
  const user = world.users.get(id);
  if (!user) throw refuse.unknownUser();
  return user;
}

function knownChannel(world: World, request: RouteRequest) {
  const channel = world.channels.get(request.params.channel!);
  if (!channel) throw refuse.unknownChannel();
  return channel;
}

/**
 * Get Guild Member (https://discord.com/developers/docs/resources/guild#get-guild-member): the member
 * object with its role ids; 404 with 10007 Unknown Member for someone not in the guild, 10004 Unknown
 * Guild for a guild the bot is not in (codes: discord-api-types 0.38 RESTJSONErrorCodes). discord.js
 * 14.28 reaches it through Routes.guildMember (src/managers/GuildMemberManager.js, _fetchSingle).
 * Unlike an interaction's member, this object has no computed `permissions`.
 */
function guildMember(world: World, request: RouteRequest): JsonObject {
  const guild = world.guilds.get(request.params.guild!);
  if (!guild) throw refuse.unknownGuild();
  const roles = world.members.get(guild.id)?.get(request.params.user!);
  const user = world.users.get(request.params.user!);
  if (!roles || !user) throw refuse.unknownMember();
  const { permissions: _computedOnlyInInteractions, ...member } = memberPayload(guild, userPayload(user), roles);
  return member;
}

function openDm(world: World, request: RouteRequest): JsonObject {
  const recipient = String(request.body?.recipient_id ?? '');
  if (!world.users.has(recipient)) throw refuse.invalidRecipient();
  return channelPayload(world, world.dmChannel(recipient));
}

/**
 * A channel message. A DM to a user with closed DMs fails on this call with 403 50007, not on opening the
 * channel: reported from discord.js's DMChannel.send as POST /channels/{id}/messages → 403 50007 in
 * github.com/EternalCodeTeam/DiscordOfficer/issues/28; 50278 is the no-mutual-guild variant (error codes docs).
 */
function postMessage(world: World, request: RouteRequest): StoredMessage {
  const channelId = request.params.channel!;
  const recipient = world.channels.get(channelId)?.recipientId;
  const closed = recipient === undefined ? null : world.user(recipient).dmsClosed;
  if (closed !== null) throw refuse.dmsClosed(closed);
  const body = request.body ?? {};
  checkMessage(body, [], { partial: false, hasFiles: request.files.length > 0, channel: true });
  return createMessage(world, { channelId, body, files: request.files, ephemeral: false });
}

function ownMessage(world: World, request: RouteRequest): StoredMessage {
  const stored = world.messages.get(request.params.message!);
  if (!stored || stored.api.channel_id !== request.params.channel || stored.ephemeral) throw refuse.unknownMessage();
  return stored;
}

function editChannelMessage(world: World, request: RouteRequest): StoredMessage {
  const stored = ownMessage(world, request);
  const body = request.body ?? {};
  checkMessage(body, [], { partial: true, hasFiles: request.files.length > 0, channel: true });
  if (isEmptyMessage({ ...stored.api, ...body }) && request.files.length === 0) throw refuse.emptyMessage();
  editMessage(world, stored, body, request.files);
  return stored;
}

/** The scope a command route names; another app's id, or a guild the bot is not in, is refused. */
function scopeOf(world: World, request: RouteRequest): string {
  if (request.params.app !== world.config.appId) throw refuse.unknownApplication();
  const guild = request.params.guild;
  if (guild !== undefined && !world.guilds.has(guild)) throw refuse.missingAccess();
  return guild ?? 'global';
}

function commandList(world: World, request: RouteRequest): JsonObject[] {
  return world.commands.get(scopeOf(world, request)) ?? [];
}

function replaceCommands(world: World, request: RouteRequest, incoming: JsonObject[]): JsonObject[] {
  const scope = scopeOf(world, request);
  const ids = { appId: world.config.appId, next: () => world.nextId(), ...(scope === 'global' ? {} : { guildId: scope }) };
  const stored = storeCommands(world.commands.get(scope) ?? [], incoming, ids);
  world.commands.set(scope, stored);
  return stored;
}

/** POST creates a command, or overwrites the one with the same name and type. */
function upsertCommand(world: World, request: RouteRequest): JsonObject {
  const [command] = checkCommands([request.body]);
  const scope = scopeOf(world, request);
  const others = (world.commands.get(scope) ?? []).filter((c) => !(c.name === command!.name && c.type === (command!.type ?? 1)));
  const merged = replaceCommands(world, request, [...others, command!]);
  return merged[merged.length - 1]!;
}

function deleteCommand(world: World, request: RouteRequest): RouteResult {
  const scope = scopeOf(world, request);
  const list = world.commands.get(scope) ?? [];
  if (!list.some((c) => c.id === request.params.command)) throw refuse.unknownCommand();
  world.commands.set(
    scope,
    list.filter((c) => c.id !== request.params.command),
  );
  return { status: 204 };
}
