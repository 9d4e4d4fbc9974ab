/**
 * The one catalogue of errors Keyward reports. Each entry has a stable code (grep for it) and a
 * message that is safe to show a user or print in a log: messages never include a secret, and take
 * only the parameters declared here. The original error is kept as `cause` for the logs.
 */

const catalogue = {
  // ── start-up and operations (shown to the operator) ──
  CONFIG_INVALID: (p: { problems: string }) => `Keyward cannot start: the configuration has problems.\n${p.problems}`,
  KEYRING_MISSING_WITH_DATA: (p: { path: string }) =>
    `The keyring file ${p.path} is missing, but the store already holds encrypted data. Restore the keyring from its backup; creating a new one would make every stored key unreadable.`,
  KEYRING_MALFORMED: (p: { path: string; reason: string }) => `The keyring file ${p.path} is not valid: ${p.reason}.`,
  KEYRING_PERMISSIONS: (p: { path: string; mode: string }) =>
    `The keyring file ${p.path} is readable by other users (mode ${p.mode}). Run: chmod 400 ${p.path}`,
  KEYRING_WRONG_KEY: (p: { version: number }) =>
    `Master key version ${p.version} in the keyring does not match the data in the store (canary check failed). Nothing was written. Check that the keyring and the store belong together.`,
  KEYRING_VERSION_UNKNOWN: (p: { version: number }) => `The keyring has no master key version ${p.version}.`,
  KEYRING_VERSION_IN_USE: (p: { version: number; count: number }) =>
    `Master key version ${p.version} still protects ${p.count} user key(s). Run "npm run keyring -- rotate" first.`,
  KEYRING_VERSION_RUNNING: (p: { version: number; processes: string }) =>
    `Master key version ${p.version} is still the one these running Keyward processes wrap new keys with: ${p.processes}. They pick up a rotation within seconds; if one does not, restart it, then retire again.`,
  KEYRING_VERSION_CURRENT: (p: { version: number }) => `Master key version ${p.version} is the current one and cannot be retired.`,
  KEYRING_BUSY: () => 'Another keyring operation is running on this store. Try again when it has finished.',
  DISCORD_LOGIN_FAILED: (p: { reason: string }) => `Keyward could not log in to Discord: ${p.reason}. Check DISCORD_TOKEN (and DISCORD_API_URL if set).`,
  KEYRING_NOT_CREATABLE: (p: { path: string; dir: string }) =>
    `The keyring file ${p.path} does not exist, and this user cannot create it: ${p.dir} is not a directory it can write to. Mount the existing keyring file at ${p.path} (or set KEYRING_FILE to where it is), or create one first with "npm run keyring -- init" where this user can write.`,
  DISCORD_GATEWAY_TIMEOUT: (p: { seconds: number }) =>
    `Discord accepted the token, but its gateway (a WebSocket connection) did not answer within ${p.seconds} s. Check that this machine may open outgoing WebSocket connections to gateway.discord.gg (firewall, proxy), then start again.`,
  DISCORD_UNREACHABLE: (p: { reason: string }) =>
    `Discord could not be reached (${p.reason}). Check this machine's network connection and DNS (and DISCORD_API_URL if set), then run it again.`,
  DISCORD_TOKEN_REFUSED: () =>
    'Discord refused the token (401 Unauthorized). Copy a new one from the developer portal (your application → Bot → Reset Token) into DISCORD_TOKEN.',
  DISCORD_MISSING_ACCESS: (p: { guild: string; invite: string }) =>
    `The bot cannot register commands in server ${p.guild} (Discord error 50001, Missing Access): it is not in that server, or was invited without the applications.commands scope. Invite it with ${p.invite} and run this again.`,
  HEALTH_PORT_IN_USE: (p: { port: number }) =>
    `HEALTH_PORT ${p.port} is already in use on 127.0.0.1. Stop what listens there, or set another HEALTH_PORT (0 turns the health endpoint off).`,
  STORE_OPEN_FAILED: (p: { store: string; reason: string; fix: string }) => `The store (${p.store}) could not be opened: ${p.reason}. ${p.fix}`,
  BACKUP_TARGET_UNUSABLE: (p: { dir: string; reason: string }) => `Cannot write a backup to ${p.dir}: ${p.reason}. Choose a writable directory.`,
  BACKUP_TARGET_NEXT_TO_KEYRING: (p: { dir: string; keyringDir: string }) =>
    `Refusing to write the backup to ${p.dir}: it is inside the keyring's directory ${p.keyringDir}, and whoever holds the data and the keyring together can decrypt every key. Choose a directory elsewhere.`,
  STORE_URL_UNSUPPORTED: (p: { scheme: string }) => `STORE_URL scheme "${p.scheme}" is not supported. Use sqlite://, redis:// or postgres://.`,
  RESTARTING: () => 'Keyward is restarting. Try again in a few seconds.',
  STORE_UNAVAILABLE: () => 'The key store is unreachable right now. Nothing was changed: please try again in a minute.',
  BUSY: () => 'Another change to your keys is still in progress. Try again in a few seconds.',
  BACKUP_DIR_UNSAFE: (p: { path: string; reason: string }) =>
    `No backup was written: ${p.reason} (${p.path}). Use a directory that belongs to you and that only you can write to.`,
  STORE_CORRUPT: (p: { what: string }) => `Stored data is damaged (${p.what}). It was left untouched; restore it from a backup or remove it.`,

  // ── things a user did or can fix (shown ephemerally) ──
  DECRYPT_FAILED: () =>
    'A stored key could not be decrypted. It may have been altered, or it was sealed by a retired master key. Remove it with /keys remove and connect it again.',
  INPUT_EMPTY: (p: { field: string }) => `${p.field} is empty.`,
  INPUT_TOO_LONG: (p: { field: string; max: number }) => `${p.field} is longer than ${p.max} characters.`,
  INPUT_WHITESPACE: (p: { field: string }) => `${p.field} contains spaces or line breaks inside it. Copy it again from the exchange, in one piece.`,
  INPUT_CONTROL: (p: { field: string }) => `${p.field} contains invisible or control characters. Copy it again from the exchange.`,
  INPUT_FORMAT: (p: { field: string; expected: string }) => `${p.field} does not look right: ${p.expected}.`,
  INPUT_SWAPPED: (p: { first: string; second: string }) => `${p.first} and ${p.second} look swapped. Paste each value into its own box.`,
  INPUT_MAIN_WALLET_KEY: (p: { field: string }) =>
    `${p.field} must be the private key of an API (agent) wallet that cannot withdraw, never your main wallet's key.`,
  ACCOUNT_NAME_INVALID: () => 'Account names are 1 to 32 letters, digits, dots, dashes or underscores.',
  EXCHANGE_UNKNOWN: (p: { query: string; suggestions: string }) =>
    p.suggestions ? `No exchange called "${p.query}". Did you mean: ${p.suggestions}?` : `No exchange called "${p.query}". Try /exchanges.`,
  EXCHANGE_UNSUPPORTED: (p: { exchange: string; reason: string }) => `${p.exchange} cannot be connected here: ${p.reason}`,
  ACCOUNT_NOT_FOUND: (p: { exchange: string; account: string }) => `You have no key for ${p.exchange} / ${p.account}. See /keys list.`,
  KEY_CHOICE_UNKNOWN: () => 'You have no such key. Pick one of yours from the suggestions as you type, or see /keys list.',
  FORGOTTEN_MEANWHILE: () => 'You asked Keyward to forget you while this key was being checked, so it was not stored.',
  KEY_CHANGED_MEANWHILE: (p: { exchange: string; account: string }) =>
    `Your ${p.exchange} / ${p.account} key was removed or replaced while this one was being checked, so nothing was stored. See /keys list.`,
  ACCOUNT_EXISTS: (p: { exchange: string; account: string }) => `You already have a key for ${p.exchange} / ${p.account}.`,
  ACCOUNT_LIMIT: (p: { max: number }) => `You already have ${p.max} keys connected, the most allowed. Remove one first with /keys remove.`,
  NOTHING_CONNECTED: () => 'You have no keys connected yet. Start with /connect.',
  VALIDATION_RATE_LIMITED: (p: { retryInSeconds: number }) =>
    `Too many key checks in a short time. Try again in ${Math.max(1, Math.ceil(p.retryInSeconds / 60))} minute(s).`,
  GUILD_NOT_ALLOWED: () => 'Keyward is not enabled in this server.',
  ROLE_REQUIRED: () => 'You need the Keyward role in this server to use this.',
  NOT_A_MEMBER: () =>
    'Keyward buttons in DMs work only for members of its server, and you are no longer one. Your keys are kept; rejoin the server to use them again.',
  ROLE_REQUIRED_IN_DM: () =>
    "Keyward buttons in DMs work only for members who hold the Keyward role, and you no longer do. Your keys are kept; ask the server's admins to restore the role.",
  MEMBERSHIP_UNCHECKED: () => 'Keyward could not check your server membership with Discord just now. Nothing was changed: try again in a minute.',
  CONTEXT_NOT_ALLOWED: () => 'Use Keyward from a command in its server. Only buttons Keyward sent you work in DMs.',
  COMMAND_UNKNOWN: () => 'This command is not available any more. Ask the server operator to run "npm run deploy-commands".',
  LINK_INVALID: () => 'This button or form is not valid. Run the command again.',
  LINK_EXPIRED: () => 'This button or form has expired or was already used. Run the command again.',
  CONFIRMATION_EXPIRED: () => 'This question was already answered or has expired, so nothing more was changed. See /keys list, or connect the key again.',
  WITHDRAW_UNREPORTED_REFUSED: (p: { exchange: string }) =>
    `This server no longer stores keys whose exchange does not report withdrawals, so this ${p.exchange} key was not stored. Nothing was changed.`,
  KEY_PAIR_EXPIRED: () =>
    'This key pair has expired, was cancelled or was already used, so it was destroyed. Start again with /connect (or /keys rotate); delete any API key you created for it on the exchange.',
  KEY_PAIR_UNSUPPORTED: (p: { exchange: string }) => `${p.exchange} does not accept a public key that Keyward creates. Paste an existing key instead.`,
  LINK_NOT_YOURS: () => 'This button belongs to someone else. Run the command yourself.',
  REMINDERS_DAYS_INVALID: (p: { min: number; max: number }) => `Reminder days must be between ${p.min} and ${p.max}, or off.`,
} as const;

/** A stable, greppable error code. */
export type ErrorCode = keyof typeof catalogue;
type ParamsOf<C extends ErrorCode> = Parameters<(typeof catalogue)[C]>[0];

/** An error whose message is safe to show to a user and to log. */
export class AppError<C extends ErrorCode = ErrorCode> extends Error {
  readonly code: C;
  readonly params: ParamsOf<C>;

  constructor(
    code: C,
    ...rest: ParamsOf<C> extends undefined ? [params?: undefined, options?: { cause?: unknown }] : [params: ParamsOf<C>, options?: { cause?: unknown }]
  ) {
    const [params, options] = rest;
    super((catalogue[code] as (p: ParamsOf<C>) => string)(params as ParamsOf<C>), options);
    this.name = 'AppError';
    this.code = code;
    this.params = params as ParamsOf<C>;
  }
}

/** True when `err` is an AppError, optionally with one of the given codes. */
export function isAppError(err: unknown, ...codes: ErrorCode[]): err is AppError {
  return err instanceof AppError && (codes.length === 0 || codes.includes(err.code));
}
