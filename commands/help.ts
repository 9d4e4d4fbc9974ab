import { ApplicationIntegrationType, InteractionContextType, SlashCommandBuilder } from 'discord.js';
import type { Command } from '../src/discord/command.js';
import { HELP_TOPICS, renderHelp } from '../src/discord/render/help.js';
import { privateReply } from '../src/discord/replies.js';

const MAJORS = 9;

/** /help: short guides traders need, from creating a key to keeping it safe. */
export default {
  data: new SlashCommandBuilder()
    .setName('help')
    .setDescription('Guides: creating a key, permissions, IP whitelists, clock sync, rate limits, safety')
    .setContexts(InteractionContextType.Guild)
    .setIntegrationTypes(ApplicationIntegrationType.GuildInstall)
    .addStringOption((o) =>
      o
        .setName('topic')
        .setDescription('What you need help with')
        .addChoices(...HELP_TOPICS),
    ),

  async execute(interaction, ctx) {
    const topic = interaction.options.getString('topic') ?? undefined;
    await interaction.reply(privateReply({ embeds: renderHelp(topic, ctx.catalog.list().slice(0, MAJORS), ctx.settings.publicIps) }));
  },
} satisfies Command;
