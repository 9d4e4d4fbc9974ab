/**
 * Simulated Deribit (API v2 over HTTP GET): time, currencies, instruments, the key list, account
 * summaries and order cancel. Signed requests are checked as ccxt signs them (deri-hmac-sha256): hex
 * HMAC-SHA256 of ts + "\n" + nonce + "\n" + METHOD + "\n" + path?query + "\n" + body + "\n", sent as
 * Authorization: deri-hmac-sha256 id=…,ts=…,sig=…,nonce=….
 */
import { createHmac } from 'node:crypto';
import { fixtures } from '../../fixtures/exchanges/deribit.js';
import { sourcedError } from '../documented.js';
import type { ResolvedKey, SimContext, SimExchange, SimRequest, SimResponse } from '../types.js';

const CCXT = 'npm ccxt@4.5.84 js/src/deribit.js';

/** Deribit's JSON-RPC envelope; its timing fields are microseconds. */
const envelope = (now: number) => ({ jsonrpc: '2.0', usIn: now * 1000, usOut: now * 1000 + 36, usDiff: 36, testnet: false });
const ok = (result: unknown, now: number): SimResponse => ({ status: 200, body: { ...envelope(now), result } });
/** An RPC error: the documented body where the corpus holds the code. */
const refuse = (code: number, message: string, now: number, status = 400): SimResponse =>
  sourcedError(fixtures, String(code), { status, body: { ...envelope(now), error: { message, code } } });

const instrument = (name: string, base: string, kind: string, period: string, tick: number) => ({
  tick_size: tick,
  taker_commission: 0.0005,
  settlement_period: period,
  settlement_currency: base,
  rfq: false,
  quote_currency: 'USD',
  price_index: `${base.toLowerCase()}_usd`,
  min_trade_amount: 10,
  max_liquidation_commission: 0.0075,
  max_leverage: 50,
  maker_commission: 0,
  kind,
  is_active: true,
  instrument_name: name,
  instrument_id: 124972,
  expiration_timestamp: 32503708800000,
  creation_timestamp: 1534242287000,
  counter_currency: 'USD',
  contract_size: 10,
  block_trade_tick_size: 0.01,
  block_trade_min_trade_amount: 200000,
  block_trade_commission: 0.00025,
  base_currency: base,
});

const currency = (code: string, name: string, fee: number) => ({
  withdrawal_priorities: [],
  withdrawal_fee: fee,
  min_withdrawal_fee: fee,
  min_confirmations: 1,
  fee_precision: 4,
  currency_long: name,
  currency: code,
  coin_type: code === 'BTC' ? 'BITCOIN' : 'ETHER',
});

type Answer = (req: SimRequest, ctx: SimContext) => SimResponse;

// shapes follow the bodies ccxt quotes in js/src/deribit.js (fetchTime, fetchCurrencies, fetchMarkets)
const publicRoutes: Record<string, Answer> = {
  'GET /api/v2/public/get_time': (_r, ctx) => ok(ctx.now(), ctx.now()),
  'GET /api/v2/public/get_currencies': (_r, ctx) => ok([currency('BTC', 'Bitcoin', 0.0001), currency('ETH', 'Ethereum', 0.0015)], ctx.now()),
  'GET /api/v2/public/get_instruments': (_r, ctx) =>
    ok([instrument('BTC-PERPETUAL', 'BTC', 'future', 'perpetual', 0.5), instrument('ETH-PERPETUAL', 'ETH', 'future', 'perpetual', 0.05)], ctx.now()),
};

interface PrivateRoute {
  /** the scope the method needs */
  needs: 'account' | 'trade';
  answer: (req: SimRequest, key: ResolvedKey, ctx: SimContext) => SimResponse;
}

/** The key's max_scope as Deribit lists it. */
const maxScope = (key: ResolvedKey): string =>
  [
    `account:${key.read ? 'read' : 'none'}`,
    'block_trade:read',
    `trade:${key.spotTrade || key.futuresTrade ? 'read_write' : 'read'}`,
    `wallet:${key.withdraw ? 'read_write' : 'read'}`,
  ].join(' ');

/** The documented example's first row: another key of the same account, disabled. */
const otherKey = Object.values(fixtures.keyInfo)[0]!.body as { result: object[] };

