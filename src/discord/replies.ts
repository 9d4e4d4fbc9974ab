import { MessageFlags, type InteractionReplyOptions, type InteractionEditReplyOptions, type RepliableInteraction } from 'discord.js';

/** Nothing Keyward sends may ping anyone. */
export const NO_MENTIONS = { parse: [] as [] };

/** A reply only the user sees, that mentions nobody. */
export function privateReply(options: Omit<InteractionReplyOptions, 'flags' | 'allowedMentions'>): InteractionReplyOptions & { flags: MessageFlags.Ephemeral } {
  return { ...options, flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS };
}

/** An edit of a private reply (the flag was set by the first reply or defer). */
export function privateEdit(options: Omit<InteractionEditReplyOptions, 'allowedMentions'>): InteractionEditReplyOptions {
  return { ...options, allowedMentions: NO_MENTIONS };
}

/** Defers privately: for work that talks to an exchange and may take longer than Discord's 3 s. */
export async function deferPrivately(interaction: RepliableInteraction): Promise<void> {
  if (!interaction.deferred && !interaction.replied) await interaction.deferReply({ flags: MessageFlags.Ephemeral });
}

/** Answers with text, however far the interaction got (fresh, deferred or replied). */
export async function answerPrivately(interaction: RepliableInteraction, content: string): Promise<void> {
  if (interaction.deferred || interaction.replied) {
    await interaction.editReply(privateEdit({ content, embeds: [], components: [] }));
  } else {
    await interaction.reply(privateReply({ content }));
  }
}
