import { REST, Routes } from 'discord.js';
import type { Command } from './command.js';

export interface DeployOptions {
  token: string;
  applicationId: string;
  apiUrl?: string;
  /** guild-scoped commands update instantly; global ones can take up to an hour */
  guildIds: readonly string[];
  global: boolean;
}

/** Registers every command: in each allowed server (instant), or globally when asked to. */
export async function deployCommands(commands: ReadonlyMap<string, Command>, opts: DeployOptions): Promise<string[]> {
  const rest = new REST(opts.apiUrl ? { api: opts.apiUrl } : {}).setToken(opts.token);
  const body = [...commands.values()].map((c) => c.data.toJSON());
  if (opts.global) {
    await rest.put(Routes.applicationCommands(opts.applicationId), { body });
    return ['global'];
  }
  for (const guildId of opts.guildIds) await rest.put(Routes.applicationGuildCommands(opts.applicationId, guildId), { body });
  return [...opts.guildIds];
}
