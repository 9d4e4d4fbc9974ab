/** Messages the bot creates and edits, stored as Discord returns them and viewed as a test reads them. */
import { botUserPayload } from './payloads.js';
import type { FakeMessage, JsonObject } from './types.js';
import type { StoredMessage, World } from './world.js';

/** A file part of a multipart request. */
export interface UploadedFile {
  field: string;
  name: string;
  contentType: string;
  size: number;
}

/** Flags Discord sets on a message while an app is still "thinking" after a defer. */
export const LOADING = 1 << 7;
/** The ephemeral flag: only the invoking user sees the message. */
export const EPHEMERAL = 1 << 6;

/** The message fields a body may set; absent fields keep their value on an edit. */
const EDITABLE = ['content', 'embeds', 'components', 'flags'] as const;

/** Creates and stores a message; `interaction` marks it as a response (webhook author, metadata). */
export function createMessage(
  world: World,
  o: { channelId: string; body: JsonObject; files: UploadedFile[]; ephemeral: boolean; interaction?: JsonObject },
): StoredMessage {
  const channel = world.channels.get(o.channelId);
  const id = world.nextId();
  const api: JsonObject = {
    id,
    channel_id: o.channelId,
    ...(channel?.guildId ? { guild_id: channel.guildId } : {}),
    author: botUserPayload(world),
    content: o.body.content ?? '',
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: Boolean(o.body.tts),
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: attachmentsOf(world, o.channelId, o.body, o.files, []),
    embeds: o.body.embeds ?? [],
    components: o.body.components ?? [],
    pinned: false,
    type: o.interaction ? 20 : 0,
    flags: (o.body.flags ?? 0) | (o.ephemeral ? EPHEMERAL : 0),
  };
  if (o.interaction) {
    api.webhook_id = world.config.appId;
    api.application_id = world.config.appId;
    api.interaction_metadata = o.interaction;
  }
  const stored: StoredMessage = { api, ephemeral: o.ephemeral, allowedMentions: o.body.allowed_mentions };
  world.messages.set(id, stored);
  return stored;
}

/** Applies an edit: given fields replace, others stay; the ephemeral and loading state is Discord's, not the body's. */
export function editMessage(world: World, stored: StoredMessage, body: JsonObject, files: UploadedFile[]): void {
  const api = stored.api;
  const kept = api.flags & EPHEMERAL;
  for (const key of EDITABLE) if (body[key] !== undefined) api[key] = body[key] ?? (key === 'content' ? '' : key === 'flags' ? 0 : []);
  if (body.attachments !== undefined || files.length > 0) api.attachments = attachmentsOf(world, api.channel_id, body, files, api.attachments);
  api.flags = ((api.flags ?? 0) & ~LOADING & ~EPHEMERAL) | kept;
  if (body.allowed_mentions !== undefined) stored.allowedMentions = body.allowed_mentions;
  api.edited_timestamp = new Date().toISOString();
}

/** Attachments after a create or edit: the kept ones the body lists, plus every uploaded file. */
function attachmentsOf(world: World, channelId: string, body: JsonObject, files: UploadedFile[], previous: JsonObject[]): JsonObject[] {
  const listed = (body.attachments ?? []) as JsonObject[];
  const kept = previous.filter((a) => listed.some((l) => l.id === a.id));
  const uploaded = files.map((file, index) => {
    const id = world.nextId();
    const described = listed.find((l) => String(l.id) === String(index));
    return {
      id,
      filename: file.name,
      size: file.size,
      content_type: file.contentType,
      description: described?.description,
      url: `https://cdn.discordapp.com/attachments/${channelId}/${id}/${file.name}`,
      proxy_url: `https://media.discordapp.net/attachments/${channelId}/${id}/${file.name}`,
    };
  });
  return [...kept, ...uploaded];
}

/** A snapshot of a message as a test reads it; later edits do not change a snapshot already taken. */
export function viewOf(stored: StoredMessage): FakeMessage {
  const api = structuredClone(stored.api);
  return {
    id: api.id,
    channelId: api.channel_id,
    content: api.content,
    embeds: api.embeds,
    components: api.components,
    attachments: api.attachments,
    flags: api.flags,
    privateToUser: stored.ephemeral,
    allowedMentions: structuredClone(stored.allowedMentions),
  };
}

/** True when the message holds a component (at any depth) with that custom id. */
export function hasCustomId(components: JsonObject[], customId: string): boolean {
  return components.some(
    (c) =>
      c.custom_id === customId ||
      (c.accessory !== undefined && hasCustomId([c.accessory], customId)) ||
      (Array.isArray(c.components) && hasCustomId(c.components, customId)),
  );
}
