import type { AutocompleteInteraction } from 'discord.js';
import { AppError } from '../errors.js';
import { isKeyAddress } from '../store/index.js';
import type { AppContext } from './context.js';

/**
 * "binance/main" → its parts. Users can type any value instead of picking a suggestion, so one that
 * could not name a stored key is refused here, before the store is asked.
 */
export function parseKeyChoice(value: string): { exchange: string; account: string } {
  const [exchange, account, ...rest] = value.trim().toLowerCase().split('/');
  if (!exchange || !account || rest.length > 0 || !isKeyAddress(exchange, account)) throw new AppError('KEY_CHOICE_UNKNOWN');
  return { exchange, account };
}

/** Autocomplete over the user's own keys: "Binance · main (…ABCD)" → "binance/main". */
export async function suggestOwnKeys(interaction: AutocompleteInteraction, ctx: AppContext): Promise<void> {
  const typed = interaction.options.getFocused().toLowerCase();
  const keys = await ctx.keys.list(interaction.user.id);
  const choices = keys
    .map(({ record }) => ({
      name: `${ctx.catalog.entry(record.exchange).name} · ${record.account} (…${record.keyHint})`,
      value: `${record.exchange}/${record.account}`,
    }))
    .filter((c) => c.value.includes(typed) || c.name.toLowerCase().includes(typed))
    .slice(0, 25);
  await interaction.respond(choices);
}

/** Autocomplete over the exchanges the user has keys on. */
export async function suggestOwnExchanges(interaction: AutocompleteInteraction, ctx: AppContext): Promise<void> {
  const typed = interaction.options.getFocused().toLowerCase();
  const keys = await ctx.keys.list(interaction.user.id);
  const ids = [...new Set(keys.map((k) => k.record.exchange))].filter((id) => id.includes(typed) || ctx.catalog.entry(id).name.toLowerCase().includes(typed));
  await interaction.respond(ids.slice(0, 25).map((id) => ({ name: ctx.catalog.entry(id).name, value: id })));
}
