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
import { AppError } from '../src/errors.js';
import type { Command } from '../src/discord/command.js';
import type { AppContext } from '../src/discord/context.js';
import { parseKeyChoice, suggestOwnKeys } from '../src/discord/key-choice.js';
import { showKeyForm } from '../src/discord/key-form.js';
import { API_KEY_FORM, KEY_PAIR_ACTIONS, onKeyPairButton, openKeyEntry, submitApiKeyForm } from '../src/discord/key-pair-flow.js';
import { answerWithdrawQuestion, submitKeyForm, WITHDRAW_CANCEL, WITHDRAW_OFF } from '../src/discord/key-submit.js';
import { FORM_TTL_MS, type Link } from '../src/discord/links.js';
import { pageButtons } from '../src/discord/pager.js';
import { renderAudit, renderForgotten, renderKeyList, renderKeyTested, renderRemoved } from '../src/discord/render/keys.js';
import { deferPrivately, privateEdit, privateReply } from '../src/discord/replies.js';

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
  const rendered = renderKeyList(await ctx.keys.list(interaction.user.id), ctx.clock.now(), page, (id) => ctx.catalog.entry(id).name);
  const components = await pageButtons(ctx, interaction.user.id, 'keys', {}, rendered.page, rendered.pageCount, false);
  const payload = { content: '', embeds: rendered.embeds, components };
  if (interaction.isButton()) await interaction.update(privateEdit(payload));
  else await interaction.reply(privateReply(payload));
}

/** Rotation starts like a connect: a fresh key pair Keyward creates, or a pasted key; the old key stays until the new one passed. */
async function startRotation(
  interaction: ChatInputCommandInteraction | ButtonInteraction,
  ctx: AppContext,
  exchange: string,
  account: string,
  dm: boolean,
): Promise<unknown> {
  await ctx.keys.prepareRotate(interaction.user.id, exchange, account);
  return openKeyEntry(interaction, ctx, ctx.catalog.entry(exchange), account, 'rotate', 'keys', dm);
}

async function openRotateForm(
  interaction: ChatInputCommandInteraction | ButtonInteraction,
  ctx: AppContext,
  exchange: string,
  account: string,
  dm: boolean,
): Promise<unknown> {
  await ctx.keys.prepareRotate(interaction.user.id, exchange, account);
  return showKeyForm(interaction, ctx, ctx.catalog.entry(exchange), account, 'rotate', 'keys', dm);
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
        .addStringOption((o) => o.setName('days').setDescription('30 to 365 days, or "off"').setRequired(true).setMaxLength(3).setAutocomplete(true)),
    ),

  async autocomplete(interaction, ctx) {
    if (interaction.options.getFocused(true).name !== 'days') return suggestOwnKeys(interaction, ctx);
    const typed = interaction.options.getFocused().trim().toLowerCase();
    const picks = ['30', '60', '90', '180', '365', 'off'].filter((v) => v.startsWith(typed));
    const exact = /^\d{2,3}$/.test(typed) && Number(typed) >= 30 && Number(typed) <= 365 && !picks.includes(typed) ? [typed] : [];
    await interaction.respond([...exact, ...picks].map((v) => ({ name: v === 'off' ? 'off (no age reminders)' : `${v} days`, value: v })));
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
        const outcome = await ctx.keys.test(userId, exchange, account);
        return interaction.editReply(privateEdit({ embeds: renderKeyTested({ exchangeName: ctx.catalog.entry(exchange).name, account, ...outcome }) }));
      }
      case 'rotate': {
        const { exchange, account } = chosen();
        return startRotation(interaction, ctx, exchange, account, false);
      }
      case 'remove': {
        const { exchange, account } = chosen();
        const key = (await ctx.keys.list(userId)).find((k) => k.record.exchange === exchange && k.record.account === account);
        if (!key) throw new AppError('ACCOUNT_NOT_FOUND', { exchange, account });
        return confirm(
          interaction,
          ctx,
          'remove',
          { exchange, account },
          `Remove your ${ctx.catalog.entry(exchange).name} key **${account}** (…${key.record.keyHint}) from Keyward?`,
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
        const value = interaction.options.getString('days', true).trim().toLowerCase();
        const days = value === 'off' ? 'off' : Number(value);
        if (days !== 'off' && (!Number.isInteger(days) || days < 30 || days > 365)) throw new AppError('REMINDERS_DAYS_INVALID', { min: 30, max: 365 });
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
    const exchange = String(link.target.exchange ?? '');
    const account = String(link.target.account ?? '');
    if (KEY_PAIR_ACTIONS.has(link.action)) return onKeyPairButton(interaction, ctx, link, () => ctx.keys.prepareRotate(userId, exchange, account));
    switch (link.action) {
      case 'cancel':
        return interaction.update(privateEdit({ content: 'Cancelled. Nothing was changed.', components: [] }));
      case 'page':
        return showList(interaction, ctx, Number(link.target.page) || 0);
      case 'remove': {
        const record = await ctx.keys.remove(userId, exchange, account);
        const entry = ctx.catalog.entry(exchange);
        return interaction.update(
          privateEdit({
            content: '',
            components: [],
            embeds: renderRemoved({ exchangeName: entry.name, account, keyHint: record.keyHint, createKeyPath: entry.createKeyPath }),
          }),
        );
      }
      case 'forget':
        return interaction.update(privateEdit({ content: '', components: [], embeds: renderForgotten(await ctx.keys.forget(userId)) }));
      case WITHDRAW_OFF:
      case WITHDRAW_CANCEL:
        return answerWithdrawQuestion(interaction, ctx, link);
      case 'retry':
        return openRotateForm(interaction, ctx, exchange, account, Boolean(link.dm));
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
    if (link.action === API_KEY_FORM) return submitApiKeyForm(interaction, ctx, link);
    const exchange = String(link.target.exchange);
    const account = String(link.target.account);
    await submitKeyForm(interaction, ctx, link, ctx.catalog.entry(exchange), (typed, onProgress) =>
      ctx.keys.rotate(interaction.user.id, exchange, account, typed, onProgress, interaction.guildId ?? undefined),
    );
  },
} satisfies Command;
