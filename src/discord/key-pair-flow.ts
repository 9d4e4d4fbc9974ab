import {
  ActionRowBuilder,
  AttachmentBuilder,
  ButtonBuilder,
  ButtonStyle,
  LabelBuilder,
  ModalBuilder,
  TextDisplayBuilder,
  TextInputBuilder,
  TextInputStyle,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type ModalSubmitInteraction,
} from 'discord.js';
import { selfGeneratedKeySupport, type CatalogEntry } from '../exchanges/index.js';
import type { CreatedKeyPair } from '../keys/key-service.js';
import type { AppContext } from './context.js';
import { showKeyForm, type FormPurpose, type KeyEntryTarget } from './key-form.js';
import { formTarget, pendingTarget, type PendingTarget } from './key-link.js';
import { submitKeyForm } from './key-submit.js';
import type { LinkRead } from './link-target.js';
import { FORM_TTL_MS, type Link } from './links.js';
import { CREATED_LABEL, GENERATE_LABEL, keyChoiceText, keyPairCardText, keyPairDiscardedText, PASTE_LABEL } from './render/key-pair.js';
import { privateEdit, privateReply } from './replies.js';

/** The buttons of the key-pair flow and what each carries; /connect and /keys read them with these and route them here. */
export const KEY_PAIR_TARGETS = { generate: formTarget, paste: formTarget, created: pendingTarget, 'discard-pair': pendingTarget } as const;
export type KeyPairButton = LinkRead<typeof KEY_PAIR_TARGETS>;
/** The form that takes the API key of a created pair; its link names the waiting pair. */
export const API_KEY_FORM = 'api-key';

const API_KEY_MAX = 512;

/**
 * Where a key is entered: on an exchange that accepts uploaded public keys, the choice between a
 * pair Keyward creates and a pasted key; elsewhere the paste form straight away.
 */
export async function openKeyEntry(interaction: ChatInputCommandInteraction | ButtonInteraction, ctx: AppContext, key: KeyEntryTarget): Promise<unknown> {
  const { entry, account, purpose, command, dm = false } = key;
  const userId = interaction.user.id;
  if (!selfGeneratedKeySupport(entry.id)) return showKeyForm(interaction, ctx, key);
  const target = { exchange: entry.id, account, purpose };
  // the reply goes out while its one-time ids are being stored: Discord's 3-second clock is running
  const [generate, paste, cancel] = ['generate', 'paste', 'cancel'].map((action) => ctx.links.start({ userId, command, action, target, dm }, FORM_TTL_MS));
  const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
    new ButtonBuilder().setCustomId(generate!.customId).setLabel(GENERATE_LABEL).setStyle(ButtonStyle.Success),
    new ButtonBuilder().setCustomId(paste!.customId).setLabel(PASTE_LABEL).setStyle(ButtonStyle.Secondary),
    new ButtonBuilder().setCustomId(cancel!.customId).setLabel('Cancel').setStyle(ButtonStyle.Secondary),
  );
  const payload = { content: keyChoiceText(entry.name, account), embeds: [], components: [row] };
  // a choice reached from another private reply replaces it; from a command or a DM reminder it is a new private reply
  const shown = interaction.isButton() && !dm ? interaction.update(privateEdit(payload)) : interaction.reply(privateReply(payload));
  const [sent] = await Promise.all([shown, generate!.written, paste!.written, cancel!.written]);
  return sent;
}

/** The buttons of the flow: generate, paste instead, "I created it" (and its Try again), and cancel. */
export async function onKeyPairButton(
  interaction: ButtonInteraction,
  ctx: AppContext,
  link: Link,
  button: KeyPairButton,
  prepare: (purpose: FormPurpose) => Promise<unknown>,
): Promise<unknown> {
  const entry = ctx.catalog.entry(button.target.exchange);
  const { account } = button.target;
  const userId = interaction.user.id;
  switch (button.action) {
    case 'paste':
      await prepare(button.target.purpose);
      return showKeyForm(interaction, ctx, { entry, account, purpose: button.target.purpose, command: link.command, dm: Boolean(link.dm) });
    case 'generate': {
      const { purpose } = button.target;
      await prepare(purpose);
      await interaction.deferUpdate(); // an RSA key takes a moment to create
      const pair = await ctx.keys.createKeyPair(userId, entry.id, account, purpose, link.guildId ?? interaction.guildId ?? undefined);
      return interaction.editReply(privateEdit(await keyPairCard(ctx, link, entry, pair)));
    }
    case 'created': {
      const pair = await ctx.keys.pendingKeyPair(userId, button.target.pending);
      return showApiKeyForm(interaction, ctx, link, entry, pair);
    }
    case 'discard-pair':
      await ctx.keys.discardKeyPair(userId, button.target.pending);
      return interaction.update(privateEdit({ content: keyPairDiscardedText(entry.name), embeds: [], components: [], files: [], attachments: [] }));
  }
}

