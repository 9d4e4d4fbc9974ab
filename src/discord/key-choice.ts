import type { AutocompleteInteraction } from 'discord.js';
import { keyChoiceValue } from '../keys/key-lookup.js';
import { listKeys } from '../keys/views.js';
import type { AppContext } from './context.js';

/** Autocomplete over the user's own keys: "Binance · main (…ABCD)" → "binance/main". */
export async function suggestOwnKeys(interaction: AutocompleteInteraction, ctx: AppContext): Promise<void> {
  const typed = interaction.options.getFocused().toLowerCase();
  const keys = await listKeys(ctx.keys, interaction.user.id);
  const choices = keys
    .map((k) => ({ name: `${ctx.catalog.entry(k.exchange).name} · ${k.account} (…${k.keyHint})`, value: keyChoiceValue(k) }))
    .filter((c) => c.value.includes(typed) || c.name.toLowerCase().includes(typed))
    .slice(0, 25);
  await interaction.respond(choices);
}

/** Autocomplete over the exchanges the user has keys on. */
export async function suggestOwnExchanges(interaction: AutocompleteInteraction, ctx: AppContext): Promise<void> {
  const typed = interaction.options.getFocused().toLowerCase();
  const keys = await listKeys(ctx.keys, interaction.user.id);
  const ids = [...new Set(keys.map((k) => k.exchange))].filter((id) => id.includes(typed) || ctx.catalog.entry(id).name.toLowerCase().includes(typed));
  await interaction.respond(ids.slice(0, 25).map((id) => ({ name: ctx.catalog.entry(id).name, value: id })));
}
