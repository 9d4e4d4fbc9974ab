import { ActionRowBuilder, ApplicationIntegrationType, ButtonBuilder, ButtonStyle, InteractionContextType, SlashCommandBuilder } from 'discord.js';
import type { Command } from '../src/discord/command.js';
import { exchangeChoices } from '../src/discord/exchange-choices.js';
import { showKeyForm } from '../src/discord/key-form.js';
import { formTarget, keyTarget, pendingTarget } from '../src/discord/key-link.js';
import { API_KEY_FORM, KEY_PAIR_TARGETS, onKeyPairButton, openKeyEntry, submitApiKeyForm } from '../src/discord/key-pair-flow.js';
import { answerWithdrawQuestion, submitKeyForm, WITHDRAW_CANCEL, WITHDRAW_OFF, WITHDRAW_TARGETS } from '../src/discord/key-submit.js';
import { readLinkOf } from '../src/discord/link-target.js';
import { FORM_TTL_MS } from '../src/discord/links.js';
import { privateReply, privateEdit } from '../src/discord/replies.js';
import { normalizeAccountName } from '../src/keys/account-name.js';
import { prepareAnotherAccount } from '../src/keys/another-account.js';

/** What each /connect button carries: the key's place, and for some the form's purpose or the waiting key. */
const BUTTONS = { ...KEY_PAIR_TARGETS, ...WITHDRAW_TARGETS, replace: keyTarget, another: keyTarget, cancel: keyTarget, retry: keyTarget };
/** The paste form names its purpose; the API key form of a created pair names the waiting pair. */
const FORMS = { submit: formTarget, [API_KEY_FORM]: pendingTarget };

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
    if (!exists) return openKeyEntry(interaction, ctx, { entry, account, purpose: 'connect', command: 'connect' });
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
    const button = readLinkOf(link, BUTTONS);
    const entry = ctx.catalog.entry(button.target.exchange);
    const { account } = button.target;
    const userId = interaction.user.id;
    switch (button.action) {
      case 'generate':
      case 'paste':
      case 'created':
      case 'discard-pair':
        return onKeyPairButton(interaction, ctx, link, button, () => ctx.keys.prepareConnect(userId, entry.id, account));
      case 'cancel':
        return void (await interaction.update(privateEdit({ content: 'Cancelled. Nothing was changed.', components: [] })));
      case 'replace':
        await ctx.keys.prepareConnect(userId, entry.id, account);
        return openKeyEntry(interaction, ctx, { entry, account, purpose: 'replace', command: 'connect' });
      case 'another':
        return openKeyEntry(interaction, ctx, {
          entry,
          account: await prepareAnotherAccount(ctx.keys, userId, entry.id, account),
          purpose: 'connect',
          command: 'connect',
        });
      case WITHDRAW_OFF:
      case WITHDRAW_CANCEL:
        return answerWithdrawQuestion(interaction, ctx, button);
      case 'retry':
        await ctx.keys.prepareConnect(userId, entry.id, account);
        return showKeyForm(interaction, ctx, { entry, account, purpose: button.target.purpose === 'replace' ? 'replace' : 'connect', command: 'connect' });
    }
  },

  async onModal(interaction, ctx, link) {
    const form = readLinkOf(link, FORMS);
    if (form.action === API_KEY_FORM) return submitApiKeyForm(interaction, ctx, link, form.target);
    const { target } = form;
    const entry = ctx.catalog.entry(target.exchange);
    await submitKeyForm(interaction, ctx, link, target, entry, (typed, onProgress) =>
      ctx.keys.connect(interaction.user.id, entry.id, target.account, typed, target.purpose === 'replace', onProgress, interaction.guildId ?? undefined),
    );
  },
} satisfies Command;
