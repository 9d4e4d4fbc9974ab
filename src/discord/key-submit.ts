import { ActionRowBuilder, ButtonBuilder, ButtonStyle, type ModalSubmitInteraction } from 'discord.js';
import type { CatalogEntry, ValidationStep } from '../exchanges/index.js';
import type { SaveOutcome } from '../keys/key-service.js';
import type { AppContext } from './context.js';
import { readKeyForm, type FormPurpose } from './key-form.js';
import { FORM_TTL_MS, type Link } from './links.js';
import { ProgressEdits } from './progress-edits.js';
import { progressText, renderRefused, renderSaved } from './render/validation.js';
import { deferPrivately, privateEdit } from './replies.js';

export type SaveAction = (typed: Record<string, string | undefined>, onProgress: (step: ValidationStep) => void) => Promise<SaveOutcome>;

/**
 * What happens after a key form is sent: defer privately (validation talks to an exchange), show
 * progress by editing the reply, then one result card — or the verdict with a Try again button that
 * opens a fresh form. The service stores nothing unless validation passed.
 */
export async function submitKeyForm(
  interaction: ModalSubmitInteraction, ctx: AppContext, link: Link, entry: CatalogEntry, save: SaveAction,
): Promise<void> {
  const account = String(link.target.account);
  const purpose = link.target.purpose as FormPurpose;
  const typed = readKeyForm(interaction, entry);
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
    const action = purpose === 'rotate' ? 'rotate' : purpose === 'replace' ? 'replace' : 'connect';
    await interaction.editReply(privateEdit({
      content: '', components: [],
      embeds: renderSaved({ exchangeName: entry.name, account, action, outcome, previousHint: outcome.previousHint }),
    }));
    return;
  }
  const retry = await ctx.links.create(
    { userId: interaction.user.id, command: link.command, action: 'retry', target: link.target, dm: link.dm }, FORM_TTL_MS,
  );
  await interaction.editReply(privateEdit({
    content: '',
    embeds: renderRefused({ exchangeName: entry.name, account, verdict: outcome.result.verdict! }),
    components: [new ActionRowBuilder<ButtonBuilder>().addComponents(new ButtonBuilder().setCustomId(retry).setLabel('Try again').setStyle(ButtonStyle.Primary))],
  }));
}
