import { BadResponse, type Exchange } from '../ccxt-errors.js';
import { callExchangeMethod } from '../ccxt-internals.js';
import { exchangeErrorDetail } from '../error-code.js';
import { keyPairSecret, bybitShapes } from '../catalog-fields.js';
import type { KeyPermissions, Tri, VerdictKind } from '../types.js';
import { readableWhitelist } from '../ip-whitelist.js';
import type { ExchangeProfile } from './types.js';

type Fields = Record<string, unknown>;

const list = (value: unknown): string[] | undefined => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : undefined);

/** 'yes' if a reported group holds one of the grants, 'no' if every group was reported without it. */
function granted(groups: Array<string[] | undefined>, grants: string[], readOnly: Tri): Tri {
  if (readOnly === 'yes') return 'no';
  if (groups.some((g) => g?.some((p) => grants.includes(p)))) return 'yes';
  return groups.every((g) => g !== undefined) ? 'no' : 'unknown';
}

const isoMs = (value: unknown): number | undefined => {
  const ms = typeof value === 'string' && value !== '' ? Date.parse(value) : Number.NaN;
  return Number.isFinite(ms) ? ms : undefined;
};

/**
 * bybit's query-api answer (or its `result`) → KeyPermissions. Any key that answers can read, whatever
 * readOnly says; "*" as the only IP means the key is not IP-bound.
 */
export function parseBybitKeyInfo(raw: unknown): KeyPermissions {
  const outer = raw && typeof raw === 'object' ? (raw as Fields) : {};
  const r = outer.result && typeof outer.result === 'object' ? (outer.result as Fields) : outer;
  const perms = r.permissions && typeof r.permissions === 'object' ? (r.permissions as Fields) : {};
  const readOnly: Tri = r.readOnly === 1 || r.readOnly === '1' ? 'yes' : r.readOnly === 0 || r.readOnly === '0' ? 'no' : 'unknown';
  const wallet = list(perms.Wallet);
  const ips = list(r.ips)?.filter((ip) => ip !== '*' && ip !== '');
  const out: KeyPermissions = {
    read: readOnly === 'unknown' ? 'unknown' : 'yes',
    spotTrade: granted([list(perms.Spot)], ['SpotTrade'], readOnly),
    // Derivatives: ["DerivativesTrade"] is granted by default on unified accounts, so only ContractTrade tells
    futuresTrade: granted([list(perms.ContractTrade)], ['Order', 'Position'], readOnly),
    withdraw: granted([wallet], ['Withdraw'], readOnly),
    transfer: granted([wallet], ['AccountTransfer', 'SubMemberTransfer'], readOnly),
    ipRestricted: ips === undefined ? 'unknown' : ips.length > 0 ? 'yes' : 'no',
  };
  if (ips && ips.length > 0) out.ipCount = ips.length;
  const whitelist = ips && readableWhitelist(ips);
  if (whitelist) out.ipWhitelist = whitelist;
  const expiresAt = isoMs(r.expiredAt);
  const createdAt = isoMs(r.createdAt);
  if (expiresAt !== undefined) out.expiresAt = expiresAt;
  if (createdAt !== undefined) out.createdAt = createdAt;
  return out;
}

const BY_CODE: Record<string, VerdictKind> = {
  '10003': 'bad_key',
  '10004': 'bad_secret',
  '10005': 'permission_missing',
  '10010': 'ip_not_allowed',
  '10002': 'clock_skew',
  '10006': 'rate_limited',
  '10018': 'rate_limited',
  '33004': 'key_expired',
  '10008': 'account_suspended',
};

/** Why bybit refused, from its retCode; a CloudFront country block arrives as HTML, not JSON. */
function classifyBybitError(err: unknown): VerdictKind | undefined {
  if (err instanceof Error && err.message.includes('block access from your country')) return 'wrong_region';
  const { code } = exchangeErrorDetail(err);
  return code === undefined ? undefined : BY_CODE[code];
}

/** query-api also says whether the account is unified, which ccxt would otherwise ask before every balance. */
function rememberAccountMode(exchange: Exchange, raw: Fields): void {
  const r = raw.result && typeof raw.result === 'object' ? (raw.result as Fields) : raw;
  const flag = (v: unknown) => (v === 1 || v === '1' ? true : v === 0 || v === '0' ? false : undefined);
  // `unified` is documented as deprecated: only `uta` says whether the account is unified
  const uta = flag(r.uta);
  if (uta === undefined) return;
  exchange.options.enableUnifiedMargin = flag(r.unified) ?? false;
  exchange.options.enableUnifiedAccount = uta;
}

