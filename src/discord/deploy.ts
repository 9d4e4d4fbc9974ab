import { DiscordAPIError, OAuth2Scopes, PermissionFlagsBits, REST, Routes } from 'discord.js';
import { AppError } from '../errors.js';
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
  const put = (route: `/${string}`, guild?: string) =>
    rest.put(route, { body }).catch((err: unknown) => {
      throw deployFailure(err, opts.applicationId, guild);
    });
  if (opts.global) {
    await put(Routes.applicationCommands(opts.applicationId));
    return ['global'];
  }
  for (const guildId of opts.guildIds) await put(Routes.applicationGuildCommands(opts.applicationId, guildId), guildId);
  return [...opts.guildIds];
}

/** What Keyward needs in a server: slash commands, plus posting in REMINDER_CHANNEL_ID when one is set. */
const INVITE_PERMISSIONS = PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages;

/** The link that adds the bot to a server with the scopes and permissions it needs. */
export function inviteUrl(applicationId: string): string {
  const query = new URLSearchParams({
    client_id: applicationId,
    scope: [OAuth2Scopes.Bot, OAuth2Scopes.ApplicationsCommands].join(' '),
    permissions: String(INVITE_PERMISSIONS),
  });
  return `https://discord.com/oauth2/authorize?${query.toString()}`;
}

/** Discord's answer as the operator's fix: no network, a refused token (401), a server without the bot (50001). */
function deployFailure(err: unknown, applicationId: string, guild?: string): unknown {
  if (err instanceof DiscordAPIError) {
    if (err.status === 401) return new AppError('DISCORD_TOKEN_REFUSED', undefined, { cause: err });
    // https://discord.com/developers/docs/topics/opcodes-and-status-codes#json — 50001 Missing access
    if (err.code === 50001) return new AppError('DISCORD_MISSING_ACCESS', { guild: guild ?? 'global', invite: inviteUrl(applicationId) }, { cause: err });
    return err;
  }
  const code = (err as { cause?: { code?: unknown } })?.cause?.code ?? (err as { code?: unknown })?.code;
  if (typeof code === 'string' && /^(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|ECONNRESET|EHOSTUNREACH|ENETUNREACH|UND_ERR_\w+)$/.test(code)) {
    return new AppError('DISCORD_UNREACHABLE', { reason: code }, { cause: err });
  }
  return err;
}
