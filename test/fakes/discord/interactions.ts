/** Pushes user interactions over the gateway and keeps their records for the callback and webhook routes. */
import { randomBytes } from 'node:crypto';
import type { Gateway } from './gateway.js';
import { createMessage, hasCustomId } from './messages.js';
import { userPayload } from './payloads.js';
import { interactionPayload, resolvePlace, type Place } from './place.js';
import { InteractionRecord, type InteractionKind } from './run.js';
import type { AutocompleteInput, ButtonInput, JsonObject, ModalSubmitInput, OptionValue, SlashInput } from './types.js';
import type { World } from './world.js';

const SUBCOMMAND = 1;

/** Interactions pushed so far, found by id (callbacks) or token (webhooks); a test's impossible request rejects. */
export class Interactions {
  private readonly byId = new Map<string, InteractionRecord>();
  private readonly byToken = new Map<string, InteractionRecord>();
  /** The last modal shown per custom id, so a submit mirrors its layout and message. */
  private readonly modals = new Map<string, { modal: JsonObject; messageId: string | undefined }>();

  constructor(
    private readonly world: World,
    private readonly gateway: Gateway,
  ) {}

  find(id: string): InteractionRecord | undefined {
    return this.byId.get(id);
  }

  findByToken(token: string): InteractionRecord | undefined {
    return this.byToken.get(token);
  }

  rememberModal(modal: JsonObject, messageId: string | undefined): void {
    this.modals.set(String(modal.custom_id), { modal, messageId });
  }

  async slash(o: SlashInput): Promise<InteractionRecord> {
    const place = resolvePlace(this.world, o);
    return this.push(2, place, this.commandData(o, place, o.options ?? {}));
  }

  async autocomplete(o: AutocompleteInput): Promise<InteractionRecord> {
    const place = resolvePlace(this.world, o);
    return this.push(4, place, this.commandData(o, place, { ...o.options, [o.focused]: o.value }, o.focused));
  }

  async button(o: ButtonInput): Promise<InteractionRecord> {
    const known = o.messageId === undefined ? undefined : this.world.messages.get(o.messageId);
    if (o.messageId !== undefined && !known) throw new Error(`fake discord: message ${o.messageId} is unknown`);
    if (known && !hasCustomId(known.api.components, o.customId)) {
      throw new Error(`fake discord: message ${o.messageId} has no component "${o.customId}"`);
    }
    const channelId = known?.api.channel_id ?? o.channelId;
    const guildId = o.guildId ?? (channelId === undefined ? undefined : this.world.channels.get(channelId)?.guildId);
    const place = resolvePlace(this.world, { ...o, channelId, ...(guildId === undefined ? {} : { guildId }) });
    const message =
      known ??
      createMessage(this.world, {
        channelId: place.channel.id,
        body: { components: [{ type: 1, components: [{ type: 2, style: 1, label: o.customId, custom_id: o.customId }] }] },
        files: [],
        ephemeral: false,
      });
    return this.push(3, place, { custom_id: o.customId, component_type: 2 }, message.api.id);
  }

  async modalSubmit(o: ModalSubmitInput): Promise<InteractionRecord> {
    const shown = this.modals.get(o.customId);
    const place = resolvePlace(this.world, o);
    const data = { custom_id: o.customId, components: submittedComponents(shown?.modal, o.fields) };
    return this.push(5, place, data, shown?.messageId);
  }

  private async push(kind: InteractionKind, place: Place, data: JsonObject, messageId?: string): Promise<InteractionRecord> {
    const id = this.world.nextId();
    const token = Buffer.from(`interaction:${id}:${randomBytes(48).toString('base64url')}`).toString('base64url');
    const context = { message: (mid: string) => this.world.messages.get(mid), ackDeadlineMs: this.world.config.ackDeadlineMs };
    const metadata = {
      id,
      type: kind,
      user: userPayload(place.user),
      authorizing_integration_owners: place.owners,
      ...(kind === 3 ? { interacted_message_id: messageId } : {}),
    };
    const record = new InteractionRecord({ id, token, kind, channelId: place.channel.id, sourceMessageId: messageId, metadata }, context);
    const message = messageId === undefined ? undefined : this.world.messages.get(messageId)?.api;
    const payload = interactionPayload(this.world, place, { id, token, type: kind, data, ...(message ? { message } : {}) });
    this.byId.set(id, record);
    this.byToken.set(token, record);
    await this.gateway.dispatch(this.gateway.shardFor(place.guild?.id), 'INTERACTION_CREATE', payload, () => {
      record.sentAt = performance.now();
    });
    return record;
  }

  /** A command's data, typed from its registration when there is one (guild scope first), else from the values. */
  private commandData(o: SlashInput, place: Place, values: Record<string, OptionValue>, focused?: string): JsonObject {
    const scopes = place.guild ? [place.guild.id, 'global'] : ['global'];
    const registered = scopes.flatMap((s) => this.world.commands.get(s) ?? []).find((c) => c.name === o.name && (c.type ?? 1) === 1);
    let defs = registered?.options as JsonObject[] | undefined;
    if (o.subcommand !== undefined && registered) {
      defs = defs?.find((d) => d.name === o.subcommand && d.type === SUBCOMMAND)?.options ?? undefined;
      if (!registered.options?.some((d: JsonObject) => d.name === o.subcommand)) {
        throw new Error(`fake discord: /${o.name} has no subcommand "${o.subcommand}"`);
      }
    }
    const options = Object.entries(values).map(([name, value]) => {
      const def = defs?.find((d) => d.name === name);
      if (registered && !def) throw new Error(`fake discord: /${o.name} has no option "${name}"`);
      const type = def?.type ?? (typeof value === 'string' ? 3 : typeof value === 'boolean' ? 5 : Number.isInteger(value) ? 4 : 10);
      return name === focused ? { name, type, value: String(value), focused: true } : { name, type, value };
    });
    return {
      id: registered?.id ?? this.world.nextId(),
      name: o.name,
      type: 1,
      options: o.subcommand === undefined ? options : [{ name: o.subcommand, type: SUBCOMMAND, options }],
      ...(registered?.guild_id ? { guild_id: registered.guild_id } : {}),
    };
  }
}

/**
 * What Discord sends back for a submitted modal: its layout with values filled in (labels hold their
 * input, text displays only their id). Without a known modal, each field arrives in its own label.
 */
function submittedComponents(modal: JsonObject | undefined, fields: Record<string, string>): JsonObject[] {
  let nextId = 0;
  const used = new Set<string>();
  const input = (c: JsonObject): JsonObject => {
    nextId += 1;
    const id = c.id ?? nextId;
    const customId = String(c.custom_id);
    used.add(customId);
    const typed = fields[customId];
    if (c.type === 4) return { type: 4, id, custom_id: customId, value: typed ?? '' };
    return { type: c.type, id, custom_id: customId, values: typed === undefined ? [] : [typed] };
  };
  const layout = (modal?.components ?? Object.keys(fields).map((custom_id) => ({ type: 18, component: { type: 4, custom_id } }))) as JsonObject[];
  const submitted = layout.map((c) => {
    nextId += 1;
    const id = c.id ?? nextId;
    if (c.type === 18) return { type: 18, id, component: input(c.component) };
    if (c.type === 1) return { type: 1, id, components: (c.components as JsonObject[]).map(input) };
    return { type: c.type, id };
  });
  const stray = Object.keys(fields).filter((f) => !used.has(f));
  if (stray.length) throw new Error(`fake discord: modal "${String(modal?.custom_id)}" has no field ${stray.join(', ')}`);
  return submitted;
}