const privateRoutes: Record<string, PrivateRoute> = {
  'GET /api/v2/private/list_api_keys': {
    needs: 'account',
    answer: (_r, key, ctx) =>
      ok(
        [
          otherKey.result[0],
          {
            timestamp: key.createdAt,
            max_scope: maxScope(key),
            id: 3,
            enabled: true,
            default: false,
            client_secret: key.secret,
            client_id: key.apiKey,
            name: '',
            enabled_features: [],
            ...(key.ips.length > 0 ? { ip_whitelist: key.ips } : {}),
          },
        ],
        ctx.now(),
      ),
  },
  'GET /api/v2/private/get_account_summaries': {
    needs: 'account',
    answer: (_r, key, ctx) =>
      ok(
        {
          summaries: Object.entries(key.balances).map(([code, b]) => ({
            currency: code,
            equity: b.free + b.used,
            available_funds: b.free,
            maintenance_margin: b.used,
            balance: b.free + b.used,
          })),
        },
        ctx.now(),
      ),
  },
  // the simulated book holds no orders
  'GET /api/v2/private/cancel': { needs: 'trade', answer: (_r, _k, ctx) => refuse(10004, 'order_not_found', ctx.now()) },
};

const hmac = (text: string, secret: string): string => createHmac('sha256', secret).update(text).digest('hex');
const callerIp = (ip: string): string => ip.replace(/^::ffff:/, '');

/** The parts of a deri-hmac-sha256 Authorization header. */
function authorization(header: string | undefined): Record<string, string> | undefined {
  const match = header?.match(/^deri-hmac-sha256 (.+)$/);
  if (!match) return undefined;
  return Object.fromEntries(match[1]!.split(',').map((p) => [p.slice(0, p.indexOf('=')), p.slice(p.indexOf('=') + 1)]));
}

/** Deribit's checks: credentials and signature, then (undocumented answers) IP list and account lock, then the scope. */
function authenticate(req: SimRequest, ctx: SimContext, needs: PrivateRoute['needs']): ResolvedKey | SimResponse {
  const now = ctx.now();
  const auth = authorization(req.headers.authorization);
  if (!auth?.id || !auth.ts || !auth.sig || !auth.nonce) return refuse(10000, 'authorization_required', now);
  const key = ctx.key(auth.id);
  // an unknown client id is invalid_credentials, a deleted or lapsed key too
  if (!key || key.state === 'revoked' || (key.expiresAt !== undefined && key.expiresAt < now)) return refuse(13004, 'invalid_credentials', now);
  const requestData = `${req.method}\n${req.path}${req.rawQuery ? `?${req.rawQuery}` : ''}\n${req.body}\n`;
  if (auth.sig !== hmac(`${auth.ts}\n${auth.nonce}\n${requestData}`, key.secret)) return refuse(13009, 'unauthorized', now); // "bad signature"
  // made up: no source gives Deribit's answer to a caller outside the whitelist or to a locked account
  if ((key.ips.length > 0 && !key.ips.includes(callerIp(req.ip))) || key.state === 'suspended') {
    return { status: 403, body: { ...envelope(now), error: { message: 'forbidden_by_simulator', code: 13999 } } };
  }
  if (!(needs === 'account' ? key.read : key.spotTrade || key.futuresTrade)) return refuse(13021, 'forbidden', now);
  return key;
}

/** Deribit as ccxt meets it, so key checks are tested against Deribit's own codes without reaching Deribit. */
const deribit: SimExchange = {
  id: 'deribit',
  routeSources: {
    'GET /api/v2/private/list_api_keys': fixtures.keyInfo['documented-example']!.source,
    'GET /api/v2/private/get_account_summaries': fixtures.balance['funded-summaries']!.source,
  },
  isPrivate: (req) => req.path.startsWith('/api/v2/private/'),
  handle(req, ctx) {
    const route = `${req.method} ${req.path}`;
    const pub = publicRoutes[route];
    if (pub) return pub(req, ctx);
    const priv = privateRoutes[route];
    if (!priv) return { status: 404, body: { ...envelope(ctx.now()), error: { message: 'Method not found', code: -32601 } } };
    const key = authenticate(req, ctx, priv.needs);
    return 'status' in key ? key : priv.answer(req, key, ctx);
  },
  maintenance: () => ({
    status: 503,
    source: `${CCXT} exceptions '11051' ('system_maintenance' System is under maintenance.)`,
    body: { ...envelope(Date.now()), error: { message: 'system_maintenance', code: 11051 } },
  }),
  rateLimited: () => refuse(10028, 'too_many_requests', Date.now(), 429),
  // made up: no source gives Deribit's answer from a restricted location
  restrictedLocation: () => ({ status: 403, body: { ...envelope(Date.now()), error: { message: 'forbidden_by_simulator', code: 13999 } } }),
};

export default deribit;
