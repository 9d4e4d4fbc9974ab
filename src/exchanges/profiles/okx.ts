import { BadResponse, type Exchange } from '../ccxt-errors.js';
import { callExchangeMethod } from '../ccxt-internals.js';
import { exchangeErrorDetail } from '../error-code.js';
import { okxShapes } from '../catalog-fields.js';
import type { KeyPermissions, Tri, VerdictKind } from '../types.js';
import { unknownPermissions } from '../types.js';
import { readableWhitelist } from '../ip-whitelist.js';
import type { ExchangeProfile } from './types.js';

const VERDICTS = new Map<string, VerdictKind>(
  Object.entries({
    '50111': 'bad_key', // invalid OK-ACCESS-KEY (also a deleted or lapsed key)
    '50119': 'bad_key', // API key doesn't exist
    '50113': 'bad_secret',
    '50105': 'bad_passphrase',
    '50103': 'bad_credentials', // a credential header is empty
    '50104': 'bad_credentials',
    '50106': 'bad_credentials',
    '50114': 'bad_credentials', // invalid authorization, okx does not say which part
    '50110': 'ip_not_allowed',
    '50120': 'permission_missing',
    '50102': 'clock_skew',
    '50007': 'account_suspended', // account blocked
    '50009': 'account_suspended', // suspended during liquidation
    '50100': 'account_suspended', // API frozen
    '50011': 'rate_limited',
    '50001': 'maintenance',
    '50005': 'exchange_down',
    '50013': 'exchange_down', // system busy
    '50026': 'exchange_down',
    '50101': 'wrong_region', // key made on another okx site or environment (regional site, demo trading)
    '50121': 'wrong_region', // okx refuses the caller's location
  } satisfies Record<string, VerdictKind>),
);

/** Reads okx's account configuration: `perm` lists what the key may do, `ip` its bound addresses. */
export function parseOkxKeyInfo(raw: unknown): KeyPermissions {
  const out = unknownPermissions();
  const data = (raw as { data?: unknown } | undefined)?.data;
  const config = (Array.isArray(data) ? data[0] : undefined) as Record<string, unknown> | undefined;
  if (!config) return out;
  if (typeof config.perm === 'string') {
    const perms = new Set(config.perm.split(',').map((p) => p.trim()));
    const has = (p: string): Tri => (perms.has(p) ? 'yes' : 'no');
    out.read = has('read_only');
    out.spotTrade = has('trade');
    out.futuresTrade = has('trade');
    out.withdraw = has('withdraw');
  }
  if (typeof config.ip === 'string') {
    const ips = config.ip.split(/[,\s]+/).filter(Boolean);
    out.ipRestricted = ips.length > 0 ? 'yes' : 'no';
    out.ipCount = ips.length;
    const whitelist = readableWhitelist(ips);
    if (whitelist) out.ipWhitelist = whitelist;
  }
  return out;
}

/** okx: one signed account-config call proves the key and lists its permissions. */
export const okxProfile: ExchangeProfile = {
  id: 'okx',
  // whether Keyward can create this exchange's key pair itself (see self-generated-keys.ts)
  selfGeneratedKeys: {
    supported: false,
    reason: 'OKX issues its own secret key and signs with HMAC-SHA256; it takes no uploaded public key for trading keys.',
    sources: [`ccxt 4.5.84, js/src/okx.js sign(): this.hmac(auth, secret, sha256, 'base64') only`],
  },
  sources: [
    'https://www.okx.com/docs-v5/en/#trading-account-rest-api-get-account-configuration (perm, ip)',
    'https://www.okx.com/docs-v5/en/#error-code-rest-api-public (50101-50121 with HTTP status)',
    'npm ccxt@4.5.84 js/src/okx.js exceptions',
  ],
  searchAliases: ['okex'],
  createKeyPath: 'Profile → API → Create API key',
  notes: [
    'Demo-trading keys work only in demo mode. Create the key in live trading for your real account.',
    "A sub-account's key sees only that sub-account's balance.",
  ],
  keyShapes: okxShapes,
  readKeyInfo: async (exchange: Exchange) => {
    const raw = await callExchangeMethod(exchange, 'privateGetAccountConfig');
    // ccxt hands back the raw text when the body is not JSON; that is no proof the key works
    if (typeof raw !== 'object' || raw === null) throw new BadResponse('okx answered the account config call with a body that is not JSON');
    return parseOkxKeyInfo(raw);
  },
  classifyError: (err) => {
    const { code } = exchangeErrorDetail(err);
    return code === undefined ? undefined : VERDICTS.get(code);
  },
};
