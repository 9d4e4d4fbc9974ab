/**
 * Simulated Upbit (Korea, API v1): markets, accounts, the key list and order cancel. Signed requests
 * carry Authorization: Bearer <JWT>, checked as ccxt builds it: HS256 over base64url(header) + "." +
 * base64url(payload) with the secret, payload {access_key, nonce (a fresh UUID)} plus query_hash, the
 * SHA-512 hex of the unescaped query, whenever the request has one.
 */
import { createHash, createHmac } from 'node:crypto';
import { fixtures } from '../../fixtures/exchanges/upbit.js';
import { sourcedError } from '../documented.js';
import type { ResolvedKey, SimContext, SimExchange, SimRequest, SimResponse } from '../types.js';

/** Upbit's documented error envelope, with the corpus body where it holds the name. */
const refuse = (name: string, message: string, status = 401): SimResponse => sourcedError(fixtures, name, { status, body: { error: { message, name } } });

const amount = (n: number): string => String(Number(n.toFixed(8)));

const market = (id: string, korean: string, english: string) => ({ market: id, korean_name: korean, english_name: english });

/** One ticker row of GET /v1/ticker/all (https://docs.upbit.com/kr/reference/list-quote-tickers), prices made up. */
const ticker = (id: string, price: number, now: number) => ({
  market: id,
  trade_date: '20261130',
  trade_time: '120000',
  trade_timestamp: now,
  opening_price: price,
  high_price: price,
  low_price: price,
  trade_price: price,
  prev_closing_price: price,
  change: 'EVEN',
  change_price: 0,
  change_rate: 0,
  signed_change_price: 0,
  signed_change_rate: 0,
  trade_volume: 0.01,
  acc_trade_price: 1000000,
  acc_trade_price_24h: 1000000,
  acc_trade_volume: 10,
  acc_trade_volume_24h: 10,
  highest_52_week_price: price,
  highest_52_week_date: '2026-01-01',
  lowest_52_week_price: price,
  lowest_52_week_date: '2026-01-01',
  timestamp: now,
});

// the shape of GET /v1/market/all as https://docs.upbit.com/kr/reference/list-trading-pairs gives it
const publicRoutes: Record<string, (ctx: SimContext) => SimResponse> = {
  'GET /v1/ticker/all': (ctx) => ({
    status: 200,
    body: [ticker('KRW-BTC', 135000000, ctx.now()), ticker('KRW-ETH', 4500000, ctx.now()), ticker('BTC-ETH', 0.0333, ctx.now())],
  }),
  'GET /v1/market/all': () => ({
    status: 200,
    body: [market('KRW-BTC', '비트코인', 'Bitcoin'), market('KRW-ETH', '이더리움', 'Ethereum'), market('BTC-ETH', '이더리움', 'Ethereum')],
  }),
};

interface PrivateRoute {
  /** what the key must be allowed to do; 'none' for the key list, which needs no permission */
  needs: 'none' | 'read' | 'trade';
  answer: (req: SimRequest, key: ResolvedKey, ctx: SimContext) => SimResponse;
}

/** Upbit gives expire_at in Korean time. */
const kst = (ms: number): string => `${new Date(ms + 9 * 3_600_000).toISOString().slice(0, 19)}+09:00`;
const YEAR_MS = 365 * 86_400_000;

const privateRoutes: Record<string, PrivateRoute> = {
  // the list holds every key of the account: another key besides the caller's
  'GET /v1/api_keys': {
    needs: 'none',
    answer: (_r, key) => ({
      status: 200,
      body: [
        { access_key: 'yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy', expire_at: '2027-02-01T09:00:00+09:00' },
        { access_key: key.apiKey, expire_at: kst(key.expiresAt ?? key.createdAt + YEAR_MS) },
      ],
    }),
  },
  'GET /v1/accounts': {
    needs: 'read',
    answer: (_r, key) => ({
      status: 200,
      body: Object.entries(key.balances).map(([currency, b]) => ({
        currency,
        balance: amount(b.free),
        locked: amount(b.used),
        avg_buy_price: '0',
        avg_buy_price_modified: false,
        unit_currency: 'KRW',
      })),
    }),
  },
  // the simulated book holds no orders
  'DELETE /v1/order': { needs: 'trade', answer: () => refuse('order_not_found', '주문을 찾지 못했습니다.', 404) },
};

