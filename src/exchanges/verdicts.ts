import {
  AccountSuspended,
  AuthenticationError,
  BadResponse,
  DDoSProtection,
  ExchangeError,
  ExchangeNotAvailable,
  InvalidNonce,
  NetworkError,
  OnMaintenance,
  PermissionDenied,
  RateLimitExceeded,
  RequestTimeout,
  RestrictedLocation,
} from './ccxt-errors.js';
import type { ExchangeProfile } from './profiles/types.js';
import type { CatalogEntry } from './catalog.js';
import { exchangeErrorDetail } from './error-code.js';
import type { VerdictKind } from './types.js';

/** Why a key check failed, with advice a trader can act on. Never carries a secret. */
export interface Verdict {
  kind: VerdictKind;
  title: string;
  advice: string[];
  /** the exchange's own error code, when it gave one */
  exchangeCode?: string;
  retryAfterSec?: number;
  driftMs?: number;
  /** the permission that is missing, when known */
  permission?: string;
}

/** Keyward's own overall deadline for one operation. */
export class DeadlineExceeded extends Error {
  constructor(readonly ms: number) {
    super(`no answer within ${ms} ms`);
    this.name = 'DeadlineExceeded';
  }
}

export interface VerdictContext {
  entry: CatalogEntry;
  profile?: ExchangeProfile;
  retryAfterSec?: number;
  driftMs?: number;
  /** the addresses Keyward's requests leave from (PUBLIC_IPS), to name in IP advice */
  publicIps?: readonly string[];
}

/** "`203.0.113.7` and `2001:db8::7`": the addresses to whitelist, ready to copy (unquoted where the text gets escaped). */
export function addressList(ips: readonly string[], quote = '`'): string {
  const quoted = ips.map((ip) => `${quote}${ip}${quote}`);
  return quoted.length <= 1 ? quoted.join('') : `${quoted.slice(0, -1).join(', ')} and ${quoted[quoted.length - 1]}`;
}

/** Turns any failure into a verdict: the exchange's own code first, then ccxt's class, most specific first. */
export function classifyFailure(err: unknown, ctx: VerdictContext): Verdict {
  return verdict(failureKind(err, ctx.profile), ctx, { exchangeCode: exchangeErrorDetail(err).code });
}

/** The kind of a failure: the exchange's own code where the profile knows it, else ccxt's class. */
export function failureKind(err: unknown, profile?: ExchangeProfile): VerdictKind {
  return profile?.classifyError?.(err) ?? kindFromClass(err);
}

function kindFromClass(err: unknown): VerdictKind {
  if (err instanceof DeadlineExceeded) return 'timeout';
  if (err instanceof AccountSuspended) return 'account_suspended';
  if (err instanceof PermissionDenied) return 'permission_missing';
  if (err instanceof AuthenticationError) return 'bad_credentials';
  if (err instanceof RestrictedLocation) return 'wrong_region';
  if (err instanceof InvalidNonce) return 'clock_skew';
  if (err instanceof RateLimitExceeded || err instanceof DDoSProtection) return 'rate_limited';
  if (err instanceof OnMaintenance) return 'maintenance';
  if (err instanceof RequestTimeout) return 'timeout';
  if (err instanceof ExchangeNotAvailable || err instanceof NetworkError || err instanceof BadResponse) return 'exchange_down';
  if (err instanceof ExchangeError) return 'unknown';
  // ccxt choking on a garbled answer (gate raises a TypeError inside its parser)
  if (err instanceof TypeError || err instanceof SyntaxError) return 'exchange_down';
  // a plain Error raised while signing: a secret in a shape the exchange's signer cannot use
  if (err instanceof Error && /base64|pem|private key|asn1|decod|invalid key|hex/i.test(err.message)) return 'bad_secret';
  return 'unknown';
}

