import { ActionRowBuilder, ButtonBuilder, ButtonStyle, type ButtonInteraction, type ModalSubmitInteraction } from 'discord.js';
import type { CatalogEntry, ValidationStep } from '../exchanges/index.js';
import type { Saved, SaveOutcome } from '../keys/key-service.js';
import type { AppContext } from './context.js';
import { readKeyForm, type FormPurpose } from './key-form.js';
import { FORM_TTL_MS, type Link } from './links.js';
import { ProgressEdits } from './progress-edits.js';
import { declinedText, progressText, renderRefused, renderSaved, renderWithdrawQuestion, unreportedWithdrawRefusal } from './render/validation.js';
import { deferPrivately, privateEdit } from './replies.js';

export type SaveAction = (typed: Record<string, string | undefined>, onProgress: (step: ValidationStep) => void) => Promise<SaveOutcome>;

/** The buttons of the withdrawal question; both commands that open key forms route them here. */
export const WITHDRAW_OFF = 'withdraw-off';
export const WITHDRAW_CANCEL = 'withdraw-cancel';

type Asked = Extract<SaveOutcome, { unreported: 'ask' }>;

/** How a form is read and where its Try again button leads (by default: a fresh form of the same kind). */
export interface SubmitOptions {
  read?: () => Record<string, string | undefined>;
  retry?: { action: string; ttlMs: number; reusable?: boolean };
}

/**
 * What happens after a key form is sent: defer privately (validation talks to an exchange), show
 * progress by editing the reply, then one result card — or the verdict with a Try again button that
 * opens a fresh form, or, where the exchange does not report withdrawals, the question whether they
 * are off. The service stores nothing unless validation passed (and the question was answered yes).
 */
export async function submitKeyForm(
  interaction: ModalSubmitInteraction,
  ctx: AppContext,
  link: Link,
  entry: CatalogEntry,
  save: SaveAction,
  opts: SubmitOptions = {},
): Promise<void> {
  const account = String(link.target.account);
  const typed = opts.read ? opts.read() : readKeyForm(interaction, entry);
  await deferPrivately(interaction);
  const progress = new ProgressEdits((content) => interaction.editReply(privateEdit({ content })));
  progress.show(progressText('clock', entry.name));
  let outcome: SaveOutcome;
  try {
    outcome = await save(typed, (step) => progress.show(progressText(step, entry.name)));
  } finally {
    await progress.finish();
  }
  if (outcome.ok) {
    await interaction.editReply(privateEdit({ content: '', components: [], embeds: savedCard(entry, account, link, outcome) }));
    return;
  }
  if (outcome.unreported === 'ask') {
    await interaction.editReply(privateEdit({ content: '', ...(await withdrawQuestion(ctx, link, entry, account, outcome)) }));
    return;
  }
  const { action, ttlMs, reusable } = opts.retry ?? { action: 'retry', ttlMs: FORM_TTL_MS };
  const retry = await ctx.links.create(
    {
      userId: interaction.user.id,
      command: link.command,
      action,
      target: link.target,
      dm: link.dm,
      reusable,
      guildId: link.guildId ?? interaction.guildId ?? undefined,
    },
    ttlMs,
  );
  const verdict = outcome.unreported === 'refused' ? unreportedWithdrawRefusal(entry.name) : outcome.result.verdict!;
  await interaction.editReply(
    privateEdit({
      content: '',
      embeds: renderRefused({ exchangeName: entry.name, account, verdict }),
      components: [
        new ActionRowBuilder<ButtonBuilder>().addComponents(new ButtonBuilder().setCustomId(retry).setLabel('Try again').setStyle(ButtonStyle.Primary)),
      ],
    }),
  );
}

/**
 * The answer to the withdrawal question. Its links are one-time and the owner's alone (the router
 * checked); the key waiting for the answer is used up by the first answer, whichever it is.
 */
export async function answerWithdrawQuestion(interaction: ButtonInteraction, ctx: AppContext, link: Link): Promise<void> {
  const entry = ctx.catalog.entry(String(link.target.exchange));
  const account = String(link.target.account);
  const pendingId = String(link.target.pending);
  if (link.action === WITHDRAW_CANCEL) {
    const declined = await ctx.keys.declineWithdrawConfirmation(interaction.user.id, pendingId);
    await interaction.update(privateEdit({ content: declinedText(entry.name, account, declined.keyHint), embeds: [], components: [] }));
    return;
  }
  await interaction.deferUpdate(); // storing fetches a balance preview from the exchange
  const saved = await ctx.keys.confirmWithdrawOff(interaction.user.id, pendingId);
  await interaction.editReply(privateEdit({ content: '', components: [], embeds: savedCard(entry, account, link, saved) }));
}

function savedCard(entry: CatalogEntry, account: string, link: Link, outcome: Saved) {
  const purpose = link.target.purpose as FormPurpose;
  const action = purpose === 'rotate' ? 'rotate' : purpose === 'replace' ? 'replace' : 'connect';
  return renderSaved({ exchangeName: entry.name, account, action, outcome, previousHint: outcome.previousHint });
}

/** The question card with its two buttons, bound to the waiting key and expiring with it. */
async function withdrawQuestion(ctx: AppContext, link: Link, entry: CatalogEntry, account: string, outcome: Asked) {
  const ttl = Math.max(1_000, outcome.expiresAt - ctx.clock.now());
  const target = { ...link.target, pending: outcome.pendingId };
  const button = (action: string) => ctx.links.create({ userId: link.userId, command: link.command, action, target, dm: link.dm }, ttl);
  const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
    new ButtonBuilder()
      .setCustomId(await button(WITHDRAW_OFF))
      .setLabel('Withdrawals are off — store it')
      .setStyle(ButtonStyle.Success),
    new ButtonBuilder()
      .setCustomId(await button(WITHDRAW_CANCEL))
      .setLabel('Cancel')
      .setStyle(ButtonStyle.Secondary),
  );
  return {
    embeds: renderWithdrawQuestion({
      exchangeName: entry.name,
      account,
      keyHint: outcome.keyHint,
      result: outcome.result,
      walletBased: Boolean(entry.walletBased),
      expiresAt: outcome.expiresAt,
    }),
    components: [row],
  };
}
