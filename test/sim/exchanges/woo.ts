/**
 * Simulated WOO X (API v3): instruments, tokens, time, tickers, balances, the credentials list and
 * order cancel. Signed requests are checked as ccxt signs them: hex HMAC-SHA256 of
 * timestamp + method + '/v3/' + path (+ '?' + query, or + JSON body), headers x-api-key,
 * x-api-timestamp and x-api-signature.
 */
import { createHmac } from 'node:crypto';
import { fixtures } from '../../fixtures/exchanges/woo.js';
import { sourcedError } from '../documented.js';
import type { ResolvedKey, SimContext, SimExchange, SimRequest, SimResponse } from '../types.js';

/** WOO's receive window when none is sent (the window in ccxt's quoted 317179 message). */
const WINDOW_MS = 5_000;

const ok = (data: unknown, now: number): SimResponse => ({ status: 200, body: { success: true, data, timestamp: now } });
/** WOO's error envelope; the body and source come from the documented corpus where it holds the code. */
const refuse = (code: number, message: string, status = 400): SimResponse =>
  sourcedError(fixtures, String(code), { status, body: { success: false, code, message } });

const amount = (n: number): string => String(Number(n.toFixed(8)));

const instrument = (symbol: string, quoteTick: string, baseTick: string) => ({
  symbol,
  status: 'TRADING',
  baseAsset: symbol.split('_')[1],
  baseAssetMultiplier: 1,
  quoteAsset: symbol.split('_')[2],
  quoteMin: '0',
  quoteMax: '100000',
  quoteTick,
  baseMin: baseTick,
  baseMax: '5000',
  baseTick,
  minNotional: '1',
  bidCapRatio: '1.1',
  bidFloorRatio: null,
  askCapRatio: null,
  askFloorRatio: '0.9',
  orderMode: 'NORMAL',
  impactNotional: null,
  isAllowedRpi: false,
  tickGranularity: null,
});

const token = (coin: string, network: string, decimals: string) => ({
  token: `${network}_${coin}`,
  fullname: coin,
  network,
  decimals,
  delisted: false,
  balance_token: coin,
  created_time: '1710123398',
  updated_time: '1746528481',
  can_collateral: true,
  can_short: true,
});
const tokenNetwork = (coin: string, network: string, fee: number) => ({
  protocol: network,
  network,
  token: coin,
  name: coin,
  minimum_withdrawal: fee * 2,
  withdrawal_fee: fee,
  allow_deposit: 1,
  allow_withdraw: 1,
});

type Answer = (req: SimRequest, ctx: SimContext) => SimResponse;

// shapes follow ccxt's quoted bodies in js/src/woo.js (fetchMarkets, fetchCurrencies, fetchTime)
const publicRoutes: Record<string, Answer> = {
  'GET /v3/public/systemInfo': (_r, ctx) => ok({ status: 0, msg: 'System is functioning properly.', estimatedEndTime: ctx.now() }, ctx.now()),
  'GET /v3/public/instruments': (_r, ctx) =>
    ok(
      {
        rows: [instrument('SPOT_BTC_USDT', '0.01', '0.000001'), instrument('SPOT_ETH_USDT', '0.01', '0.0001'), instrument('PERP_BTC_USDT', '0.1', '0.0001')],
      },
      ctx.now(),
    ),
  'GET /v1/public/token': () => ({
    status: 200,
    body: { rows: [token('BTC', 'BTC', '8'), token('USDT', 'ETH', '6'), token('ETH', 'ETH', '18')], success: true },
  }),
  'GET /v1/public/token_network': () => ({
    status: 200,
    body: { rows: [tokenNetwork('BTC', 'BTC', 0.0005), tokenNetwork('USDT', 'ETH', 5), tokenNetwork('ETH', 'ETH', 0.005)], success: true },
  }),
  // prices are not needed by any test: the simulated market lists no tickers
  'GET /v3/public/futures': (_r, ctx) => ok({ rows: [] }, ctx.now()),
};

interface PrivateRoute {
  /** the permission word the key must hold */
  needs: 'READ' | 'TRADE';
  answer: (req: SimRequest, key: ResolvedKey, ctx: SimContext) => SimResponse;
}

/** The key's permission words as WOO lists them. */
const permissions = (key: ResolvedKey): string[] =>
  [key.read && 'READ', (key.spotTrade || key.futuresTrade) && 'TRADE', key.withdraw && 'WITHDRAWAL'].filter((p): p is string => typeof p === 'string');

/** A row of the credentials list; WOO leaves allowedIPs out for a key without an IP restriction. */
const credentialsRow = (apiKey: string, perms: string[], ips: string[]) => ({
  accountName: 'Main',
  userId: 12523,
  apiKey,
  permissions: perms,
  ...(ips.length > 0 ? { allowedIPs: ips } : {}),
});

