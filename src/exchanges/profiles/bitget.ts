import { BadResponse, type Exchange } from '../ccxt-errors.js';
import { callExchangeMethod } from '../ccxt-internals.js';
import { exchangeErrorDetail } from '../error-code.js';
import { hex } from '../catalog-fields.js';
import type { KeyPermissions, Tri, VerdictKind } from '../types.js';
import { unknownPermissions } from '../types.js';
import { readableWhitelist } from '../ip-whitelist.js';
import type { ExchangeProfile } from './types.js';

const VERDICTS = new Map<string, VerdictKind>(
  Object.entries({
    '40006': 'bad_key', // invalid ACCESS_KEY
    '40037': 'bad_key', // API key does not exist (deleted)
    '40009': 'bad_secret', // sign signature error
    '40012': 'bad_passphrase', // apikey/password is incorrect
    '40001': 'bad_credentials', // a credential header is empty
    '40002': 'bad_credentials',
    '40003': 'bad_credentials',
    '40011': 'bad_credentials',
    '40018': 'ip_not_allowed',
    '40014': 'permission_missing',
    '40004': 'clock_skew',
    '40008': 'clock_skew',
    '40013': 'account_suspended', // user status is abnormal (frozen)
    '40031': 'account_suspended', // account cancelled
    '429': 'rate_limited',
    '40200': 'maintenance', // server upgrade
    '40015': 'exchange_down', // system is abnormal
    '40024': 'wrong_region',
  } satisfies Record<string, VerdictKind>),
);

const ipList = (value: unknown): string[] | undefined => {
  if (typeof value === 'string') return value.split(/[,\s]+/).filter(Boolean);
  if (Array.isArray(value)) return value.filter((ip): ip is string => typeof ip === 'string' && ip !== '');
  return undefined;
};

/**
 * bitget's documented authority codes (Get Account Information, api-doc/spot/account/Get-Account-Info):
 * "...r" read only, "...w" read and write; stor/stow spot, coor/coow futures orders, cpor/cpow
 * futures holdings, wtor/wtow wallet transfer, wwow withdrawal. The doc's older example shows
 * ["trade", "readonly"]; the broker API's sub-account permissions add read, spot_trade,
 * contract_trade, withdraw and transfer. All of them are read.
 */
const SPOT_TRADE = ['stow', 'trade', 'spot_trade'];
const FUTURES_TRADE = ['coow', 'cpow', 'trade', 'contract_trade'];
const WITHDRAW = ['wwow', 'withdraw'];
const TRANSFER = ['wtow', 'transfer'];
const READ_ONLY = ['stor', 'coor', 'cpor', 'smor', 'ttor', 'wtor', 'taxr', 'chor', 'p2pr', 'pllr', 'readonly', 'read'];
const OTHER_WRITE = ['smow', 'ttow', 'chow', 'p2p', 'p2pw', 'pllw', 'taxw', 'margin_trade', 'deposit'];
const KNOWN = new Set([...SPOT_TRADE, ...FUTURES_TRADE, ...WITHDRAW, ...TRANSFER, ...READ_ONLY, ...OTHER_WRITE]);

/** Reads bitget's spot account info: `authorities` holds the key's permission codes, `ips` its bound addresses. */
export function parseBitgetKeyInfo(raw: unknown): KeyPermissions {
  const out = unknownPermissions();
  const info = (raw as { data?: unknown } | undefined)?.data as Record<string, unknown> | undefined;
  if (!info || typeof info !== 'object') return out;
  if (Array.isArray(info.authorities)) {
    const codes = new Set(info.authorities.filter((a): a is string => typeof a === 'string').map((a) => a.trim().toLowerCase()));
    const allKnown = [...codes].every((c) => KNOWN.has(c));
    // a code this list does not know could be a new withdrawal grant: then only a listed one says yes
    const has = (names: string[]): Tri => (names.some((n) => codes.has(n)) ? 'yes' : allKnown ? 'no' : 'unknown');
    // the call itself needs spot read, so any answer with codes proves the key reads
    out.read = codes.size > 0 ? 'yes' : 'unknown';
    out.spotTrade = has(SPOT_TRADE);
    out.futuresTrade = has(FUTURES_TRADE);
    out.withdraw = has(WITHDRAW);
    out.transfer = has(TRANSFER);
  }
  const ips = ipList(info.ips);
  if (ips) {
    out.ipRestricted = ips.length > 0 ? 'yes' : 'no';
    out.ipCount = ips.length;
    const whitelist = readableWhitelist(ips);
    if (whitelist) out.ipWhitelist = whitelist;
  }
  return out;
}

/** bitget: one signed account-info call proves the key (and passphrase) and lists its authorities. */
export const bitgetProfile: ExchangeProfile = {
  id: 'bitget',
  // whether Keyward can create this exchange's key pair itself (see self-generated-keys.ts)
  selfGeneratedKeys: {
    supported: false,
    reason: 'Bitget accepts self-generated RSA keys, but the ccxt version Keyward uses signs Bitget requests with HMAC only, so such a key could not be used.',
    sources: [
      'github.com/BitgetLimited/v3-bitget-api-sdk bitget-python-sdk-api/bitget/consts.py (SIGN_TYPE RSA) and bitget-node-sdk-api/src/lib/util.ts (encryptRSA)',
      `ccxt 4.5.84, js/src/bitget.js sign(): this.hmac(auth, secret, sha256, 'base64') only`,
    ],
  },
  sources: [
    'https://www.bitget.com/api-doc/spot/account/Get-Account-Info (authorities; code table on the bitget.live / bitget.fit copies)',
    'https://www.bitget.com/api-doc/spot/account/Get-Account-Assets (assetType hold_only by default: an empty account is [])',
    'npm ccxt@4.5.84 js/src/bitget.js exceptions (code texts in comments)',
  ],
  createKeyPath: 'Profile → API Management → Create API',
  notes: ['Bitget does not force an IP whitelist, but a key bound to an IP is much safer if it ever leaks.'],
  keyShapes: { apiKey: /^bg_[0-9a-f]{32}$/i, secret: hex(64) },
  readKeyInfo: async (exchange: Exchange) => {
    const raw = await callExchangeMethod(exchange, 'privateSpotGetV2SpotAccountInfo');
    // ccxt hands back the raw text when the body is not JSON; that is no proof the key works
    if (typeof raw !== 'object' || raw === null) throw new BadResponse('bitget answered the account info call with a body that is not JSON');
    return parseBitgetKeyInfo(raw);
  },
  classifyError: (err) => {
    const { code } = exchangeErrorDetail(err);
    return code === undefined ? undefined : VERDICTS.get(code);
  },
  // set once ccxt has probed the v3 unified-account settings
  accountModeOptions: ['uta'],
};
