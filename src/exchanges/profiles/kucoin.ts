import { BadResponse, type Exchange } from '../ccxt-errors.js';
import { callExchangeMethod } from '../ccxt-internals.js';
import { exchangeErrorDetail } from '../error-code.js';
import { kucoinShapes } from '../catalog-fields.js';
import type { KeyPermissions, Tri, VerdictKind } from '../types.js';
import { unknownPermissions } from '../types.js';
import { readableWhitelist } from '../ip-whitelist.js';
import type { ExchangeProfile } from './types.js';

const VERDICTS = new Map<string, VerdictKind>(
  Object.entries({
    '400003': 'bad_key', // key not exists: deleted, mistyped, or made for KuCoin Futures
    // v2 keys send the passphrase HMAC'd with the secret, so a wrong secret fails this check too
    '400004': 'bad_credentials',
    '400005': 'bad_secret',
    '400001': 'bad_credentials', // a credential header is missing
    '400006': 'ip_not_allowed',
    '400007': 'permission_missing',
    '400002': 'clock_skew',
    '411100': 'account_suspended', // user is frozen
    '429000': 'rate_limited',
    '500000': 'exchange_down',
    // kucoin documents no maintenance code; a country or region it does not serve is 400500 or 400301
    '400500': 'wrong_region',
    '400301': 'wrong_region',
  } satisfies Record<string, VerdictKind>),
);

const ipList = (value: unknown): string[] | undefined => {
  if (typeof value === 'string') return value.split(/[,\s]+/).filter(Boolean);
  if (Array.isArray(value)) return value.filter((ip): ip is string => typeof ip === 'string' && ip !== '');
  return undefined;
};

/** Reads kucoin's API key info: `permission` names what the key may do, `ipWhitelist` where it may be used from. */
export function parseKucoinKeyInfo(raw: unknown): KeyPermissions {
  const out = unknownPermissions();
  const info = (raw as { data?: unknown } | undefined)?.data as Record<string, unknown> | undefined;
  if (!info || typeof info !== 'object') return out;
  if (typeof info.permission === 'string') {
    const perms = new Set(info.permission.split(',').map((p) => p.trim().toLowerCase()));
    const has = (...names: string[]): Tri => (names.some((n) => perms.has(n)) ? 'yes' : 'no');
    out.read = has('general');
    out.spotTrade = has('spot');
    out.futuresTrade = has('futures');
    // KuCoin's withdrawal endpoint (POST /api/v3/withdrawals) "requires the Transfer permission"
    out.withdraw = has('transfer', 'withdraw', 'withdrawal');
    out.transfer = has('innertransfer', 'flextransfers', 'transfer');
  }
  const ips = ipList(info.ipWhitelist);
  if (ips) {
    out.ipRestricted = ips.length > 0 ? 'yes' : 'no';
    out.ipCount = ips.length;
    // kucoin masks the addresses ("203.**.154"): such a list is counted but never compared
    const whitelist = readableWhitelist(ips);
    if (whitelist) out.ipWhitelist = whitelist;
  }
  if (typeof info.createdAt === 'number' && info.createdAt > 0) out.createdAt = info.createdAt;
  return out;
}

/** One signed GET /api/v1/user/api-key on the spot host: the key, its passphrase and its permissions. */
export async function readKucoinKeyInfo(exchange: Exchange): Promise<KeyPermissions> {
  const raw = await callExchangeMethod(exchange, 'privateGetUserApiKey');
  // ccxt hands back the raw text when the body is not JSON; that is no proof the key works
  if (typeof raw !== 'object' || raw === null) throw new BadResponse('kucoin answered the API key call with a body that is not JSON');
  return parseKucoinKeyInfo(raw);
}

/**
 * An HF (high-frequency) account keeps its spot funds in trade_hf, and ccxt reads that wallet only
 * once `options.hf` is set, which it learns while loading markets with a key. Markets here come
 * from a shared keyless instance, so ask (GET /api/v1/hf/accounts/opened) unless the key's hints say.
 */
async function learnHfAccount(exchange: Exchange): Promise<void> {
  if (typeof exchange.options.hf === 'boolean') return;
  await callExchangeMethod(exchange, 'loadMigrationStatus');
}

/** kucoin: one signed API-key call proves the key (and passphrase) and lists its permissions. */
export const kucoinProfile: ExchangeProfile = {
  id: 'kucoin',
  // whether Keyward can create this exchange's key pair itself (see self-generated-keys.ts)
  selfGeneratedKeys: {
    supported: false,
    reason: 'KuCoin issues its own secret and signs with HMAC-SHA256 (the passphrase too); it takes no uploaded public key.',
    sources: [`ccxt 4.5.84, js/src/kucoin.js sign(): this.hmac(payload, secret, sha256, 'base64') only`],
  },
  sources: [
    'github Kucoin/kucoin-universal-sdk spec/rest/api/openapi-account-account.json (GET /api/v1/user/api-key; read in the fork mrjorticio-hash/kucoin-universal-sdk)',
    'https://www.kucoin.com/docs/rest/funding/withdrawals/apply-withdraw-v3- (withdrawals require the Transfer permission)',
    'https://kucoin.com/support/900006465403-KuCoin-API-key-upgrade-operation-guide (Transfer includes deposit and withdrawal)',
    'npm ccxt@4.5.84 js/src/kucoin.js loadMigrationStatus, handleHfAndParams, fetchBalance (trade_hf)',
    'https://www.kucoin.com/docs-new/error-code (400001-400007, 411100, 429000)',
  ],
  createKeyPath: 'Profile → API Management → Create API',
  notes: [
    'Spot and futures live apart: to check your futures account, connect under KuCoin Futures (kucoinfutures) with a key that has the Futures permission.',
    'KuCoin asks for your trading password while you create the key. That password is never entered here.',
    'A new IP whitelist can take a few minutes to apply on KuCoin.',
  ],
  keyShapes: kucoinShapes,
  readKeyInfo: async (exchange: Exchange) => {
    const permissions = await readKucoinKeyInfo(exchange);
    await learnHfAccount(exchange);
    return permissions;
  },
  prepareBalance: learnHfAccount,
  classifyError: (err) => {
    const { code } = exchangeErrorDetail(err);
    return code === undefined ? undefined : VERDICTS.get(code);
  },
  // uta: unified or classic account; hf: high-frequency trade account, learnt only while markets load
  accountModeOptions: ['uta', 'hf'],
};