/** One row of the documented balance example, whose field list each simulated row copies. */
const DOCUMENTED_HOLDING = (fixtures.balance['documented-example']!.body as { data: { holding: Record<string, unknown>[] } }).data.holding[0]!;

const privateRoutes: Record<string, PrivateRoute> = {
  // the account also holds another key: the checker must pick its own row
  'GET /v3/account/credentials': {
    needs: 'READ',
    answer: (_r, key, ctx) =>
      ok(
        {
          rows: [
            credentialsRow('+Pxxxxxxxxxxxxxxxxxxxx==', ['READ', 'TRADE', 'WITHDRAWAL'], ['123.0.0.1', '124.2.1.1']),
            credentialsRow(key.apiKey, permissions(key), key.ips),
          ],
          meta: { total: 2, recordsPerPage: 25, currentPage: 1 },
        },
        ctx.now(),
      ),
  },
  'GET /v3/asset/balances': {
    needs: 'READ',
    answer: (_r, key, ctx) =>
      ok(
        {
          // the documented row, with this key's amounts: every other field keeps the documented shape
          holding: Object.entries(key.balances).map(([coin, b]) => ({
            ...DOCUMENTED_HOLDING,
            token: coin,
            holding: amount(b.free + b.used),
            frozen: amount(b.used),
            availableBalance: amount(b.free),
            averageOpenPrice: '0',
            markPrice: '0',
            timestamp: ctx.now(),
          })),
        },
        ctx.now(),
      ),
  },
  // the simulated book holds no orders
  'DELETE /v3/trade/order': { needs: 'TRADE', answer: () => refuse(-1006, 'Your order and symbol are not valid or already canceled') },
};

const hmac = (text: string, secret: string): string => createHmac('sha256', secret).update(text).digest('hex');
const callerIp = (ip: string): string => ip.replace(/^::ffff:/, '');

/** WOO's checks: headers, receive window, key, signature, then the key's IP list, state and permission. */
function authenticate(req: SimRequest, ctx: SimContext, needs: PrivateRoute['needs']): ResolvedKey | SimResponse {
  const h = req.headers;
  const apiKey = h['x-api-key'];
  const stamp = h['x-api-timestamp'];
  const signature = h['x-api-signature'];
  // -1002 is documented for a missing key, a bad signature, a missing permission and a revoked key alike
  const invalid = (): SimResponse =>
    refuse(-1002, 'API key or secret is invalid, it may because key have insufficient permission or the key is expired/revoked.', 401);
  if (!apiKey || !signature || !stamp || !/^\d{13}$/.test(stamp)) return invalid();
  if (ctx.rejectTimestamps || Math.abs(ctx.now() - Number(stamp)) > WINDOW_MS) {
    return refuse(317179, `Request has failed as the receive window: ${WINDOW_MS} millisecond is exceeded from ${stamp}`);
  }
  const key = ctx.key(apiKey);
  if (!key || key.state === 'revoked' || (key.expiresAt !== undefined && key.expiresAt < ctx.now())) return invalid();
  const signed = stamp + req.method + req.path + (req.rawQuery ? `?${req.rawQuery}` : '') + req.body;
  if (signature !== hmac(signed, key.secret)) return invalid();
  // assumed: no source gives WOO's answer to a caller outside the key's IP list or a frozen account
  if (key.ips.length > 0 && !key.ips.includes(callerIp(req.ip))) return invalid();
  if (key.state === 'suspended' || !permissions(key).includes(needs)) return invalid();
  return key;
}

/** WOO X as ccxt meets it, so key checks are tested against WOO's own codes without reaching WOO. */
const woo: SimExchange = {
  id: 'woo',
  routeSources: {
    'GET /v3/account/credentials': fixtures.keyInfo['documented-example']!.source,
    'GET /v3/asset/balances': fixtures.balance['documented-example']!.source,
  },
  isPrivate: (req) => `${req.method} ${req.path}` in privateRoutes || 'x-api-key' in req.headers,
  handle(req, ctx) {
    const route = `${req.method} ${req.path}`;
    const pub = publicRoutes[route];
    if (pub) return pub(req, ctx);
    const priv = privateRoutes[route];
    if (!priv) return { status: 404, body: { success: false, code: -1006, message: 'The data is not found in server.' } };
    const key = authenticate(req, ctx, priv.needs);
    return 'status' in key ? key : priv.answer(req, key, ctx);
  },
  maintenance: () => refuse(-1011, 'The system is under maintenance.', 503),
  rateLimited: () => refuse(-1003, 'Rate limit exceed.', 429),
  // made up: no source gives WOO's answer from a restricted location
  restrictedLocation: () => ({ status: 403, body: { success: false, code: -1000, message: 'Service is not available in your region.' } }),
};

export default woo;
