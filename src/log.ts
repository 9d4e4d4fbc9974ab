import { AsyncLocalStorage } from 'node:async_hooks';
import pino, { type Logger } from 'pino';

export type { Logger } from 'pino';

const MIN_SECRET_LENGTH = 6;
const REDACTED = '[redacted]';
/** Credentials in URLs and headers that ccxt error messages can carry. */
const SECRET_PARAMS = /((?:signature|sign|apikey|api_key|api-key|passphrase|access-sign|secret|password|token)=)[^&\s"',}]+/gi;

/**
 * Replaces secrets in text before it reaches a log: those registered for the whole process (the
 * Discord token) and those of the request being served (the credentials under validation), which
 * flow through AsyncLocalStorage so no call site has to remember them.
 */
export class SecretScrubber {
  private readonly permanent = new Set<string>();
  private readonly scoped = new AsyncLocalStorage<readonly string[]>();

  addPermanent(secret: string | undefined): void {
    if (secret && secret.length >= MIN_SECRET_LENGTH) this.permanent.add(secret);
  }

  /** Runs `fn` with `secrets` scrubbed from every log line it causes (nested scopes add up). */
  withSecrets<T>(secrets: Iterable<string | undefined>, fn: () => T): T {
    const outer = this.scoped.getStore() ?? [];
    const own = [...secrets].filter((s): s is string => typeof s === 'string' && s.length >= MIN_SECRET_LENGTH);
    return this.scoped.run([...outer, ...own], fn);
  }

  scrub(text: string): string {
    let out = text.replace(SECRET_PARAMS, `$1${REDACTED}`);
    for (const secret of [...this.permanent, ...(this.scoped.getStore() ?? [])]) {
      for (const form of forms(secret)) if (out.includes(form)) out = out.split(form).join(REDACTED);
      // a secret cut inside a longer line (e.g. a PEM's first line) still counts
      for (const part of secret.split(/\s+/)) if (part.length >= 16 && out.includes(part)) out = out.split(part).join(REDACTED);
    }
    return out;
  }
}

/** The spellings a secret can take once logged: raw, JSON-escaped, URL-encoded. */
function forms(secret: string): string[] {
  return [...new Set([secret, JSON.stringify(secret).slice(1, -1), encodeURIComponent(secret)])];
}

const ERROR_FIELDS = ['code', 'status', 'httpStatus', 'verdict', 'exchange'] as const;

/** Serialises an error by allow-list: class, code, scrubbed message and stack, and its causes. */
export function serializeError(err: unknown, scrubber: SecretScrubber, depth = 0): Record<string, unknown> {
  if (!(err instanceof Error)) return { type: typeof err, message: scrubber.scrub(String(err)) };
  const out: Record<string, unknown> = { type: err.constructor?.name ?? err.name, message: scrubber.scrub(err.message) };
  for (const field of ERROR_FIELDS) {
    const value = (err as unknown as Record<string, unknown>)[field];
    if (typeof value === 'string' || typeof value === 'number') out[field] = value;
  }
  if (err.stack) out.stack = scrubber.scrub(err.stack);
  if (err.cause !== undefined && depth < 3) out.cause = serializeError(err.cause, scrubber, depth + 1);
  return out;
}

/** Field names whose values are secrets wherever they appear in a log object. */
const REDACT_PATHS = ['apiKey', 'secret', 'password', 'passphrase', 'privateKey', 'token', 'credentials', 'secrets', 'headers.authorization']
  .flatMap((p) => [p, `*.${p}`]);

export interface LoggerOptions {
  level?: string;
  scrubber: SecretScrubber;
  /** where lines go (default stdout); every line passes through the scrubber first */
  write?: (line: string) => void;
}

/** JSON logs with secret-bearing paths redacted, errors allow-listed and every line scrubbed. */
export function createLogger(opts: LoggerOptions): Logger {
  const write = opts.write ?? ((line: string) => process.stdout.write(line));
  const { scrubber } = opts;
  return pino(
    {
      level: opts.level ?? 'info',
      base: { app: 'keyward' },
      redact: { paths: REDACT_PATHS, censor: REDACTED },
      serializers: {
        err: (e: unknown) => serializeError(e, scrubber),
        error: (e: unknown) => serializeError(e, scrubber),
        // never print a whole discord.js interaction or ccxt exchange, even by mistake
        interaction: (i: { id?: string; type?: number }) => ({ id: i?.id, type: i?.type }),
        exchange: (e: unknown) => (typeof e === 'string' ? e : (e as { id?: string })?.id),
      },
    },
    { write: (line: string) => write(scrubber.scrub(line)) },
  );
}
