import { ApplicationIntegrationType, InteractionContextType, SlashCommandBuilder, type RepliableInteraction } from 'discord.js';
import { z } from 'zod';
import type { Command } from '../src/discord/command.js';
import type { AppContext } from '../src/discord/context.js';
import { suggestOwnExchanges } from '../src/discord/key-choice.js';
import { readLink } from '../src/discord/link-target.js';
import { PAGER_ACTIONS, pageButtons, pagedTarget } from '../src/discord/pager.js';
import { renderPortfolio } from '../src/discord/render/balance.js';
import { deferPrivately, privateEdit } from '../src/discord/replies.js';
import { normalizeAccountName } from '../src/keys/account-name.js';

/** The page buttons carry the filter the list was asked with. */
const balanceTarget = pagedTarget({ exchange: z.string().optional(), account: z.string().optional() });

async function show(interaction: RepliableInteraction, ctx: AppContext, filter: { exchange?: string; account?: string }, page: number): Promise<void> {
  const view = await ctx.balances.balances(interaction.user.id, filter);
  const rendered = renderPortfolio(view, page);
  const components = await pageButtons(ctx, interaction.user.id, 'balance', { ...filter }, rendered.page, rendered.pageCount, true);
  await interaction.editReply(privateEdit({ content: '', embeds: rendered.embeds, components }));
}

/** /balance: every connected account at once (or one exchange / account), fetched in parallel. */
export default {
  data: new SlashCommandBuilder()
    .setName('balance')
    .setDescription('Show your balances on every connected account, privately')
    .setContexts(InteractionContextType.Guild)
    .setIntegrationTypes(ApplicationIntegrationType.GuildInstall)
    .addStringOption((o) => o.setName('exchange').setDescription('Only this exchange').setAutocomplete(true).setMaxLength(40))
    .addStringOption((o) => o.setName('account').setDescription('Only this account label').setMaxLength(32)),

  autocomplete: suggestOwnExchanges,

  async execute(interaction, ctx) {
    const exchange = interaction.options.getString('exchange')?.trim().toLowerCase() || undefined;
    const accountOption = interaction.options.getString('account');
    const filter = { exchange, account: accountOption ? normalizeAccountName(accountOption) : undefined };
    await deferPrivately(interaction);
    await show(interaction, ctx, filter, 0);
  },

  async onButton(interaction, ctx, link) {
    await interaction.deferUpdate();
    const {
      target: { page, ...filter },
    } = readLink(link, PAGER_ACTIONS, balanceTarget);
    await show(interaction, ctx, filter, page);
  },
} satisfies Command;
