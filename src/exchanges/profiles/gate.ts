import { BadResponse, ExchangeError, type Exchange } from '../ccxt-errors.js';
import { callExchangeMethod } from '../ccxt-internals.js';
import { exchangeErrorDetail } from '../error-code.js';
import { gateShapes } from '../catalog-fields.js';
import type { KeyPermissions, VerdictKind } from '../types.js';
import { unknownPermissions } from '../types.js';
import { readableWhitelist } from '../ip-whitelist.js';
import type { ExchangeProfile } from './types.js';

const VERDICTS = new Map<string, VerdictKind>(
  Object.entries({
    INVALID_KEY: 'bad_key',
    INVALID_SIGNATURE: 'bad_secret',
    INVALID_CREDENTIALS: 'bad_credentials',
    AUTHENTICATION_FAILED: 'bad_credentials',
    MISSING_REQUIRED_HEADER: 'bad_credentials',
    IP_FORBIDDEN: 'ip_not_allowed',
    FORBIDDEN: 'permission_missing',
    READ_ONLY: 'permission_missing',
    REQUEST_EXPIRED: 'clock_skew',
    ACCOUNT_LOCKED: 'account_suspended',
    SUB_ACCOUNT_LOCKED: 'account_suspended',
    TOO_MANY_REQUESTS: 'rate_limited',
    TOO_FAST: 'rate_limited',
    // gate answers upgrades and overload with the same labels
    SERVER_ERROR: 'exchange_down',
    INTERNAL: 'exchange_down',
    TOO_BUSY: 'exchange_down',
  } satisfies Record<string, VerdictKind>),
);

/** gate says FORBIDDEN both for a missing permission and for a refused country; only the text tells them apart. */
const REGION_TEXT = /\b(country|region|jurisdiction|location)\b/i;

/**
 * Reads gate's account detail. It lists the key's whitelisted IPs but no permission flags, so
 * read, trade, withdraw and transfer stay unknown: a trade probe or a balance call must tell.
 */
export function parseGateKeyInfo(raw: unknown): KeyPermissions {
  const out = unknownPermissions();
  const detail = raw as Record<string, unknown> | undefined;
  if (!detail || typeof detail !== 'object') return out;
  if (Array.isArray(detail.ip_whitelist)) {
    const ips = detail.ip_whitelist.filter((ip): ip is string => typeof ip === 'string' && ip !== '');
    out.ipRestricted = ips.length > 0 ? 'yes' : 'no';
    out.ipCount = ips.length;
    const whitelist = readableWhitelist(ips);
    if (whitelist) out.ipWhitelist = whitelist;
  }
  return out;
}

/** The modes of GET /unified/unified_mode whose funds live in the unified account (gateapi-go docs/UnifiedApi.md). */
const UNIFIED_MODES = new Set(['multi_currency', 'portfolio', 'single_currency']);

/**
 * gate's account detail documents key.mode 1 (classic) and 2 (legacy unified) only; the newer unified
 * account's mode (classic, multi_currency, portfolio, single_currency) is told by GET /unified/unified_mode,
 * which ccxt never asks. Asked once per key (the answer is kept with its hints); a legacy unified
 * account needs no asking.
 */
async function learnUnifiedMode(exchange: Exchange): Promise<void> {
  if (exchange.options.unifiedAccount === true || typeof exchange.options.unifiedMode === 'string') return;
  let answer: unknown;
  try {
    answer = await callExchangeMethod(exchange, 'privateUnifiedGetUnifiedMode');
  } catch (err) {
    // a key without the unified permission is refused here: it reads the classic account as before
    if (!(err instanceof ExchangeError)) throw err;
    exchange.options.unifiedMode = 'not-readable';
    return;
  }
  const mode = (answer as { mode?: unknown } | undefined)?.mode;
  if (typeof mode !== 'string') return;
  exchange.options.unifiedMode = mode;
  exchange.options.unifiedAccount = UNIFIED_MODES.has(mode);
}

/** gate: one signed account-detail call proves the key; trade permission is probed by cancelling a made-up order. */
export const gateProfile: ExchangeProfile = {
  id: 'gate',
  // whether Keyward can create this exchange's key pair itself (see self-generated-keys.ts)
  selfGeneratedKeys: {
    supported: false,
    reason: 'Gate issues its own secret and signs with HMAC-SHA512; it takes no uploaded public key.',
    sources: [`ccxt 4.5.84, js/src/gate.js sign(): this.hmac(payload, secret, sha512) only`],
  },
  sources: [
    'github gate/gateapi-go docs/AccountDetailKey.md (key.mode: 1 classic, 2 legacy unified)',
    'github gate/gateapi-go docs/UnifiedApi.md (GET /unified/unified_mode: classic, multi_currency, portfolio, single_currency)',
    'npm ccxt@4.5.84 js/src/gate.js loadUnifiedStatus, fetchBalance, exceptions (labels)',
  ],
  searchAliases: ['gate.io', 'gateio'],
  createKeyPath: 'Profile → API Management → Create API Key',
  notes: [
    'Create an APIv4 key and give it read access for every account you want checked (spot, futures, …).',
    'Gate does not report what a key is allowed to do, so Keyward can confirm the key works but not its permissions.',
  ],
  keyShapes: gateShapes,
  readKeyInfo: async (exchange: Exchange) => {
    const raw = await callExchangeMethod(exchange, 'privateAccountGetDetail');
    // ccxt hands back the raw text when the body is not JSON; that is no proof the key works
    if (typeof raw !== 'object' || raw === null) throw new BadResponse('gate answered the account detail call with a body that is not JSON');
    // the same answer tells ccxt whether the account is legacy unified (key.mode 2); keeping it saves that call later
    const mode = (raw as { key?: { mode?: unknown } }).key?.mode;
    if (mode === 2) exchange.options.unifiedAccount = true;
    else if (mode === 1) exchange.options.unifiedAccount = false;
    return parseGateKeyInfo(raw);
  },
  prepareBalance: learnUnifiedMode,
  classifyError: (err) => {
    const { code, text } = exchangeErrorDetail(err);
    if (code === 'FORBIDDEN' && text !== undefined && REGION_TEXT.test(text)) return 'wrong_region';
    return code === undefined ? undefined : VERDICTS.get(code);
  },
  // gate answers ORDER_NOT_FOUND to a key that may trade, READ_ONLY or FORBIDDEN to one that may not
  tradeProbe: { symbol: 'BTC/USDT', readOnlyCodes: ['READ_ONLY'] },
  // unifiedAccount: ccxt's switch to /unified/accounts; unifiedMode: what GET /unified/unified_mode said
  accountModeOptions: ['unifiedAccount', 'unifiedMode'],
};
