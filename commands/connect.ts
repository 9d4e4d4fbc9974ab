import { ActionRowBuilder, ApplicationIntegrationType, ButtonBuilder, ButtonStyle, InteractionContextType, SlashCommandBuilder } from 'discord.js';
import type { Command } from '../src/discord/command.js';
import { exchangeChoices } from '../src/discord/exchange-choices.js';
import { showKeyForm } from '../src/discord/key-form.js';
import { API_KEY_FORM, KEY_PAIR_ACTIONS, onKeyPairButton, openKeyEntry, submitApiKeyForm } from '../src/discord/key-pair-flow.js';
import { answerWithdrawQuestion, submitKeyForm, WITHDRAW_CANCEL, WITHDRAW_OFF } from '../src/discord/key-submit.js';
import { FORM_TTL_MS } from '../src/discord/links.js';
import { privateReply, privateEdit } from '../src/discord/replies.js';
import { nextAccountName, normalizeAccountName } from '../src/keys/account-name.js';

/**
 * /connect: a key pair Keyward creates (where the exchange accepts one) or the private form for an
 * existing key, then validation, then (only if it passed) encrypted storage.
 */
export default {
  data: new SlashCommandBuilder()
    .setName('connect')
    .setDescription('Connect an exchange API key through a private form')
    .setContexts(InteractionContextType.Guild)
    .setIntegrationTypes(ApplicationIntegrationType.GuildInstall)
    .addStringOption((o) => o.setName('exchange').setDescription('The exchange (start typing)').setRequired(true).setAutocomplete(true).setMaxLength(100))
    .addStringOption((o) => o.setName('account').setDescription('A label for this key, e.g. main or scalping (default: main)').setMaxLength(32)),

  async autocomplete(interaction, ctx) {
    const matches = ctx.catalog.search(interaction.options.getFocused(), 25);
    await interaction.respond(exchangeChoices(matches));
  },

  async execute(interaction, ctx) {
    const entry = ctx.catalog.entry(interaction.options.getString('exchange', true));
    const account = normalizeAccountName(interaction.options.getString('account'));
    const userId = interaction.user.id;
    const { exists } = await ctx.keys.prepareConnect(userId, entry.id, account);
    if (!exists) return openKeyEntry(interaction, ctx, entry, account, 'connect', 'connect');
    const link = (action: string) => ctx.links.create({ userId, command: 'connect', action, target: { exchange: entry.id, account } }, FORM_TTL_MS);
    const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
      new ButtonBuilder()
        .setCustomId(await link('replace'))
        .setLabel('Replace it')
        .setStyle(ButtonStyle.Danger),
      new ButtonBuilder()
        .setCustomId(await link('another'))
        .setLabel('Add as another account')
        .setStyle(ButtonStyle.Primary),
      new ButtonBuilder()
        .setCustomId(await link('cancel'))
        .setLabel('Cancel')
        .setStyle(ButtonStyle.Secondary),
    );
    await interaction.reply(
      privateReply({
        content: `You already have a ${entry.name} key called **${account}**. Replace it (the old key stays until the new one passes its checks), or add this one as another account?`,
        components: [row],
      }),
    );
  },

  async onButton(interaction, ctx, link) {
    const entry = ctx.catalog.entry(String(link.target.exchange));
    const userId = interaction.user.id;
    let account = String(link.target.account);
    if (KEY_PAIR_ACTIONS.has(link.action)) return onKeyPairButton(interaction, ctx, link, () => ctx.keys.prepareConnect(userId, entry.id, account));
    switch (link.action) {
      case 'cancel':
        return void (await interaction.update(privateEdit({ content: 'Cancelled. Nothing was changed.', components: [] })));
      case 'replace':
        await ctx.keys.prepareConnect(userId, entry.id, account);
        return openKeyEntry(interaction, ctx, entry, account, 'replace', 'connect');
      case 'another': {
        const { taken } = await ctx.keys.prepareConnect(userId, entry.id, account);
        account = nextAccountName(account, taken);
        await ctx.keys.prepareConnect(userId, entry.id, account);
        return openKeyEntry(interaction, ctx, entry, account, 'connect', 'connect');
      }
      case WITHDRAW_OFF:
      case WITHDRAW_CANCEL:
        return answerWithdrawQuestion(interaction, ctx, link);
      case 'retry':
        await ctx.keys.prepareConnect(userId, entry.id, account);
        return showKeyForm(interaction, ctx, entry, account, link.target.purpose === 'replace' ? 'replace' : 'connect', 'connect');
    }
  },

  async onModal(interaction, ctx, link) {
    if (link.action === API_KEY_FORM) return submitApiKeyForm(interaction, ctx, link);
    const entry = ctx.catalog.entry(String(link.target.exchange));
    const account = String(link.target.account);
    await submitKeyForm(interaction, ctx, link, entry, (typed, onProgress) =>
      ctx.keys.connect(interaction.user.id, entry.id, account, typed, link.target.purpose === 'replace', onProgress, interaction.guildId ?? undefined),
    );
  },
} satisfies Command;
