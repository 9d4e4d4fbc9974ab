import { AsyncLocalStorage } from 'node:async_hooks';
import pino, { type Logger } from 'pino';

export type { Logger } from 'pino';

/** Shorter secrets are matched only as whole words inside JSON strings, so they cannot break a line. */
const SHORT_SECRET_LENGTH = 6;
const REDACTED = '[redacted]';
/** Credentials in URLs and headers that ccxt error messages can carry. */
const SECRET_PARAMS = /((?:signature|sign|apikey|api_key|api-key|passphrase|access-sign|secret|password|token)=)[^&\s"',}]+/gi;
const JSON_STRING = /"(?:[^"\\]|\\.)*"/g;

/** One secret, with every spelling it can take in a log line worked out once. */
interface SecretPattern {
  forms: string[];
  /** for short secrets: the forms as whole words */
  word?: RegExp;
  /** for long secrets that hold whitespace (a PEM): each long line of it on its own */
  parts: string[];
}

function patternOf(secret: string): SecretPattern {
  const all = forms(secret);
  if (secret.length >= SHORT_SECRET_LENGTH) return { forms: all, parts: secret.split(/\s+/).filter((p) => p.length >= 16 && p !== secret) };
  const escaped = all.map((f) => f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  // a letter or digit that ends a JSON escape (\n, \t, \u001b) is not part of a word
  return { forms: all, parts: [], word: new RegExp(`(?<!(?<!\\\\|\\\\u[0-9a-fA-F]{0,3})[A-Za-z0-9])(?:${escaped.join('|')})(?![A-Za-z0-9])`, 'g') };
}

/**
 * Replaces secrets in text before it reaches a log: those registered for the whole process (the
 * Discord token) and those of the request being served (the credentials under validation), which
 * flow through AsyncLocalStorage so no call site has to remember them.
 */
export class SecretScrubber {
  private readonly permanent: SecretPattern[] = [];
  private readonly scoped = new AsyncLocalStorage<readonly SecretPattern[]>();

  addPermanent(secret: string | undefined): void {
    if (secret) this.permanent.push(patternOf(secret));
  }

  /** Runs `fn` with `secrets` scrubbed from every log line it causes (nested scopes add up). */
  withSecrets<T>(secrets: Iterable<string | undefined>, fn: () => T): T {
    const outer = this.scoped.getStore() ?? [];
    const own = [...new Set(secrets)].filter((s): s is string => typeof s === 'string' && s.length > 0).map(patternOf);
    return this.scoped.run([...outer, ...own], fn);
  }

  scrub(text: string): string {
    let out = text.replace(SECRET_PARAMS, `$1${REDACTED}`);
    const short: RegExp[] = [];
    for (const pattern of [...this.permanent, ...(this.scoped.getStore() ?? [])]) {
      if (pattern.word) {
        short.push(pattern.word);
        continue;
      }
      for (const form of pattern.forms) if (out.includes(form)) out = out.split(form).join(REDACTED);
      // a secret cut inside a longer line (e.g. a PEM's first line) still counts
      for (const part of pattern.parts) if (out.includes(part)) out = out.split(part).join(REDACTED);
    }
    if (short.length === 0) return out;
    const words = (s: string) => short.reduce((acc, re) => acc.replace(re, REDACTED), s);
    // a log line is JSON: short secrets are replaced only inside its strings; plain text is one string
    return out.startsWith('{') ? out.replace(JSON_STRING, words) : words(out);
  }
}

/**
 * The spellings a secret can take once logged, longest first: raw; JSON-escaped (also twice, with
 * \\uXXXX for non-ASCII and with an escaped slash); URL-encoded (JavaScript's, RFC 3986's that also
 * encodes !'()*, and HTML forms' with "+", each with upper or lower-case hex); base64 and base64url.
 */
function forms(secret: string): string[] {
  const json = JSON.stringify(secret).slice(1, -1);
  const asciiJson = json.replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  const uri = encodeURIComponent(secret);
  const strict = uri.replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  const form = new URLSearchParams({ s: secret }).toString().slice(2);
  const lowerHex = (s: string) => s.replace(/%[0-9A-F]{2}/g, (h) => h.toLowerCase());
  const b64 = Buffer.from(secret, 'utf8').toString('base64');
  const all = [
    secret,
    json,
    JSON.stringify(json).slice(1, -1),
    asciiJson,
    asciiJson.replace(/\//g, '\\/'),
    json.replace(/\//g, '\\/'),
    uri,
    strict,
    form,
    lowerHex(uri),
    lowerHex(strict),
    lowerHex(form),
    b64,
    b64.replace(/=+$/, ''),
    Buffer.from(secret, 'utf8').toString('base64url'),
  ];
  return [...new Set(all)].filter((f) => f.length > 0).sort((a, b) => b.length - a.length);
}

const ERROR_FIELDS = ['code', 'status', 'httpStatus', 'verdict', 'exchange'] as const;

/** Serialises an error by allow-list: class, code, scrubbed message and stack, and its causes. */
function serializeError(err: unknown, scrubber: SecretScrubber, depth = 0): Record<string, unknown> {
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

/** Field names whose values are secrets wherever they appear in a log object, at any depth (case and separators ignored). */
const SECRET_FIELDS = new Set(['credentials', 'secrets']);
/** ...and names that end like one: exchanges prefix theirs (X-MBX-APIKEY, OK-ACCESS-PASSPHRASE, api_secret, API-Sign). */
const SECRET_ENDINGS = [
  'apikey',
  'accesskey',
  'secret',
  'secretkey',
  'password',
  'passphrase',
  'privatekey',
  'token',
  'authorization',
  'cookie',
  'signature',
  'sign',
];
const isSecretField = (key: string) => {
  const name = key.toLowerCase().replace(/[-_ ]/g, '');
  return SECRET_FIELDS.has(name) || SECRET_ENDINGS.some((ending) => name.endsWith(ending));
};
/** Deeper than this a log object is cut: nothing legitimate is logged that deep. */
const MAX_DEPTH = 8;
/** Top-level fields that have their own serializer, which already keeps only safe parts. */
const SERIALIZED = new Set(['err', 'error', 'interaction', 'exchange']);

/** A copy of a log object with secret fields redacted at every depth and nested errors allow-listed. */
function redactDeep(value: unknown, scrubber: SecretScrubber, depth: number, seen: Set<object>): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Error) return serializeError(value, scrubber);
  if (depth >= MAX_DEPTH) return '[too deep]';
  if (seen.has(value)) return '[circular]';
  seen.add(value);
  try {
    if (Array.isArray(value)) return value.map((v) => redactDeep(v, scrubber, depth + 1, seen));
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) out[key] = isSecretField(key) ? REDACTED : redactDeep(v, scrubber, depth + 1, seen);
    return out;
  } finally {
    seen.delete(value);
  }
}

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
      formatters: {
        log: (obj: Record<string, unknown>) => {
          const out: Record<string, unknown> = {};
          for (const [key, v] of Object.entries(obj))
            out[key] = SERIALIZED.has(key) ? v : isSecretField(key) ? REDACTED : redactDeep(v, scrubber, 1, new Set());
          return out;
        },
      },
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