/** A verdict of a given kind with its advice for this exchange. */
export function verdict(kind: VerdictKind, ctx: VerdictContext, extra: Partial<Verdict> = {}): Verdict {
  const { entry } = ctx;
  const name = entry.name;
  const own = ctx.profile?.advice?.[kind];
  const siblings =
    entry.siblings.length > 0 ? `Keys work only where they were made: check this key is from ${name}, not ${entry.siblings.join(' or ')}.` : undefined;
  const passphrase = entry.fields.some((f) => f.key === 'password')
    ? 'The passphrase is the one you chose when creating this key (not your login password) and is case-sensitive.'
    : undefined;
  const driftMs = extra.driftMs ?? ctx.driftMs;
  const retryAfterSec = extra.retryAfterSec ?? ctx.retryAfterSec;
  const base = { kind, exchangeCode: extra.exchangeCode, retryAfterSec, driftMs, permission: extra.permission };
  const list = (...items: Array<string | undefined>) => items.filter((s): s is string => Boolean(s));
  switch (kind) {
    case 'bad_key':
      return {
        ...base,
        title: `${name} does not recognise this API key.`,
        advice: list('Copy the API key again from the exchange, in one piece.', 'Check on the exchange that the key is still active.', siblings),
      };
    case 'bad_secret':
      return {
        ...base,
        title: 'The secret key does not match this API key (signature rejected).',
        advice: list(
          'Copy the secret again; exchanges show it only once, so create a new key if you no longer have it.',
          'Make sure the secret went into the Secret key box and the API key into the API key box.',
        ),
      };
    case 'bad_passphrase':
      return { ...base, title: 'The passphrase is wrong.', advice: list(passphrase ?? 'Check the passphrase.', 'Copy and paste it rather than retyping it.') };
    case 'bad_credentials':
      return {
        ...base,
        title: `${name} rejected these credentials.`,
        advice: list(
          'Check on the exchange that the key is active and not expired or deleted.',
          'Copy the API key and secret again, without spaces or line breaks.',
          passphrase,
          siblings,
          'If the key is bound to IP addresses, the address of the machine running Keyward must be on its list.',
        ),
      };
    case 'key_expired':
      return { ...base, title: 'This API key has expired.', advice: list('Create a new key on the exchange and connect it with /keys rotate.', own) };
    case 'ip_not_allowed':
      return {
        ...base,
        title: 'The key is bound to IP addresses, and this server is not one of them.',
        advice: list(
          ctx.publicIps && ctx.publicIps.length > 0
            ? `Add ${addressList(ctx.publicIps, '')} to the key's whitelist: ${ctx.publicIps.length === 1 ? 'it is the address' : 'they are the addresses'} Keyward's requests come from.`
            : "Add the public IP address of the machine running Keyward to the key's whitelist (ask the server operator for it).",
          'Whitelist changes can take a few minutes to apply.',
        ),
      };
    case 'permission_missing':
      return {
        ...base,
        title: `The key lacks a permission Keyward needs${extra.permission ? `: ${extra.permission}` : ''}.`,
        // the exchange's own line first: it may name a cause the general lines do not (LBank's 10022 is also a foreign IP)
        advice: list(
          own,
          'Edit the key on the exchange and enable Read (and Trade for the products your bot uses).',
          'Never enable Withdraw.',
          'Sub-account keys may need the permission granted from the main account too.',
        ),
      };
    case 'clock_skew':
      return {
        ...base,
        title: `${name} rejected the request's timestamp${driftMs !== undefined ? ` (clocks differ by ${formatDrift(driftMs)})` : ''}.`,
        advice: list('The machine running Keyward must keep its clock in sync (NTP); ask the server operator.', own),
      };
    case 'rate_limited':
      return {
        ...base,
        title: `${name} is rate-limiting this server.`,
        advice: list(`Wait ${retryAfterSec ?? 60} seconds and try again.`, 'Limits count per IP address: every bot on this server shares them.'),
      };
    case 'timeout':
      return {
        ...base,
        title: `${name} did not answer in time.`,
        advice: list('Try again in a minute.', "If it keeps happening, check the exchange's status page."),
      };
    case 'exchange_down':
      return {
        ...base,
        title: `${name} is unreachable or answered with a server error.`,
        advice: list('Try again in a few minutes.', "Check the exchange's status page."),
      };
    case 'maintenance':
      return {
        ...base,
        title: `${name} is in maintenance.`,
        advice: list("Try again after the maintenance window; the exchange's status page says when it ends."),
      };
    case 'wrong_region':
      return {
        ...base,
        title: `${name} refuses requests from this server's location.`,
        advice: list(siblings, own ?? 'The exchange blocks some countries; use the exchange or region your account belongs to.'),
      };
    case 'account_suspended':
      return {
        ...base,
        title: `${name} reports this account as frozen or disabled.`,
        advice: list("Sign in to the exchange and resolve the account's status with its support; no key works until then."),
      };
    case 'withdraw_enabled':
      return {
        ...base,
        title: 'This key can withdraw funds, so Keyward refused it.',
        advice: list(
          'Edit the key (or create a new one) with Read and Trade only and withdrawals off, then connect it again.',
          own,
          'A trading bot never needs withdrawal rights; a leaked withdraw-enabled key can empty the account.',
        ),
      };
    case 'unknown':
      return {
        ...base,
        title: `${name} refused the request${extra.exchangeCode ? ` (code ${extra.exchangeCode})` : ''}.`,
        advice: list("Try again; if it persists, check the key's settings on the exchange."),
      };
  }
}

/** "+1.2 s", "-350 ms". */
export function formatDrift(ms: number): string {
  const sign = ms >= 0 ? '+' : '-';
  const abs = Math.abs(ms);
  return abs >= 1_000 ? `${sign}${(abs / 1_000).toFixed(1)} s` : `${sign}${Math.round(abs)} ms`;
}