const base64url = (buf: Buffer): string => buf.toString('base64').replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
const callerIp = (ip: string): string => ip.replace(/^::ffff:/, '');
/** ccxt hashes the query before percent-encoding (rawencode). */
const unescapedQuery = (raw: string): string =>
  raw
    .split('&')
    .map((p) => decodeURIComponent(p))
    .join('&');

/** The JWT's payload, or undefined when the token is not one. */
function payloadOf(token: string): Record<string, unknown> | undefined {
  try {
    return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

/** Upbit's checks: token, key, signature, query hash, nonce, expiry, IP, then the permission. */
function authenticate(req: SimRequest, ctx: SimContext, needs: PrivateRoute['needs'], usedNonces: Set<string>): ResolvedKey | SimResponse {
  const token = req.headers.authorization?.match(/^Bearer (.+)$/)?.[1];
  const payload = token ? payloadOf(token) : undefined;
  if (!token || !payload || token.split('.').length !== 3) return refuse('jwt_verification', 'Jwt 토큰 검증에 실패했습니다.');
  const key = typeof payload.access_key === 'string' ? ctx.key(payload.access_key) : undefined;
  // a deleted key is one Upbit does not know
  if (!key || key.state === 'revoked') return refuse('invalid_access_key', '잘못된 엑세스 키입니다.');
  const [header, body, signature] = token.split('.') as [string, string, string];
  if (signature !== base64url(createHmac('sha256', key.secret).update(`${header}.${body}`).digest())) {
    return refuse('jwt_verification', 'Jwt 토큰 검증에 실패했습니다.');
  }
  if (req.rawQuery && payload.query_hash !== createHash('sha512').update(unescapedQuery(req.rawQuery)).digest('hex')) {
    return refuse('invalid_query_payload', 'Jwt의 query를 검증하는데 실패하였습니다.');
  }
  const nonce = String(payload.nonce);
  if (usedNonces.has(nonce)) return refuse('nonce_used', '이미 요청한 nonce값이 다시 사용되었습니다.');
  usedNonces.add(nonce);
  if (key.expiresAt !== undefined && key.expiresAt < ctx.now()) return refuse('expired_access_key', 'This key has expired.');
  if (key.ips.length > 0 && !key.ips.includes(callerIp(req.ip))) return refuse('no_authorization_i_p', '허용되지 않은 IP 주소입니다.');
  if (needs !== 'none' && !(needs === 'read' ? key.read : key.spotTrade)) return refuse('out_of_scope', '권한이 부족합니다.');
  return key;
}

const usedNonces = new Set<string>();

/** Upbit as ccxt meets it, so key checks are tested against Upbit's own error names without reaching Upbit. */
const upbit: SimExchange = {
  id: 'upbit',
  routeSources: {
    'GET /v1/api_keys': fixtures.keyInfo['several-keys']!.source,
    'GET /v1/accounts': fixtures.balance.funded!.source,
  },
  isPrivate: (req) => 'authorization' in req.headers,
  handle(req, ctx) {
    const route = `${req.method} ${req.path}`;
    const pub = publicRoutes[route];
    if (pub) return pub(ctx);
    const priv = privateRoutes[route];
    if (!priv) return { status: 404, body: { error: { message: 'Not Found', name: 404 } } };
    const key = authenticate(req, ctx, priv.needs, usedNonces);
    return 'status' in key ? key : priv.answer(req, key, ctx);
  },
  // made up: no source gives Upbit's answer during maintenance
  maintenance: () => ({ status: 503, body: { error: { message: 'Service Unavailable', name: 'server_maintenance' } } }),
  rateLimited: () => refuse('429', 'Too many API requests.', 429),
  // made up: no source gives Upbit's answer from a restricted location
  restrictedLocation: () => ({ status: 403, body: { error: { message: 'Forbidden', name: 'forbidden' } } }),
};

export default upbit;
