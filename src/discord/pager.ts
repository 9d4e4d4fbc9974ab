import { ActionRowBuilder, ButtonBuilder, ButtonStyle } from 'discord.js';
import { z } from 'zod';
import type { AppContext } from './context.js';
import { FORM_TTL_MS } from './links.js';

/** What the buttons below do; a paged command reads them back with `readLink(link, PAGER_ACTIONS, …)`. */
export const PAGER_ACTIONS = ['page', 'refresh'] as const satisfies readonly string[];

/** The target of a pager button: the command's own fields and the page to show. */
export const pagedTarget = <S extends z.ZodRawShape>(shape: S) => z.strictObject({ ...shape, page: z.number().int().min(0) });

/** Refresh and page buttons for a paged private reply; every button is a reusable link of this user. */
export async function pageButtons(
  ctx: AppContext,
  userId: string,
  command: string,
  target: Record<string, string | number | boolean>,
  page: number,
  pageCount: number,
  refresh: boolean,
): Promise<Array<ActionRowBuilder<ButtonBuilder>>> {
  const buttons: ButtonBuilder[] = [];
  const link = (p: number) => ctx.links.create({ userId, command, action: PAGER_ACTIONS[0], target: { ...target, page: p }, reusable: true }, FORM_TTL_MS);
  if (pageCount > 1) {
    buttons.push(
      new ButtonBuilder()
        .setCustomId(await link(page - 1))
        .setLabel('◀ Previous')
        .setStyle(ButtonStyle.Secondary)
        .setDisabled(page <= 0),
    );
    buttons.push(
      new ButtonBuilder()
        .setCustomId(await link(page + 1))
        .setLabel('Next ▶')
        .setStyle(ButtonStyle.Secondary)
        .setDisabled(page >= pageCount - 1),
    );
  }
  if (refresh) {
    const id = await ctx.links.create({ userId, command, action: PAGER_ACTIONS[1], target: { ...target, page }, reusable: true }, FORM_TTL_MS);
    buttons.push(new ButtonBuilder().setCustomId(id).setLabel('Refresh').setStyle(ButtonStyle.Primary));
  }
  return buttons.length > 0 ? [new ActionRowBuilder<ButtonBuilder>().addComponents(buttons)] : [];
}
