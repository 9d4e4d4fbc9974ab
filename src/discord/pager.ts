import { ActionRowBuilder, ButtonBuilder, ButtonStyle } from 'discord.js';
import type { AppContext } from './context.js';
import { FORM_TTL_MS } from './links.js';

/** Refresh and page buttons for a paged private reply; every button is a reusable link of this user. */
export async function pageButtons(
  ctx: AppContext, userId: string, command: string, target: Record<string, string | number | boolean>, page: number, pageCount: number, refresh: boolean,
): Promise<Array<ActionRowBuilder<ButtonBuilder>>> {
  const buttons: ButtonBuilder[] = [];
  const link = (p: number) => ctx.links.create({ userId, command, action: 'page', target: { ...target, page: p }, reusable: true }, FORM_TTL_MS);
  if (pageCount > 1) {
    buttons.push(new ButtonBuilder().setCustomId(await link(page - 1)).setLabel('◀ Previous').setStyle(ButtonStyle.Secondary).setDisabled(page <= 0));
    buttons.push(new ButtonBuilder().setCustomId(await link(page + 1)).setLabel('Next ▶').setStyle(ButtonStyle.Secondary).setDisabled(page >= pageCount - 1));
  }
  if (refresh) {
    const id = await ctx.links.create({ userId, command, action: 'refresh', target: { ...target, page }, reusable: true }, FORM_TTL_MS);
    buttons.push(new ButtonBuilder().setCustomId(id).setLabel('Refresh').setStyle(ButtonStyle.Primary));
  }
  return buttons.length > 0 ? [new ActionRowBuilder<ButtonBuilder>().addComponents(buttons)] : [];
}
