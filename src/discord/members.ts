import { DiscordAPIError, RESTJSONErrorCodes, Routes, type REST } from 'discord.js';
import { MINUTE, type Clock } from '../clock.js';
import { AppError } from '../errors.js';
import type { Standing } from '../reminders/ports.js';
import type { AccessPolicy } from './access.js';

/** How long one member lookup answers for a user: long enough to spare Discord, short enough that leaving counts. */
export const MEMBER_CACHE_MS = MINUTE;

/**
 * Whether a user may still use Keyward outside the server (DM buttons, reminders, health checks):
 * a member of an allowed server holding the required role, if one is set. Asked through Discord's
 * Get Guild Member (https://discord.com/developers/docs/resources/guild#get-guild-member; 404 with
 * 10007 Unknown Member for a non-member), the servers recorded with the user's keys or link first,
 * and cached briefly per user.
 */
export class GuildMembers {
  private readonly cache = new Map<string, { standing: Standing; until: number }>();

  constructor(
    private readonly rest: () => REST,
    private readonly policy: AccessPolicy,
    private readonly clock: Clock,
  ) {}

  /** 'member', 'gone' (in no allowed server) or 'no_role'; throws when Discord could not be asked. */
  async standing(userId: string, guildHints: ReadonlyArray<string | undefined> = []): Promise<Standing> {
    const now = this.clock.now();
    const cached = this.cache.get(userId);
    if (cached && cached.until > now) return cached.standing;
    const standing = await this.lookUp(userId, guildHints);
    if (this.cache.size > 10_000) this.cache.clear(); // a bound, not an eviction policy: entries live a minute
    this.cache.set(userId, { standing, until: now + MEMBER_CACHE_MS });
    return standing;
  }

  /** Refuses a DM interaction from someone who is no longer an allowed member. */
  async requireInDm(userId: string, guildHint?: string): Promise<void> {
    let standing: Standing;
    try {
      standing = await this.standing(userId, [guildHint]);
    } catch (err) {
      throw new AppError('MEMBERSHIP_UNCHECKED', undefined, { cause: err });
    }
    if (standing === 'gone') throw new AppError('NOT_A_MEMBER');
    if (standing === 'no_role') throw new AppError('ROLE_REQUIRED_IN_DM');
  }

  private async lookUp(userId: string, guildHints: ReadonlyArray<string | undefined>): Promise<Standing> {
    const allowed = this.policy.allowedGuildIds;
    const order = [...new Set([...guildHints.filter((g): g is string => g !== undefined && allowed.has(g)), ...allowed])];
    let found: Standing = 'gone';
    for (const guildId of order) {
      const roles = await this.memberRoles(guildId, userId);
      if (!roles) continue;
      if (!this.policy.requiredRoleId || roles.includes(this.policy.requiredRoleId)) return 'member';
      found = 'no_role';
    }
    return found;
  }

  /** The member's role ids, or undefined when they are not in that guild (or the bot no longer is). */
  private async memberRoles(guildId: string, userId: string): Promise<string[] | undefined> {
    try {
      const member = (await this.rest().get(Routes.guildMember(guildId, userId))) as { roles?: unknown };
      return Array.isArray(member.roles) ? member.roles.filter((r): r is string => typeof r === 'string') : [];
    } catch (err) {
      if (err instanceof DiscordAPIError && (err.code === RESTJSONErrorCodes.UnknownMember || err.code === RESTJSONErrorCodes.UnknownGuild)) return undefined;
      throw err;
    }
  }
}
