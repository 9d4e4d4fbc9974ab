import {
  ActionRowBuilder,
  ApplicationIntegrationType,
  ButtonBuilder,
  ButtonStyle,
  InteractionContextType,
  SlashCommandBuilder,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
} from 'discord.js';
import { z } from 'zod';
import type { Command } from '../src/discord/command.js';
import type { AppContext } from '../src/discord/context.js';
import { suggestOwnKeys } from '../src/discord/key-choice.js';
import { showKeyForm } from '../src/discord/key-form.js';
import { formTarget, keyTarget, pendingTarget } from '../src/discord/key-link.js';
import { API_KEY_FORM, KEY_PAIR_TARGETS, onKeyPairButton, openKeyEntry, submitApiKeyForm } from '../src/discord/key-pair-flow.js';
import { answerWithdrawQuestion, submitKeyForm, WITHDRAW_CANCEL, WITHDRAW_OFF, WITHDRAW_TARGETS } from '../src/discord/key-submit.js';
import { readLinkOf } from '../src/discord/link-target.js';
import { FORM_TTL_MS, type Link } from '../src/discord/links.js';
import { pageButtons, pagedTarget } from '../src/discord/pager.js';
import { removeQuestion, renderAudit, renderForgotten, renderKeyList, renderKeyTested, renderRemoved } from '../src/discord/render/keys.js';
import { deferPrivately, privateEdit, privateReply } from '../src/discord/replies.js';
import { findNamedKey, parseKeyChoice } from '../src/keys/key-lookup.js';
import { listKeys, removeKey, testKey } from '../src/keys/views.js';
import { parseReminderDays, REMINDER_DAYS, suggestReminderDays } from '../src/reminders/reminder-days.js';

const noTarget = z.strictObject({});

/**
 * What each /keys button carries: nothing (forget, and cancel from a confirmation), a page, or one
 * key — from a confirmation, a reminder DM, or the key-entry flow with its purpose or waiting key.
 */
const BUTTONS = {
  ...KEY_PAIR_TARGETS,
  ...WITHDRAW_TARGETS,
  cancel: z.union([noTarget, keyTarget]),
  forget: noTarget,
  page: pagedTarget({}),
  remove: keyTarget,
  retry: keyTarget,
  rotate: keyTarget,
  snooze: keyTarget,
};
/** The rotate form names its purpose; the API key form of a created pair names the waiting pair. */
const FORMS = { submit: formTarget, [API_KEY_FORM]: pendingTarget };

const keyOption = (name: string) => (o: import('discord.js').SlashCommandStringOption) =>
  o.setName('key').setDescription(`The key to ${name}`).setRequired(true).setAutocomplete(true).setMaxLength(80);

async function confirm(
  interaction: ChatInputCommandInteraction,
  ctx: AppContext,
  action: string,
  target: Link['target'],
  question: string,
  label: string,
): Promise<void> {
  const userId = interaction.user.id;
  const yes = await ctx.links.create({ userId, command: 'keys', action, target }, FORM_TTL_MS);
  const no = await ctx.links.create({ userId, command: 'keys', action: 'cancel', target: {} }, FORM_TTL_MS);
  const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
    new ButtonBuilder().setCustomId(yes).setLabel(label).setStyle(ButtonStyle.Danger),
    new ButtonBuilder().setCustomId(no).setLabel('Cancel').setStyle(ButtonStyle.Secondary),
  );
  await interaction.reply(privateReply({ content: question, components: [row] }));
}

async function showList(interaction: ChatInputCommandInteraction | ButtonInteraction, ctx: AppContext, page: number): Promise<void> {
  const rendered = renderKeyList(await listKeys(ctx.keys, interaction.user.id), ctx.clock.now(), page, (id) => ctx.catalog.entry(id).name);
  const components = await pageButtons(ctx, interaction.user.id, 'keys', {}, rendered.page, rendered.pageCount, false);
  const payload = { content: '', embeds: rendered.embeds, components };
  if (interaction.isButton()) await interaction.update(privateEdit(payload));
  else await interaction.reply(privateReply(payload));
}

/**
 * Rotation starts like a connect: a fresh key pair Keyward creates, or a pasted key (`paste` goes
 * straight to the form); the old key stays until the new one passed.
 */
async function startRotation(
  interaction: ChatInputCommandInteraction | ButtonInteraction,
  ctx: AppContext,
  exchange: string,
  account: string,
  dm: boolean,
  paste = false,
): Promise<unknown> {
  await ctx.keys.prepareRotate(interaction.user.id, exchange, account);
  const open = paste ? showKeyForm : openKeyEntry;
  return open(interaction, ctx, { entry: ctx.catalog.entry(exchange), account, purpose: 'rotate', command: 'keys', dm });
}