/** The API key the exchange displayed: validated by signing with the waiting private key, stored only if it passes. */
export async function submitApiKeyForm(interaction: ModalSubmitInteraction, ctx: AppContext, link: Link, target: PendingTarget): Promise<void> {
  const entry = ctx.catalog.entry(target.exchange);
  const pendingId = target.pending;
  const pair = await ctx.keys.pendingKeyPair(interaction.user.id, pendingId);
  const read = () => {
    try {
      return { apiKey: interaction.fields.getTextInputValue('apiKey') };
    } catch {
      return { apiKey: undefined }; // a forged submit without the box: normalisation names it as empty
    }
  };
  await submitKeyForm(
    interaction,
    ctx,
    link,
    target,
    entry,
    (typed, onProgress) => ctx.keys.completeKeyPair(interaction.user.id, pendingId, typed, onProgress),
    {
      read,
      // a failed check keeps the pair: Try again reopens this form for as long as the pair waits
      retry: { action: 'created', ttlMs: untilExpiry(ctx, pair), reusable: true },
    },
  );
}

function untilExpiry(ctx: AppContext, pair: CreatedKeyPair): number {
  return Math.max(1_000, pair.expiresAt - ctx.clock.now());
}

/** The public key, the exchange's steps, and the two buttons; both expire with the pair. */
async function keyPairCard(ctx: AppContext, link: Link, entry: CatalogEntry, pair: CreatedKeyPair) {
  const support = selfGeneratedKeySupport(entry.id)!;
  const target = { ...link.target, pending: pair.pendingId };
  const ttl = untilExpiry(ctx, pair);
  const button = (action: string, reusable: boolean) =>
    ctx.links.create({ userId: link.userId, command: link.command, action, target, dm: link.dm, reusable }, ttl);
  const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
    // reusable: closing the form by mistake must not strand the pair; the pair itself is the guard
    new ButtonBuilder()
      .setCustomId(await button('created', true))
      .setLabel(CREATED_LABEL)
      .setStyle(ButtonStyle.Success),
    new ButtonBuilder()
      .setCustomId(await button('discard-pair', false))
      .setLabel('Cancel')
      .setStyle(ButtonStyle.Secondary),
  );
  const file = new AttachmentBuilder(Buffer.from(pair.publicKey, 'utf8'), { name: `${entry.id}-${pair.keyType}-public-key.pem` });
  return { content: keyPairCardText(entry.name, support, pair), embeds: [], components: [row], files: [file] };
}

/** Opens the API key form while its one-time id is being stored, as the paste form does: Discord's 3 s clock is running. */
async function showApiKeyForm(interaction: ButtonInteraction, ctx: AppContext, link: Link, entry: CatalogEntry, pair: CreatedKeyPair): Promise<void> {
  const { customId, written } = ctx.links.start(
    {
      userId: link.userId,
      command: link.command,
      action: API_KEY_FORM,
      target: { ...link.target, pending: pair.pendingId },
      dm: link.dm,
      ...(link.guildId ? { guildId: link.guildId } : {}),
    },
    Math.min(FORM_TTL_MS, untilExpiry(ctx, pair)),
  );
  await Promise.all([interaction.showModal(apiKeyForm(customId, entry, pair)), written]);
}

/** One box: the API key the exchange shows after the public key was registered. */
function apiKeyForm(customId: string, entry: CatalogEntry, pair: CreatedKeyPair): ModalBuilder {
  const title = `API key · ${entry.name} · ${pair.account}`;
  return new ModalBuilder()
    .setCustomId(customId)
    .setTitle(title.length <= 45 ? title : `${title.slice(0, 44)}…`)
    .addTextDisplayComponents(new TextDisplayBuilder().setContent(`Only the API key ${entry.name} displayed for the public key — there is no secret to type.`))
    .addLabelComponents(
      new LabelBuilder()
        .setLabel('API key')
        .setDescription(`The key ${entry.name} shows after you registered the public key`.slice(0, 100))
        .setTextInputComponent(new TextInputBuilder().setCustomId('apiKey').setStyle(TextInputStyle.Short).setRequired(true).setMaxLength(API_KEY_MAX)),
    );
}
