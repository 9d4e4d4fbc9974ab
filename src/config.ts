import { existsSync } from 'node:fs';
import { isIP } from 'node:net';
import { z } from 'zod';
import { AppError } from './errors.js';
import { ccxtExchangeIds } from './exchanges/exchange-ids.js';
import { REMINDER_DAYS } from './reminders/reminder-days.js';

const snowflake = z.string().regex(/^\d{17,20}$/, 'must be a Discord id (17 to 20 digits)');
const bool = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
    .default(fallback ? 'true' : 'false')
    .transform((v) => v === 'true' || v === '1' || v === 'yes');
const int = (fallback: number, min: number, max: number) =>
  z.coerce
    .number({ message: 'must be a whole number' })
    .int('must be a whole number')
    .min(min, `must be at least ${min}`)
    .max(max, `must be at most ${max}`)
    .default(fallback);
/** A comma-separated setting as its trimmed, non-empty items. */
const commaSeparated = z
  .string()
  .default('')
  .transform((s) =>
    s
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean),
  );
const idList = commaSeparated.pipe(z.array(snowflake));
/** Keyward's public addresses, comma-separated: each must be an IPv4 or IPv6 address (CIDR ranges are not addresses). */
const ipList = commaSeparated.pipe(z.array(z.string().refine((ip) => isIP(ip) !== 0, 'must be IPv4 or IPv6 addresses, comma-separated')));
const httpUrl = z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' });
const STORE_URL_FORMS = 'must be sqlite://<path relative to the working directory>, sqlite:///<absolute path>, redis://host:port/db or postgres://user@host/db';
/** Strict: `sqlite:data/x` or a bare `sqlite:` would otherwise open a new, empty store somewhere else. */
function isStoreUrl(url: string): boolean {
  if (/^sqlite:/i.test(url)) return /^sqlite:\/\/[^/]/i.test(url) || /^sqlite:\/\/\/./i.test(url);
  if (!/^(rediss?|postgres(ql)?):\/\//i.test(url)) return false;
  try {
    return new URL(url).hostname !== '';
  } catch {
    return false;
  }
}

const overrides = z
  .string()
  .default('{}')
  .transform((s, ctx) => {
    try {
      return JSON.parse(s) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'must be a JSON object of exchange id → base URL' });
      return z.NEVER;
    }
  })
  .pipe(z.record(z.string().regex(/^[a-z0-9]+$/, 'keys must be ccxt exchange ids'), httpUrl));

/**
 * The environment, in the order .env.example documents it. Every variable has a default that works
 * except the Discord ones, which only the bot itself needs (the keyring tool runs without them).
 */
