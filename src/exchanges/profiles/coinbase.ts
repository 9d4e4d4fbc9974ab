import { AuthenticationError, BadResponse, BaseError, type Exchange } from '../ccxt-errors.js';
import { callExchangeMethod } from '../ccxt-internals.js';
import { exchangeErrorDetail, type ExchangeErrorDetail } from '../error-code.js';
import type { KeyPermissions, Tri, VerdictKind } from '../types.js';
import type { ExchangeProfile } from './types.js';

const tri = (value: unknown): Tri => (value === true ? 'yes' : value === false ? 'no' : 'unknown');

/**
 * coinbase's key_permissions answer → KeyPermissions. Its one transfer scope covers both moving
 * funds between portfolios and sending them out, so it answers withdraw and transfer alike. It
 * reports neither futures access, an IP allowlist, an expiry nor a creation time: those stay unknown.
 */
export function parseCoinbaseKeyInfo(raw: unknown): KeyPermissions {
  const r = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  return {
    read: tri(r.can_view),
    spotTrade: tri(r.can_trade),
    futuresTrade: 'unknown',
    withdraw: tri(r.can_transfer),
    transfer: tri(r.can_transfer),
    ipRestricted: 'unknown',
  };
}

/** The code and text of coinbase's v2 `{"errors":[{id,message}]}` body, else whatever the shared reader finds. */
function coinbaseDetail(err: unknown): ExchangeErrorDetail {
  const message = err instanceof Error ? err.message : String(err);
  const start = message.indexOf('{');
  if (start >= 0) {
    try {
      const body = JSON.parse(message.slice(start)) as { errors?: unknown; error?: unknown; message?: unknown };
      const first: unknown = Array.isArray(body.errors) ? body.errors[0] : undefined;
      if (first && typeof first === 'object') {
        const { id, message: text } = first as { id?: unknown; message?: unknown };
        if (typeof id === 'string') return { code: id, text: typeof text === 'string' ? text : undefined };
      }
      if (typeof body.error === 'string') return { code: body.error, text: typeof body.message === 'string' ? body.message : undefined };
    } catch {
      // not JSON: the shared reader below decides
    }
  }
  return exchangeErrorDetail(err);
}

/** v2 authentication_error messages name their cause; everything else is told by the error id. */
const BY_TEXT: Array<[RegExp, VerdictKind]> = [
  [/invalid api key/i, 'bad_key'],
  [/invalid signature/i, 'bad_secret'],
  [/timestamp expired/i, 'clock_skew'],
  [/ip (address )?(blocked|not allowed|not whitelisted)/i, 'ip_not_allowed'],
  [/missing required scopes/i, 'permission_missing'],
  [/account is (disabled|locked|suspended)/i, 'account_suspended'],
];

const BY_CODE: Record<string, VerdictKind> = {
  invalid_scope: 'permission_missing',
  PERMISSION_DENIED: 'permission_missing',
  invalid_authentication_method: 'account_suspended',
  expired_token: 'key_expired',
  revoked_token: 'bad_key',
  rate_limit_exceeded: 'rate_limited',
  resource_exhausted: 'rate_limited',
};

/**
 * Why coinbase refused. A JWT (CDP or Ed25519 key) that coinbase rejects gets a bare 401
 * "Unauthorized" whatever the cause — unknown, deleted or expired key, bad signature, clock, IP
 * allowlist — so that stays bad_credentials; legacy keys get a reason. A PEM ccxt could not
 * read never left the machine and is a bad secret.
 */
function classifyCoinbaseError(err: unknown): VerdictKind | undefined {
  const message = err instanceof Error ? err.message : String(err);
  if (!(err instanceof BaseError) && /Unsupported key format|Unknown letter|padding/i.test(message)) return 'bad_secret';
  if (message.includes('error code: 1009')) return 'wrong_region';
  const { code, text = '' } = coinbaseDetail(err);
  for (const [pattern, verdict] of BY_TEXT) if (pattern.test(text)) return verdict;
  if (code !== undefined && BY_CODE[code]) return BY_CODE[code];
  if (err instanceof AuthenticationError && / 401 /.test(message)) return 'bad_credentials';
  return undefined;
}

/** coinbase: key_permissions says which scopes (view, trade, transfer) the key holds. */
export const coinbaseProfile: ExchangeProfile = {
  id: 'coinbase',
  // whether Keyward can create this exchange's key pair itself (see self-generated-keys.ts)
  selfGeneratedKeys: {
    supported: false,
    reason: 'Coinbase creates the key pair itself (ECDSA or Ed25519) and hands out the private key; it takes no uploaded public key.',
    sources: [
      'https://docs.cdp.coinbase.com/get-started/authentication/overview (Secret API Keys are created in the CDP portal; Ed25519 default, ECDSA)',
      'https://docs.cdp.coinbase.com/coinbase-app/authentication-authorization/api-key-authentication (key details are copied or downloaded from the portal)',
      `ccxt 4.5.84, js/src/coinbase.js createAuthToken(): a JWT signed with the private key Coinbase issued`,
    ],
  },
  sources: [
    'https://docs.cdp.coinbase.com/advanced-trade/reference (GET /api/v3/brokerage/key_permissions: schema only)',
    'github coinbase/coinbase-advanced-py coinbase/rest/types/data_api_types.py (can_view, can_trade, can_transfer)',
    'https://docs.cdp.coinbase.com/coinbase-app/authentication-authorization/authorization (Transfer sends funds on and off platform)',
  ],
  displayName: 'Coinbase',
  searchAliases: ['coinbase advanced', 'advanced trade', 'coinbase pro'],
  createKeyPath: 'Coinbase Developer Platform → API Keys → Create API key',
  notes: [
    'Use a Developer Platform key: its name looks like organizations/…/apiKeys/… and its secret is an EC private key.',
    'Paste the whole private key, from -----BEGIN EC PRIVATE KEY----- to -----END EC PRIVATE KEY-----, with its line breaks.',
    'Copied from the downloaded JSON file? Its \\n sequences are turned back into line breaks for you.',
    'Ed25519 keys (an ID with a base64 secret) and older legacy keys also work. Keys that come with a passphrase belong to Coinbase Exchange.',
  ],
  fieldWording: {
    apiKey: {
      label: 'API key name',
      hint: 'The key name, organizations/…/apiKeys/…, or the key ID for Ed25519 and legacy keys.',
      placeholder: 'organizations/…/apiKeys/…',
    },
    secret: {
      label: 'Private key (secret)',
      hint: 'Shown only once, when you create the key. Paste all of it, BEGIN and END lines included.',
      placeholder: '-----BEGIN EC PRIVATE KEY-----',
    },
  },
  pemFields: ['secret'],
  keyShapes: { apiKey: /^organizations\/[\w-]+\/apiKeys\/[\w-]+$/, secret: /^-----BEGIN [A-Z ]*PRIVATE KEY-----/ },
  async readKeyInfo(exchange: Exchange) {
    const raw = await callExchangeMethod(exchange, 'v3PrivateGetBrokerageKeyPermissions');
    if (!raw || typeof raw !== 'object') throw new BadResponse('coinbase key_permissions answered with something that is not an object');
    return parseCoinbaseKeyInfo(raw);
  },
  classifyError: classifyCoinbaseError,
  tradeProbe: { symbol: 'BTC/USD' },
};
