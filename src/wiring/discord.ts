import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import type { Bot, BotOptions } from '../discord/bot.js';
import { CommandMentions } from '../discord/command-mentions.js';
import type { CatalogPort } from '../discord/context.js';
import { DiscordDms } from '../discord/dm.js';
import { Links } from '../discord/links.js';
import { GuildMembers } from '../discord/members.js';
import type { Logger } from '../log.js';
import type { Store } from '../store/index.js';

/** The client's settings: where Discord's API is, and which shards this process runs. */
export function botOptions(config: Config): BotOptions {
  const shards =
    config.KEYWARD_SHARD_COUNT > 0
      ? {
          shardCount: config.KEYWARD_SHARD_COUNT,
          shards: config.KEYWARD_SHARD_IDS.length > 0 ? config.KEYWARD_SHARD_IDS : [...Array(config.KEYWARD_SHARD_COUNT).keys()],
        }
      : { shards: 'auto' as const };
  return { apiUrl: config.DISCORD_API_URL, ...shards };
}

/**
 * What talks to Discord besides the router: one-time links, DMs, member lookups and command
 * mentions. DMs and lookups use the client's REST client, which sends once the client is connected.
 */
export function buildDiscord(config: Config, bot: Bot, deps: { store: Store; catalog: CatalogPort; clock: Clock; log: Logger }) {
  const { store, catalog, clock, log } = deps;
  const links = new Links(store.coordination);
  const access = { allowedGuildIds: new Set(config.ALLOWED_GUILD_IDS), requiredRoleId: config.REQUIRED_ROLE_ID };
  return {
    links,
    access,
    dms: new DiscordDms(bot.rest, links, catalog, log, clock, config.REMINDER_CHANNEL_ID),
    members: new GuildMembers(bot.rest, access, clock),
    mentions: new CommandMentions(),
  };
}

export type DiscordParts = ReturnType<typeof buildDiscord>;
