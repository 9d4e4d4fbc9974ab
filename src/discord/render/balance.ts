/** /balance: every account's holdings on as many pages as it takes, each page within Discord's limits. */
import { EmbedBuilder } from 'discord.js';
import type { AccountSection, PortfolioView } from '../../keys/balance-service.js';
import { balanceText } from './assets.js';
import { accountLabel, COLOURS, plural, relativeStamp, safe, truncate, usd } from './format.js';
import { clampPage, field, FOOTER_ROOM, LIMITS, packFields, pageLabel, type Field, type Page } from './paging.js';

/** Assets listed per account before the rest are folded: enough to recognise it, few enough to scan. */
const ASSETS_PER_ACCOUNT = 10;
/** Accounts per page, so one page stays readable even when every account is short. */
const ACCOUNTS_PER_PAGE = 10;
const TITLE = 'Your balances';
const FOOTER = "USD values are estimates from each exchange's own prices.";

function section(s: AccountSection): Field {
  const label = accountLabel(s.exchangeName, s.account, s.keyHint);
  if (s.outcome.ok) return field(label, balanceText(s.outcome.balance, ASSETS_PER_ACCOUNT, LIMITS.fieldValue));
  const { title, advice } = s.outcome.verdict;
  return field(`❌ ${label}`, [safe(title, 300), advice[0] ? safe(advice[0], 300) : ''].filter(Boolean).join('\n') || 'Could not be read.');
}

function summary(view: PortfolioView): string {
  const failed = view.sections.filter((s) => !s.outcome.ok).length;
  const total =
    view.totalUsd === undefined
      ? 'No USD estimate: no account answered with assets that have a price.'
      : `Estimated total: **${usd(view.totalUsd)}** across ${plural(view.sections.length - failed, 'account')}.`;
  // one account carries its own estimate: a second, identical total would only repeat it
  const lines = view.sections.length === 1 && failed === 0 ? [] : [total];
  if (failed > 0) lines.push(`❌ ${plural(failed, 'account')} could not be read (marked below).`);
  lines.push(`Fetched ${relativeStamp(view.fetchedAt)}.`);
  return lines.join('\n');
}

/**
 * One page of a portfolio (0-based `page`, clamped to the pages that exist): the grand total, then
 * one field per account (assets, "N other assets", its estimate) or, for an account that failed,
 * the verdict and the first thing to try.
 */
export function renderPortfolio(view: PortfolioView, page: number): Page {
  const description = view.sections.length === 0 ? 'No accounts to show.' : summary(view);
  const budget = LIMITS.total - TITLE.length - description.length - FOOTER_ROOM;
  const pages = packFields(view.sections.map(section), budget, ACCOUNTS_PER_PAGE);
  const current = clampPage(page, pages.length);
  const label = pageLabel(current, pages.length);
  const colour = view.sections.some((s) => !s.outcome.ok) ? COLOURS.warning : COLOURS.neutral;
  const embed = new EmbedBuilder()
    .setColor(colour)
    .setTitle(TITLE)
    .setDescription(description)
    .setFooter({ text: truncate(label ? `${label} · ${FOOTER}` : FOOTER, FOOTER_ROOM) })
    .setTimestamp(view.fetchedAt);
  const fields = pages[current] ?? [];
  if (fields.length > 0) embed.addFields(fields);
  return { embeds: [embed], page: current, pageCount: pages.length };
}
