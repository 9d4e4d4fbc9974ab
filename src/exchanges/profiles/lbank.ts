import { BadResponse, type Exchange } from '../ccxt-errors.js';
import { callExchangeMethod } from '../ccxt-internals.js';
import { exchangeErrorDetail } from '../error-code.js';
import { DAY } from '../../clock.js';
import type { KeyPermissions, Tri, VerdictKind } from '../types.js';
import { unknownPermissions } from '../types.js';
import type { ExchangeProfile } from './types.js';

/** LBank's documented lifetime of a key bound to no IP address. */
const UNBOUND_KEY_DAYS = 30;

const tri = (value: unknown): Tri => (value === true ? 'yes' : value === false ? 'no' : 'unknown');

/** LBank's codes → verdicts. 10022 covers a caller outside the key's IP list and a missing permission alike. */
const BY_CODE: Record<string, VerdictKind> = {
  '10005': 'bad_key', // "Secret key does not exist"
  '10006': 'bad_credentials', // "User does not exist"
  '10007': 'bad_secret', // "Invalid signature"
  '10002': 'bad_credentials', // "Validation Failed"
  '10022': 'permission_missing', // "API Key permission denied, Invalid IP or permissions"
  '10004': 'rate_limited',
  '10600': 'clock_skew', // "intercepted by replay attacks filter, check timestamp"
  '10116': 'maintenance', // "Upgrading in progress, please try again later"
  '10000': 'exchange_down', // "Internal error"
  '10017': 'exchange_down', // "Server Error"
};

/**
 * ccxt 4.5.84 raises a known LBank code with only its own text for it (no code, no body), so the
 * text names the code; an unknown code arrives as the whole body.
 */
const CCXT_TEXT: Record<string, string> = {
  'Secret key does not exist': '10005',
  'User does not exist': '10006',
  'Invalid signature': '10007',
  'Validation failed': '10002',
  'Invalid authorization': '10022',
  'Request too frequent': '10004',
  'intercepted by replay attacks filter, check timestamp': '10600',
  'Internal error': '10000',
  'Server Error': '10017',
};

function classifyLbankError(err: unknown): VerdictKind | undefined {
  const code = exchangeErrorDetail(err).code ?? (err instanceof Error ? CCXT_TEXT[err.message.trim()] : undefined);
  return code === undefined ? undefined : BY_CODE[code];
}

/**
 * Reads LBank's API-key permissions: enableReading, enableSpotTrading, enableWithdrawals, ipRestrict
 * and createTime, inside the `data` of LBank's envelope. Futures and transfer rights are not reported
 * and stay unknown. A key bound to no IP expires 30 days after creation (LBank's docs); the date is
 * given only while it lies ahead of `now`, since a key that still answers after it evidently did not expire.
 */
export function parseLbankKeyInfo(raw: unknown, now: number): KeyPermissions {
  const out = unknownPermissions();
  const record = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  const data = record.data && typeof record.data === 'object' ? (record.data as Record<string, unknown>) : record;
  out.read = tri(data.enableReading);
  out.spotTrade = tri(data.enableSpotTrading);
  out.withdraw = tri(data.enableWithdrawals);
  out.ipRestricted = tri(data.ipRestrict);
  const created = data.createTime;
  if (typeof created === 'number' && Number.isFinite(created) && created > 0) {
    out.createdAt = created;
    const expiresAt = created + UNBOUND_KEY_DAYS * DAY;
    if (out.ipRestricted === 'no' && expiresAt > now) out.expiresAt = expiresAt;
  }
  return out;
}

/** LBank: one signed permission query proves the key and says what it may do. */
export const lbankProfile: ExchangeProfile = {
  id: 'lbank',
  sources: [
    'https://www.lbank.com/en-US/docs/index.html ("Query user API Key permissions": POST /v2/supplement/api_Restrictions.do, return example enableSpotTrading/createTime/enableReading/ipRestrict/enableWithdrawals; "The API Key without boundled IP address will expire in 30 days"; REST error codes 10005, 10007, 10022, 10004, 10600, 10116)',
    'https://www.lbank.com/support/articles/21534735816217 (trading keys without bound IP addresses are valid for 30 days; withdrawal keys need an IP)',
    'https://www.lbank.com/support/articles/21535051026457 (Profile → My API → Create New API; purposes Read Only, Trade, Withdraw, Futures, Transfer)',
    'github LBank-exchange/lbank-connector-java src/main/java/com/lbank/open/connector/client/impl/spot/Wallet.java (signed POST /v2/supplement/api_Restrictions.do without parameters)',
    'npm ccxt@4.5.84 js/src/lbank.js (spotPrivatePostSupplementApiRestrictions; sign(): MD5 of the sorted parameters, upper-cased, then hex HMAC-SHA256, or RSA for secrets longer than 32 characters; handleErrors code table)',
  ],
  createKeyPath: 'Profile → My API → Create New API',
  notes: [
    "LBank expires a key that is not bound to an IP address 30 days after it is created; bind the key to Keyward's addresses to keep it.",
    'LBank reports spot trading and withdrawals on a key, but not its futures or transfer rights.',
  ],
  advice: {
    permission_missing:
      "LBank refuses with the same code (10022) when a request comes from an address the key is not bound to: if the key has an IP list, add Keyward's addresses to it (see /help topic:ip-whitelist).",
  },
  readKeyInfo: async (exchange: Exchange) => {
    const raw = await callExchangeMethod(exchange, 'spotPrivatePostSupplementApiRestrictions');
    if (typeof raw !== 'object' || raw === null) throw new BadResponse('lbank answered the API-key permission query with a body that is not JSON');
    return parseLbankKeyInfo(raw, exchange.milliseconds());
  },
  classifyError: classifyLbankError,
  // the docs' sentence names every key without an IP; the date is counted from the reported createTime
  expiryRule: {
    effect: 'expires',
    appliesTo: 'no_ip',
    clock: 'reported',
    days: UNBOUND_KEY_DAYS,
    avoid:
      "Edit the key under Profile → My API on LBank and bind it to Keyward's IP addresses (see /help topic:ip-whitelist): keys bound to an IP do not expire after 30 days.",
    source:
      'https://www.lbank.com/en-US/docs/index.html ("The API Key without boundled IP address will expire in 30 days"); https://www.lbank.com/support/articles/21534735816217 ("Trading APIs without bound IP addresses are valid for 30 days")',
  },
};
