import { Client, disableValidators, Events, GatewayIntentBits, type Interaction } from 'discord.js';
import { AppError } from '../errors.js';
import type { Logger } from '../log.js';
import { NO_MENTIONS } from './replies.js';

export interface BotOptions {
  token: string;
  /** REST base URL (a shared REST proxy or a test fake); Discord's own when absent */
  apiUrl?: string;
  onInteraction: (interaction: Interaction) => Promise<void>;
  log: Logger;
  /** discord.js sharding: 'auto' lets Discord recommend the count (needed from 2,500 servers) */
  shards?: 'auto' | number[];
  shardCount?: number;
  /** how long to wait for the gateway once the token is accepted */
  readyTimeoutMs?: number;
}

/** The ready client as the rest of the bot holds it, so that only src/discord names discord.js. */
export type BotClient = Client<true>;

/**
 * The discord.js client with the least it needs: the Guilds intent (slash commands and DMs need no
 * privileged intent), no mentions by default, and every interaction handed to the router.
 */
export async function startBot(opts: BotOptions): Promise<Client<true>> {
  // the builders re-validate every form and embed at runtime, a large share of answering a burst;
  // the shapes are checked once, by the registry and end-to-end tests against Discord's limits
  disableValidators();
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    allowedMentions: NO_MENTIONS,
    rest: opts.apiUrl ? { api: opts.apiUrl } : {},
    ...(opts.shards ? { shards: opts.shards } : {}),
    ...(opts.shardCount ? { shardCount: opts.shardCount } : {}),
  });
  client.on(Events.InteractionCreate, (interaction) => void opts.onInteraction(interaction));
  client.on(Events.Error, (err) => opts.log.error({ err }, 'discord client error'));
  client.on(Events.ShardDisconnect, (_event, shard) => opts.log.warn({ shard }, 'gateway disconnected; discord.js reconnects'));
  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  const loggedIn = client.login(opts.token).then(
    () => ready,
    (err: unknown) => {
      throw new AppError(
        'DISCORD_LOGIN_FAILED',
        { reason: err instanceof Error ? err.message.replace(opts.token, '[token]') : 'unknown reason' },
        { cause: err },
      );
    },
  );
  // discord.js retries an unreachable gateway forever, silently: give up with a message instead
  const waitMs = opts.readyTimeoutMs ?? 120_000;
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new AppError('DISCORD_GATEWAY_TIMEOUT', { seconds: Math.round(waitMs / 1000) })), waitMs);
  });
  try {
    await Promise.race([loggedIn, timedOut]);
  } catch (err) {
    loggedIn.catch(() => undefined);
    await client.destroy().catch(() => undefined);
    throw err;
  } finally {
    clearTimeout(timer);
  }
  opts.log.info({ guilds: client.guilds.cache.size, shards: client.ws.shards.size }, 'connected to Discord');
  return client as Client<true>;
}

/** A bot's application id is its user id, which the token's first part encodes. */
export function applicationIdFromToken(token: string): string | undefined {
  const first = token.split('.')[0];
  if (!first) return undefined;
  const decoded = Buffer.from(first, 'base64').toString('utf8');
  return /^\d{17,20}$/.test(decoded) ? decoded : undefined;
}