const schema = z.object({
  DISCORD_TOKEN: z.string().trim().optional(),
  DISCORD_APPLICATION_ID: snowflake.optional(),
  ALLOWED_GUILD_IDS: idList,
  REQUIRED_ROLE_ID: snowflake.optional(),
  DISCORD_API_URL: httpUrl.optional(),
  DISCORD_READY_TIMEOUT_SECONDS: int(120, 5, 3_600),
  STORE_URL: z.string().default('sqlite://data/keyward.sqlite').refine(isStoreUrl, STORE_URL_FORMS),
  KEYRING_FILE: z.string().min(1).default('secrets/keyring.json'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ALLOW_WITHDRAW_KEYS: bool(false),
  UNVERIFIED_WITHDRAW: z.enum(['confirm', 'refuse', 'allow'], { message: 'must be confirm, refuse or allow' }).default('confirm'),
  VALIDATION_TIMEOUT_MS: int(30_000, 1_000, 300_000),
  EXCHANGE_API_OVERRIDES: overrides,
  EXCHANGE_SANDBOX: z
    .string()
    .default('')
    .transform((s) =>
      s
        .split(',')
        .map((x) => x.trim().toLowerCase())
        .filter(Boolean),
    ),
  EXCHANGE_CONCURRENCY: int(4, 1, 64),
  PUBLIC_IPS: ipList,
  VALIDATIONS_PER_WINDOW: int(5, 1, 1_000),
  VALIDATION_WINDOW_MINUTES: int(10, 1, 1_440),
  MAX_ACCOUNTS_PER_USER: int(20, 1, 200),
  ROTATION_DAYS: int(90, REMINDER_DAYS.min, REMINDER_DAYS.max),
  REMINDER_CHANNEL_ID: snowflake.optional(),
  HEALTH_CHECK_HOURS: int(24, 1, 24 * 30),
  DM_PER_SECOND: int(5, 1, 50),
  SCHEDULER_TICK_SECONDS: int(30, 1, 3_600),
  HEALTH_PORT: int(0, 0, 65_535),
  KEYWARD_SHARD_COUNT: int(0, 0, 10_000),
  KEYWARD_SHARD_IDS: commaSeparated.pipe(z.array(z.string().regex(/^\d{1,5}$/, 'must be shard numbers, comma-separated'))).transform((ids) => ids.map(Number)),
});

export type Config = z.output<typeof schema>;
/** Every variable Keyward reads, in order (.env.example lists them the same way). */
export const CONFIG_VARIABLES = Object.keys(schema.shape);
/** The config of a running bot, whose Discord settings are known to be present. */
export type BotConfig = Config & { DISCORD_TOKEN: string };

const HINTS: Record<string, string> = {
  DISCORD_TOKEN: 'the bot token from the Discord developer portal (Bot → Reset Token)',
  ALLOWED_GUILD_IDS: 'the id(s) of the server(s) Keyward serves, comma-separated (Developer Mode → right-click the server → Copy Server ID)',
};

// discord.js reads these from process.env itself and crashes on values it cannot use (an empty or
// zero SHARD_COUNT): Keyward's own settings carry a prefix, and the bare names are refused.
const READ_BY_DISCORD_JS = { SHARD_COUNT: 'KEYWARD_SHARD_COUNT', SHARDS: 'KEYWARD_SHARD_IDS', SHARD_IDS: 'KEYWARD_SHARD_IDS' } as const;

/** Like loadConfig, and also checks exchange names against ccxt's list (loading ccxt only when some are named). */
export async function loadCheckedConfig(env: NodeJS.ProcessEnv, purpose?: 'bot'): Promise<BotConfig>;
export async function loadCheckedConfig(env: NodeJS.ProcessEnv, purpose: 'tool' | 'bot'): Promise<Config>;
export async function loadCheckedConfig(env: NodeJS.ProcessEnv, purpose: 'bot' | 'tool' = 'bot'): Promise<Config> {
  const named = Boolean(env.EXCHANGE_SANDBOX?.trim()) || !['', '{}', undefined].includes(env.EXCHANGE_API_OVERRIDES?.trim());
  const ids = named ? await ccxtExchangeIds() : undefined;
  return purpose === 'bot' ? loadConfig(env, 'bot', ids) : loadConfig(env, 'tool', ids);
}

/** Exchange names a setting uses that ccxt does not know, as "entry N" (values are never echoed). */
function unknownExchanges(config: Pick<Config, 'EXCHANGE_SANDBOX' | 'EXCHANGE_API_OVERRIDES'>, known: ReadonlySet<string>): string[] {
  const check = (name: string, ids: string[]) => {
    const bad = ids.map((id, i) => (known.has(id) ? 0 : i + 1)).filter(Boolean);
    return bad.length > 0
      ? [`- ${name}: entry ${bad.join(', ')} is not an exchange id ccxt knows (ids are lower-case, e.g. binance, okx; /exchanges lists them)`]
      : [];
  };
  return [...check('EXCHANGE_SANDBOX', config.EXCHANGE_SANDBOX), ...check('EXCHANGE_API_OVERRIDES', Object.keys(config.EXCHANGE_API_OVERRIDES))];
}

/**
 * Parses the environment; every problem is reported at once, values are never echoed. For the bot
 * (the default) the Discord settings must be present, and the type says so.
 */
export function loadConfig(env: NodeJS.ProcessEnv, purpose?: 'bot', exchangeIds?: readonly string[]): BotConfig;
export function loadConfig(env: NodeJS.ProcessEnv, purpose: 'tool' | 'bot', exchangeIds?: readonly string[]): Config;
export function loadConfig(env: NodeJS.ProcessEnv, purpose: 'bot' | 'tool' = 'bot', exchangeIds?: readonly string[]): Config {
  const clean = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(clean);
  const problems: string[] = parsed.success ? [] : parsed.error.issues.map((i) => `- ${i.path.join('.') || '(environment)'}: ${i.message}`);
  for (const [name, ours] of Object.entries(READ_BY_DISCORD_JS)) {
    if (name in env) problems.push(`- ${name} is read by discord.js itself and breaks the connection: remove it (Keyward's setting is ${ours})`);
  }
  const named = schema.pick({ EXCHANGE_SANDBOX: true, EXCHANGE_API_OVERRIDES: true }).safeParse(clean);
  if (named.success && exchangeIds) problems.push(...unknownExchanges(named.data, new Set(exchangeIds)));
  if (purpose === 'bot') {
    const missing = (['DISCORD_TOKEN', 'ALLOWED_GUILD_IDS'] as const).filter((name) => !clean[name]?.trim());
    problems.unshift(...missing.map((name) => `- ${name} is missing: ${HINTS[name]}`));
  }
  if (problems.length > 0 || !parsed.success) {
    throw new AppError('CONFIG_INVALID', { problems: `${problems.join('\n')}\nSee .env.example for every setting.` });
  }
  const { DISCORD_TOKEN: token } = parsed.data;
  // a bot config always carries its token: a missing one was reported above
  return purpose === 'bot' && token ? ({ ...parsed.data, DISCORD_TOKEN: token } satisfies BotConfig) : parsed.data;
}

/** Reads ./.env when present, without overriding variables already set. */
export function loadDotEnv(file = '.env'): void {
  if (existsSync(file)) process.loadEnvFile(file);
}