/** /keys: list, test, rotate, remove and forget your keys, read their audit log, and set rotation reminders. */
export default {
  data: new SlashCommandBuilder()
    .setName('keys')
    .setDescription('Your connected keys: list, test, rotate, remove')
    .setContexts(InteractionContextType.Guild)
    .setIntegrationTypes(ApplicationIntegrationType.GuildInstall)
    .addSubcommand((s) => s.setName('list').setDescription('Your keys, their status, permissions and rotation dates'))
    .addSubcommand((s) => s.setName('test').setDescription('Check a key against its exchange now').addStringOption(keyOption('test')))
    .addSubcommand((s) => s.setName('rotate').setDescription('Replace a key with a new one (validated first)').addStringOption(keyOption('rotate')))
    .addSubcommand((s) => s.setName('remove').setDescription('Delete a key from Keyward').addStringOption(keyOption('remove')))
    .addSubcommand((s) => s.setName('forget').setDescription('Delete every key and record Keyward holds about you'))
    .addSubcommand((s) => s.setName('audit').setDescription('What happened to your keys recently'))
    .addSubcommand((s) =>
      s
        .setName('remind')
        .setDescription('How often to remind you to rotate keys')
        .addStringOption((o) =>
          o
            .setName('days')
            .setDescription(`${REMINDER_DAYS.min} to ${REMINDER_DAYS.max} days, or "off"`)
            .setRequired(true)
            .setMaxLength(3)
            .setAutocomplete(true),
        ),
    ),

  async autocomplete(interaction, ctx) {
    if (interaction.options.getFocused(true).name !== 'days') return suggestOwnKeys(interaction, ctx);
    const choices = suggestReminderDays(interaction.options.getFocused());
    await interaction.respond(choices.map((v) => ({ name: v === 'off' ? 'off (no age reminders)' : `${v} days`, value: String(v) })));
  },

  async execute(interaction, ctx) {
    const userId = interaction.user.id;
    const sub = interaction.options.getSubcommand();
    const chosen = () => parseKeyChoice(interaction.options.getString('key', true));
    switch (sub) {
      case 'list':
        return showList(interaction, ctx, 0);
      case 'test': {
        const { exchange, account } = chosen();
        await deferPrivately(interaction);
        const outcome = await testKey(ctx.keys, userId, exchange, account);
        return interaction.editReply(privateEdit({ embeds: renderKeyTested({ exchangeName: ctx.catalog.entry(exchange).name, account, ...outcome }) }));
      }
      case 'rotate': {
        const { exchange, account } = chosen();
        return startRotation(interaction, ctx, exchange, account, false);
      }
      case 'remove': {
        const key = await findNamedKey(ctx.keys, userId, interaction.options.getString('key', true));
        return confirm(
          interaction,
          ctx,
          'remove',
          { exchange: key.exchange, account: key.account },
          removeQuestion(ctx.catalog.entry(key.exchange).name, key),
          'Remove',
        );
      }
      case 'forget':
        return confirm(
          interaction,
          ctx,
          'forget',
          {},
          'Delete **every** key and record Keyward holds about you? This cannot be undone: your encryption key is destroyed.',
          'Forget everything',
        );
      case 'audit': {
        const events = await ctx.keys.recentAudit(userId);
        return interaction.reply(privateReply({ embeds: renderAudit(events, (id) => ctx.catalog.entry(id).name) }));
      }
      case 'remind': {
        const days = parseReminderDays(interaction.options.getString('days', true));
        await ctx.reminders.setRotationDays(userId, days);
        return interaction.reply(
          privateReply({
            content:
              days === 'off'
                ? 'Rotation reminders are off. Expiry dates reported by exchanges are still watched.'
                : `You will be reminded to rotate each key ${days} days after it was connected or last rotated.`,
          }),
        );
      }
    }
  },

  async onButton(interaction, ctx, link) {
    const userId = interaction.user.id;
    const button = readLinkOf(link, BUTTONS);
    switch (button.action) {
      case 'cancel':
        return interaction.update(privateEdit({ content: 'Cancelled. Nothing was changed.', components: [] }));
      case 'page':
        return showList(interaction, ctx, button.target.page);
      case 'forget':
        return interaction.update(privateEdit({ content: '', components: [], embeds: renderForgotten(await ctx.keys.forget(userId)) }));
    }
    const { exchange, account } = button.target;
    switch (button.action) {
      case 'generate':
      case 'paste':
      case 'created':
      case 'discard-pair':
        return onKeyPairButton(interaction, ctx, link, button, () => ctx.keys.prepareRotate(userId, exchange, account));
      case 'remove': {
        const removed = await removeKey(ctx.keys, userId, exchange, account);
        const entry = ctx.catalog.entry(exchange);
        return interaction.update(
          privateEdit({
            content: '',
            components: [],
            embeds: renderRemoved({ exchangeName: entry.name, account, keyHint: removed.keyHint, createKeyPath: entry.createKeyPath }),
          }),
        );
      }
      case WITHDRAW_OFF:
      case WITHDRAW_CANCEL:
        return answerWithdrawQuestion(interaction, ctx, button);
      case 'retry':
        return startRotation(interaction, ctx, exchange, account, Boolean(link.dm), true);
      case 'rotate':
        return startRotation(interaction, ctx, exchange, account, Boolean(link.dm));
      case 'snooze': {
        const until = await ctx.reminders.snooze(userId, exchange, account, 7);
        return interaction.reply(
          privateReply({ content: `Snoozed: the next reminder for ${ctx.catalog.entry(exchange).name} · ${account} comes <t:${Math.floor(until / 1000)}:R>.` }),
        );
      }
    }
  },

  async onModal(interaction, ctx, link) {
    const form = readLinkOf(link, FORMS);
    if (form.action === API_KEY_FORM) return submitApiKeyForm(interaction, ctx, link, form.target);
    const { target } = form;
    await submitKeyForm(interaction, ctx, link, target, ctx.catalog.entry(target.exchange), (typed, onProgress) =>
      ctx.keys.rotate(interaction.user.id, target.exchange, target.account, typed, onProgress, interaction.guildId ?? undefined),
    );
  },
} satisfies Command;
