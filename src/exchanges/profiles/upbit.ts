import { BadResponse, type Exchange } from '../ccxt-errors.js';
import { callExchangeMethod } from '../ccxt-internals.js';
import type { KeyPermissions, VerdictKind } from '../types.js';
import { unknownPermissions } from '../types.js';
import type { ExchangeProfile } from './types.js';

/** Upbit names its errors ({"error":{"name","message"}}); the name decides, since ccxt leaves most of them plain. */
const VERDICTS = new Map<string, VerdictKind>(
  Object.entries({
    invalid_access_key: 'bad_key',
    jwt_verification: 'bad_secret', // the token's signature did not verify
    invalid_query_payload: 'bad_credentials',
    expired_access_key: 'key_expired',
    no_authorization_i_p: 'ip_not_allowed',
    out_of_scope: 'permission_missing',
    too_many_requests: 'rate_limited',
  } satisfies Record<string, VerdictKind>),
);

/** The error name in an Upbit answer quoted by a ccxt error message. */
function upbitErrorName(err: unknown): string | undefined {
  const message = err instanceof Error ? err.message : String(err);
  return message.match(/"name"\s*:\s*"([a-z_]+)"/)?.[1];
}

/**
 * Reads Upbit's key list: every key of the account with its access_key and expire_at, nothing
 * about permissions or IP addresses. Only the row of the key being checked counts.
 */
export function parseUpbitKeyInfo(raw: unknown, accessKey: string): KeyPermissions {
  const out = unknownPermissions();
  if (!Array.isArray(raw)) return out;
  const row = raw.find((r): r is Record<string, unknown> => typeof r === 'object' && r !== null && (r as { access_key?: unknown }).access_key === accessKey);
  const expires = typeof row?.expire_at === 'string' ? Date.parse(row.expire_at) : Number.NaN;
  if (Number.isFinite(expires)) out.expiresAt = expires;
  return out;
}

/**
 * Upbit (Korea): the key list proves the key and says when it expires. Upbit documents no call that
 * says what a key may do, so trading is probed by cancelling a made-up order and withdrawal stays
 * unknown (the withdrawal question then goes to the user).
 */
export const upbitProfile: ExchangeProfile = {
  id: 'upbit',
  sources: [
    'https://docs.upbit.com/kr/reference/list-api-keys (GET /v1/api_keys: every key of the account with access_key and expire_at; no permission needed; no permission or IP fields)',
    'https://docs-e.upbit.com/reference/open-api-key-list (keys work only from the IP addresses entered at issue; valid one year, cannot be extended)',
    'https://docs.upbit.com/docs/api-주요-에러-코드-목록 (401 names: invalid_query_payload, jwt_verification, expired_access_key, nonce_used, no_authorization_i_p, out_of_scope)',
    'npm ccxt@4.5.84 js/src/upbit.js (privateGetApiKeys "Upbit KR only", JWT HS256 signing with query_hash, exceptions: out_of_scope PermissionDenied, order_not_found OrderNotFound)',
  ],
  notes: [
    'Upbit keys work only from the IP addresses entered when the key was made: enter the address of the server that runs Keyward.',
    'An Upbit key is valid for one year and cannot be extended; make a new one before it expires.',
    'Upbit does not say whether a key may withdraw; unless the operator chose otherwise, Keyward asks you to confirm withdrawals are off.',
  ],
  readKeyInfo: async (exchange: Exchange) => {
    const raw = await callExchangeMethod(exchange, 'privateGetApiKeys');
    // ccxt hands back the raw text when the body is not JSON; that is no proof the key works
    if (!Array.isArray(raw)) throw new BadResponse('upbit answered the key list call with a body that is not a list');
    return parseUpbitKeyInfo(raw, exchange.apiKey);
  },
  classifyError: (err) => {
    const name = upbitErrorName(err);
    return name === undefined ? undefined : VERDICTS.get(name);
  },
  // ccxt raises OrderNotFound for order_not_found and PermissionDenied for out_of_scope
  tradeProbe: { symbol: 'BTC/KRW' },
};
