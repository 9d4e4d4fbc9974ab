import { BadResponse, ExchangeError, type Exchange, PermissionDenied } from '../ccxt-errors.js';
import { callExchangeMethod } from '../ccxt-internals.js';
import { exchangeErrorDetail } from '../error-code.js';
import type { KeyPermissions, Tri, VerdictKind } from '../types.js';
import { unknownPermissions } from '../types.js';
import type { ExchangeProfile } from './types.js';

/**
 * htx answers a bad key and a missing permission with one err-code, api-signature-not-valid; only
 * err-msg tells them apart (both bodies quoted in ccxt 4.5.84 js/src/htx.js exceptions). No source
 * gives htx's wording for an IP outside the whitelist, so that stays to ccxt's class.
 */
const BY_TEXT: Array<[RegExp, VerdictKind]> = [
  [/API key has no permission/i, 'permission_missing'],
  [/Incorrect Access key/i, 'bad_key'],
];

const BY_CODE: Record<string, VerdictKind> = {
  'base-request-exceed-frequency-limit': 'rate_limited',
  'rate-too-many-requests': 'rate_limited',
  'system-maintenance': 'maintenance',
};

function classifyHtxError(err: unknown): VerdictKind | undefined {
  const { code, text = '' } = exchangeErrorDetail(err);
  for (const [pattern, kind] of BY_TEXT) if (pattern.test(text)) return kind;
  return code === undefined ? undefined : BY_CODE[code];
}

const DAY_MS = 86_400_000;

/**
 * Reads htx's API key row (GET /v2/user/api-key): `permission` a comma list (readOnly, trade; the
 * withdrawal token is not documented, so only a "withdraw…" token counts and its absence proves
 * nothing), `ipAddresses` a comma list, `validDays` the days left (-1 never expires), `status`
 * normal or expired, `createTime` in ms.
 */
export function parseHtxKeyInfo(raw: unknown, apiKey: string, now = Date.now()): KeyPermissions {
  const out = unknownPermissions();
  const rows = (raw as { data?: unknown } | undefined)?.data;
  if (!Array.isArray(rows)) return out;
  const row = (rows.find((r) => (r as { accessKey?: unknown })?.accessKey === apiKey) ?? (rows.length === 1 ? rows[0] : undefined)) as
    | Record<string, unknown>
    | undefined;
  if (!row) return out;
  if (typeof row.permission === 'string') {
    const perms = row.permission.split(',').map((p) => p.trim());
    const has = (p: string): Tri => (perms.includes(p) ? 'yes' : 'no');
    out.read = has('readOnly');
    out.spotTrade = has('trade');
    if (perms.some((p) => /^withdraw/i.test(p))) out.withdraw = 'yes';
  }
  if (typeof row.ipAddresses === 'string') {
    const ips = row.ipAddresses
      .split(',')
      .map((ip) => ip.trim())
      .filter(Boolean);
    out.ipRestricted = ips.length > 0 ? 'yes' : 'no';
    out.ipCount = ips.length;
  }
  if (row.status === 'expired') out.expiresAt = now - 1;
  else if (typeof row.validDays === 'number' && row.validDays >= 0) out.expiresAt = now + row.validDays * DAY_MS;
  if (typeof row.createTime === 'number') out.createdAt = row.createTime;
  return out;
}

/** Where the key's spot account id is kept between balances (see rememberSpotAccount). */
const SPOT_ACCOUNT_OPTION = 'keywardSpotAccountId';

/**
 * ccxt reads htx's spot balance by account id and asks for the account list (GET /v1/account/accounts)
 * on every fresh instance to find it. The id never changes for a key's account, so it is kept with the
 * key's hints after the first balance and handed back to ccxt, making a warm balance one request.
 */
async function rememberSpotAccount(exchange: Exchange): Promise<void> {
  const known = exchange.options[SPOT_ACCOUNT_OPTION];
  if (typeof known === 'string' && known !== '') {
    exchange.accounts = [{ id: known, type: 'spot', code: undefined, info: { id: known, type: 'spot' } }];
    return;
  }
  const spot = (await exchange.loadAccounts()).find((a) => a.type === 'spot');
  if (spot?.id) exchange.options[SPOT_ACCOUNT_OPTION] = String(spot.id);
}

/**
 * htx: GET /v2/user/uid proves the key and gives the uid that GET /v2/user/api-key needs to report
 * the key's permissions, whitelist and remaining days. The docs describe the second call for parent
 * users; where htx refuses it (a sub-user key, unverified), the key is still proved and a cancel of
 * a made-up order probes trading (ccxt raises OrderNotFound for base-record-invalid and
 * order-orderstate-error, PermissionDenied for a key without trade permission).
 */
export const htxProfile: ExchangeProfile = {
  id: 'htx',
  sources: [
    'https://huobiapi.github.io/docs/spot/v1/en/ (Get UID GET /v2/user/uid; FAQ: read, trade and withdraw permissions, sub-user keys read and trade only)',
    'https://huobiapi.github.io/docs/spot/v1/cn/ (母子用户API key信息查询 GET /v2/user/api-key: permission, ipAddresses, validDays -1 = permanent, status normal/expired)',
    'https://www.huobi.com/support/en-us/detail/900001195006/ (API key query fields in English)',
    "npm ccxt@4.5.84 js/src/htx.js v2PrivateGetUserUid, v2PrivateGetUserApiKey, exceptions (api-signature-not-valid bodies, broad 'API key has no permission', OrderNotFound codes)",
  ],
  searchAliases: ['huobi'],
  readKeyInfo: async (exchange: Exchange) => {
    const uid = ((await callExchangeMethod(exchange, 'v2PrivateGetUserUid')) as { data?: unknown } | undefined)?.data;
    if (typeof uid !== 'number' && typeof uid !== 'string') throw new BadResponse('htx answered the uid call without a uid');
    let raw: unknown;
    try {
      raw = await callExchangeMethod(exchange, 'v2PrivateGetUserApiKey', { uid: String(uid), accessKey: exchange.apiKey });
    } catch (err) {
      // the key is proved; a refused key-info call leaves its permissions to the trade probe
      if (err instanceof PermissionDenied || (err instanceof ExchangeError && err.constructor === ExchangeError)) return unknownPermissions();
      throw err;
    }
    return parseHtxKeyInfo(raw, exchange.apiKey);
  },
  tradeProbe: { symbol: 'BTC/USDT' },
  classifyError: classifyHtxError,
  prepareBalance: rememberSpotAccount,
  accountModeOptions: [SPOT_ACCOUNT_OPTION],
  // "used regularly" extends it, but htx does not say which calls count as use
  expiryRule: {
    effect: 'deactivates',
    appliesTo: 'no_ip',
    spareReadOnly: true,
    clock: 'last_use',
    days: 90,
    checksCountAsUse: 'unknown',
    avoid: "Link the key to Keyward's IP addresses (see /help topic:ip-whitelist) under API Management on HTX: keys linked to an IP are not deactivated.",
    source:
      'https://www.htx.com/en-us/apikey ("An API key not linked with an IP address but has trading or withdrawal permissions will be automatically deactivated after 90 days of inactivity … extended automatically for 90 days from the last usage")',
  },
};