/** bybit: one signed v5 call describes the key, its grants, IPs and expiry. */
export const bybitProfile: ExchangeProfile = {
  id: 'bybit',
  // whether Keyward can create this exchange's key pair itself (see self-generated-keys.ts)
  // Bybit's "Self-generated API Keys" are RSA only; system-generated keys are HMAC. ccxt signs with
  // RSA-SHA256 (base64) whenever the secret contains "PRIVATE KEY", for v5 and the older APIs alike.
  selfGeneratedKeys: {
    supported: true,
    keyTypes: ['rsa'],
    rsaBits: 2048,
    publicKeyFormat: 'pem-spki',
    ccxtSecretFormat: 'pem-pkcs8',
    steps: [
      'Log in to Bybit, open the profile menu (top right) → API, then Create New Key.',
      'Choose Self-generated API Keys.',
      'Paste the public key Keyward shows into the "Your Public Key" box.',
      'Permissions: Read-Only, or Read-Write with trading only — never Withdrawal — and bind the key to trusted IPs. Submit.',
    ],
    sources: [
      'https://bybit-exchange.github.io/docs/v5/guide (System-generated = HMAC; Self-generated = RSA, only the public key is given to Bybit)',
      'https://www.bybit.com/en/help-center/article/How-to-Create-an-RSA-Key-on-Bybit (API → Create New Key → Self-generated API Keys → paste into Your Public Key; 2048 bits default)',
      `ccxt 4.5.84, js/src/bybit.js sign(): secret.indexOf('PRIVATE KEY') > -1 → rsa(auth, secret, sha256)`,
      'UNVERIFIED: Bybit does not document whether its box wants the BEGIN/END lines; the PEM block is shown as its generator produces it.',
    ],
  },
  sources: [
    'https://bybit-exchange.github.io/docs/v5/user/apikey-info (ContractTrade Order/Position; Derivatives granted by default on unified accounts; unified deprecated, uta)',
    'github bybit-exchange/docs docs/v5/user/modify-master-apikey.mdx (keys without an IP binding invalid after 90 days)',
    'github bybit-exchange/docs docs/v5/error.mdx (10002-10010, 10006)',
    'npm ccxt@4.5.84 js/src/bybit.js exceptions (33004), isUnifiedEnabled',
  ],
  // docs/v5/user/modify-master-apikey: "No ip bound api key will be invalid after 90 days"
  advice: { key_expired: 'Bybit keys without an IP whitelist expire after 90 days; binding the key to an IP keeps it from expiring.' },
  createKeyPath: 'Profile → Account & Security → API Management → Create New Key',
  notes: [
    'Keys without an IP whitelist expire after 90 days. Bind the key to an IP, or expect to renew it.',
    'On a Unified Trading account, the key needs the Unified Trading permission. System-generated (HMAC) keys are the simplest choice.',
  ],
  fieldWording: { secret: keyPairSecret },
  pemFields: ['secret'],
  keyShapes: bybitShapes,
  async readKeyInfo(exchange: Exchange) {
    const raw = await callExchangeMethod(exchange, 'privateGetV5UserQueryApi');
    if (!raw || typeof raw !== 'object') throw new BadResponse('bybit query-api answered with something that is not an object');
    rememberAccountMode(exchange, raw as Fields);
    return parseBybitKeyInfo(raw);
  },
  accountModeOptions: ['enableUnifiedMargin', 'enableUnifiedAccount'],
  // the start of the 90 days is not stated; expiredAt ("Only for those api key with no IP bound") gives the date
  expiryRule: {
    effect: 'invalidates',
    appliesTo: 'no_ip',
    clock: 'reported',
    days: 90,
    avoid: "Bind the key to Keyward's IP addresses (see /help topic:ip-whitelist) under API Management on Bybit: keys bound to an IP do not expire.",
    source:
      'github bybit-exchange/docs docs/v5/user/modify-master-apikey.mdx ("No ip bound api key will be invalid after 90 days"); https://bybit-exchange.github.io/docs/v5/user/apikey-info (expiredAt)',
  },
  classifyError: classifyBybitError,
};
