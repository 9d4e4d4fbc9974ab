import { ApplicationIntegrationType, InteractionContextType, SlashCommandBuilder } from 'discord.js';
import { z } from 'zod';
import type { Command } from '../src/discord/command.js';
import { exchangeChoices } from '../src/discord/exchange-choices.js';
import { readLink } from '../src/discord/link-target.js';
import { PAGER_ACTIONS, pageButtons, pagedTarget } from '../src/discord/pager.js';
import { renderExchangeDetail, renderExchangeList } from '../src/discord/render/exchanges.js';
import { privateEdit, privateReply } from '../src/discord/replies.js';

/** The page buttons carry the search the list was asked with. */
const listTarget = pagedTarget({ query: z.string().optional() });

/** /exchanges: which exchanges can be connected, what each one's key needs, and what trips people up. */
export default {
  data: new SlashCommandBuilder()
    .setName('exchanges')
    .setDescription('Supported exchanges, the fields their keys need, and practical notes')
    .setContexts(InteractionContextType.Guild)
    .setIntegrationTypes(ApplicationIntegrationType.GuildInstall)
    .addStringOption((o) => o.setName('search').setDescription('An exchange name, e.g. okx').setAutocomplete(true).setMaxLength(60)),

  async autocomplete(interaction, ctx) {
    const matches = ctx.catalog.search(interaction.options.getFocused(), 25);
    await interaction.respond(exchangeChoices(matches));
  },

  async execute(interaction, ctx) {
    const query = interaction.options.getString('search')?.trim() || undefined;
    const matches = query ? ctx.catalog.search(query, 200) : ctx.catalog.list();
    const exact = query ? matches.find((e) => e.id === query.toLowerCase()) : undefined;
    if (exact || matches.length === 1) return interaction.reply(privateReply({ embeds: renderExchangeDetail(exact ?? matches[0]!) }));
    const rendered = renderExchangeList(matches, query, 0);
    const components = await pageButtons(ctx, interaction.user.id, 'exchanges', query ? { query } : {}, rendered.page, rendered.pageCount, false);
    await interaction.reply(privateReply({ embeds: rendered.embeds, components }));
  },

  async onButton(interaction, ctx, link) {
    const {
      target: { query, page },
    } = readLink(link, PAGER_ACTIONS, listTarget);
    const rendered = renderExchangeList(query ? ctx.catalog.search(query, 200) : ctx.catalog.list(), query, page);
    const components = await pageButtons(ctx, interaction.user.id, 'exchanges', query ? { query } : {}, rendered.page, rendered.pageCount, false);
    await interaction.update(privateEdit({ embeds: rendered.embeds, components }));
  },
} satisfies Command;
