import { InteractionContextType, type Interaction } from 'discord.js';
import { AppError } from '../errors.js';

export interface AccessPolicy {
  allowedGuildIds: ReadonlySet<string>;
  requiredRoleId?: string;
}

/** Where an interaction may proceed: in an allowed server, or in the bot's own DM (links decide what there). */
export type Place = 'guild' | 'dm';

/**
 * Checked before anything else, including before any form opens: the allowed servers, the
 * required role, and no user-installed contexts (Keyward is installed in a server, not by users).
 */
export function checkAccess(interaction: Interaction, policy: AccessPolicy): Place {
  const owners = interaction.authorizingIntegrationOwners as unknown as Record<string, string | undefined> | null | undefined;
  const userInstalledOnly = owners !== null && owners !== undefined && owners['0'] === undefined && owners['1'] !== undefined;
  if (interaction.context === InteractionContextType.PrivateChannel || userInstalledOnly) throw new AppError('CONTEXT_NOT_ALLOWED');
  if (!interaction.guildId) return 'dm';
  if (!policy.allowedGuildIds.has(interaction.guildId)) throw new AppError('GUILD_NOT_ALLOWED');
  if (policy.requiredRoleId && !memberRoles(interaction).includes(policy.requiredRoleId)) throw new AppError('ROLE_REQUIRED');
  return 'guild';
}

function memberRoles(interaction: Interaction): string[] {
  const roles = interaction.member?.roles;
  if (!roles) return [];
  if (Array.isArray(roles)) return roles;
  return [...roles.cache.keys()];
}
