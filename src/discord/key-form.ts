import type { ButtonInteraction, ChatInputCommandInteraction, ModalSubmitInteraction } from 'discord.js';
import { LabelBuilder, ModalBuilder, TextDisplayBuilder, TextInputBuilder, TextInputStyle } from 'discord.js';
import { addressList, type CatalogEntry } from '../exchanges/index.js';
import type { AppContext } from './context.js';
import { FORM_TTL_MS } from './links.js';

export type FormPurpose = 'connect' | 'replace' | 'rotate';

const TITLE_MAX = 45;
const TRADING_NOTE = '**Read + Trade only — never enable withdrawals.** The secret is visible on your screen as you type; nobody else sees this form.';
const WALLET_NOTE = "**Use an API (agent) wallet that cannot withdraw — never your main wallet's private key.** What you type is visible on your screen only.";

/** Which key a form (or the choice before it) is for, and which command its answer goes back to. */
export interface KeyEntryTarget {
  entry: CatalogEntry;
  account: string;
  purpose: FormPurpose;
  command: string;
  /** opened from a DM reminder */
  dm?: boolean;
}

/**
 * The private form a key is typed into: a short safety note and one box per credential the
 * exchange requires, labelled from the catalog. Bound to the user, exchange and account by a
 * one-time id that expires in 15 minutes.
 */
export async function showKeyForm(interaction: ChatInputCommandInteraction | ButtonInteraction, ctx: AppContext, target: KeyEntryTarget): Promise<void> {
  const { entry, account, purpose, command, dm = false } = target;
  // the form goes out while its one-time id is being stored: Discord's 3 s clock is running
  const { customId, written } = ctx.links.start(
    { userId: interaction.user.id, command, action: 'submit', target: { exchange: entry.id, account, purpose }, dm },
    FORM_TTL_MS,
  );
  const shown = interaction.showModal(keyForm(customId, entry, account, purpose, ctx.settings?.publicIps));
  await Promise.all([shown, written]);
}

/** The form itself, for a one-time id already made. */
export function keyForm(customId: string, entry: CatalogEntry, account: string, purpose: FormPurpose, publicIps: readonly string[] = []): ModalBuilder {
  const verb = purpose === 'rotate' ? 'New key' : purpose === 'replace' ? 'Replace' : 'Connect';
  const modal = new ModalBuilder().setCustomId(customId).setTitle(truncate(`${verb} · ${entry.name} · ${account}`, TITLE_MAX));
  modal.addTextDisplayComponents(new TextDisplayBuilder().setContent(entry.walletBased ? WALLET_NOTE : `${TRADING_NOTE}${whitelistNote(publicIps)}`));
  for (const field of entry.fields) {
    const input = new TextInputBuilder()
      .setCustomId(field.key)
      .setStyle(field.multiline ? TextInputStyle.Paragraph : TextInputStyle.Short)
      .setRequired(true)
      .setMaxLength(Math.min(field.maxLength, 4000));
    if (field.placeholder) input.setPlaceholder(truncate(field.placeholder, 100));
    modal.addLabelComponents(new LabelBuilder().setLabel(truncate(field.label, 45)).setDescription(truncate(field.hint, 100)).setTextInputComponent(input));
  }
  return modal;
}

/** The addresses to bind the key to, where the operator listed them. */
function whitelistNote(publicIps: readonly string[]): string {
  return publicIps.length === 0 ? '' : `\nBind the key to Keyward's ${publicIps.length === 1 ? 'address' : 'addresses'}: ${addressList(publicIps)}.`;
}

/** What the user typed, by credential name; values go straight to normalisation and are never logged. */
export function readKeyForm(interaction: ModalSubmitInteraction, entry: CatalogEntry): Record<string, string | undefined> {
  const typed: Record<string, string | undefined> = {};
  for (const field of entry.fields) {
    try {
      typed[field.key] = interaction.fields.getTextInputValue(field.key);
    } catch {
      typed[field.key] = undefined; // a forged submit without this box: normalisation names it as empty
    }
  }
  return typed;
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
