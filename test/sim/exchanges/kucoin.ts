/**
 * Simulated kucoin (classic spot account): symbols, margin symbols, tickers, futures contracts,
 * currencies, time, account mode, trade-account balances, API key info and order cancel. Signed
 * requests are checked as kucoin checks v2 keys: base64 HMAC-SHA256 of timestamp + method +
 * endpoint + body, the passphrase itself HMAC'd with the secret, a 5 s window.
 */
import { createHmac } from 'node:crypto';
import { fixtures } from '../../fixtures/exchanges/kucoin.js';
import { sourcedError } from '../documented.js';
import type { ResolvedKey, SimContext, SimExchange, SimRequest, SimResponse } from '../types.js';
import { kucoinContracts, kucoinCurrencies, kucoinIsolatedSymbols, kucoinMarginSymbols, kucoinPrices, kucoinSymbols } from './_kucoin-data.js';

const WINDOW_MS = 5_000;

export const ok = (data: unknown): SimResponse => ({ status: 200, body: { code: '200000', data } });
const fail = (status: number, code: string, msg: string): SimResponse => sourcedError(fixtures, code, { status, body: { code, msg } });

const amount = (n: number): string => String(Number(n.toFixed(8)));

const publicRoutes: Record<string, (req: SimRequest, ctx: SimContext) => SimResponse> = {
  'GET /api/v1/timestamp': (_req, ctx) => ({ status: 200, body: { code: '200000', msg: 'success', data: ctx.now() } }),
  'GET /api/v2/symbols': () => ok(kucoinSymbols),
  'GET /api/v1/market/allTickers': (_req, ctx) => ok({ time: ctx.now(), ticker: tickers() }),
  'GET /api/v1/contracts/active': () => ok(kucoinContracts),
  'GET /api/v3/currencies': () => ok(kucoinCurrencies),
};

export interface PrivateRoute {
  /** what the key must be allowed to do: General (read) or Spot (trade) */
  needs: 'read' | 'trade';
  answer: (req: SimRequest, key: ResolvedKey, ctx: SimContext) => SimResponse;
}

const SPOT_PRIVATE_ROUTES: Record<string, PrivateRoute> = {
  'GET /api/v3/margin/symbols': { needs: 'read', answer: (_r, _k, ctx) => ok({ timestamp: ctx.now(), items: kucoinMarginSymbols }) },
  'GET /api/v1/isolated/symbols': { needs: 'read', answer: () => ok(kucoinIsolatedSymbols) },
  'GET /api/v1/hf/accounts/opened': { needs: 'read', answer: (_r, key) => ok(key.accountMode === 'hf') },
  'GET /api/ua/v1/account/mode': { needs: 'read', answer: () => ok({ selfAccountMode: 'CLASSIC' }) },
  'GET /api/v1/accounts': { needs: 'read', answer: (req, key) => ok(accounts(key, req.query.get('type'))) },
  'GET /api/v1/user/api-key': { needs: 'read', answer: (_req, key) => ok(apiKeyInfo(key)) },
};

/** DELETE /api/v1/orders/{orderId}: the simulated book holds no orders, so every id is unknown. */
const CANCEL = /^\/api\/v1\/orders\/[^/]+$/;
const cancelRoute: PrivateRoute = { needs: 'trade', answer: () => fail(200, '400100', 'order_not_exist_or_not_allow_to_cancel') };

const routeOf = (privateRoutes: Record<string, PrivateRoute>, req: SimRequest): PrivateRoute | undefined =>
  privateRoutes[`${req.method} ${req.path}`] ?? (req.method === 'DELETE' && CANCEL.test(req.path) ? cancelRoute : undefined);

function tickers(): object[] {
  return Object.entries(kucoinPrices).map(([symbol, last]) => ({
    symbol,
    symbolName: symbol,
    buy: last,
    bestBidSize: '1',
    sell: last,
    bestAskSize: '1',
    changeRate: '0.0012',
    changePrice: '0.1',
    high: last,
    low: last,
    vol: '100',
    volValue: '1000000',
    last,
    averagePrice: last,
    takerFeeRate: '0.001',
    makerFeeRate: '0.001',
    takerCoefficient: '1',
    makerCoefficient: '1',
  }));
}

/** The wallet holds the key's balances: trade_hf on a high-frequency account, trade otherwise. */
function accounts(key: ResolvedKey, type: string | null): object[] {
  const wallet = key.accountMode === 'hf' ? 'trade_hf' : 'trade';
  if (type !== null && type !== wallet) return [];
  return Object.entries(key.balances).map(([currency, b], i) => ({
    id: `6632a1f0c5e8b3000${i}7f4e21`,
    currency,
    type: wallet,
    balance: amount(b.free + b.used),
    available: amount(b.free),
    holds: amount(b.used),
  }));
}

/** kucoin masks the middle of each whitelisted address and lists permissions as one comma string. */
function apiKeyInfo(key: ResolvedKey): object {
  const permission = [
    key.read && 'General',
    key.spotTrade && 'Spot',
    key.futuresTrade && 'Futures',
    key.withdraw && 'Transfer',
    key.transfer && 'InnerTransfer',
  ]
    .filter(Boolean)
    .join(',');
  const masked = key.ips.map((ip) => ip.replace(/^(\d+)\.\d+\.\d+\.(\d+)$/, '$1.**.$2'));
  return {
    remark: 'keyward-sim',
    apiKey: key.apiKey,
    apiVersion: 3,
    permission,
    ipWhitelist: masked.join(','),
    createdAt: key.createdAt,
    uid: 165111215,
    isMaster: true,
  };
}

const hmac = (text: string, secret: string): string => createHmac('sha256', secret).update(text).digest('base64');
const callerIp = (ip: string): string => ip.replace(/^::ffff:/, '');

/** kucoin's own checks, in its order: headers, timestamp, key, passphrase, signature, IP, account state, permission. */
function authenticate(req: SimRequest, ctx: SimContext, needs: PrivateRoute['needs']): ResolvedKey | SimResponse {
  const h = req.headers;
  const apiKey = h['kc-api-key'];
  const stamp = h['kc-api-timestamp'];
  const passphrase = h['kc-api-passphrase'];
  const signature = h['kc-api-sign'];
  if (!apiKey || !stamp || !passphrase || !signature) {
    return fail(401, '400001', 'Please check the header of your request for KC-API-KEY, KC-API-SIGN, KC-API-TIMESTAMP, KC-API-PASSPHRASE');
  }
  if (ctx.rejectTimestamps || !(Math.abs(ctx.now() - Number(stamp)) <= WINDOW_MS)) {
    return fail(401, '400002', 'KC-API-TIMESTAMP Invalid -- Time differs from server time by more than 5 seconds');
  }
  const key = ctx.key(apiKey);
  // a deleted or lapsed key no longer exists for kucoin; so is a key made for the separate futures platform
  if (!key || key.state === 'revoked' || (key.expiresAt !== undefined && key.expiresAt < ctx.now())) {
    return fail(401, '400003', 'KC-API-KEY not exists');
  }
  const expected = h['kc-api-key-version'] === '2' ? hmac(key.password ?? '', key.secret) : key.password;
  if (passphrase !== expected) return fail(401, '400004', 'Invalid KC-API-PASSPHRASE');
  const query = req.rawQuery ? `?${req.rawQuery}` : '';
  if (signature !== hmac(stamp + req.method + req.path + query + req.body, key.secret)) {
    return fail(401, '400005', 'Invalid KC-API-SIGN');
  }
  if (key.ips.length > 0 && !key.ips.includes(callerIp(req.ip))) {
    return fail(401, '400006', 'The IP address is not in the API whitelist');
  }
  if (key.state === 'suspended') return fail(403, '411100', 'User is frozen -- Please contact us via support center');
  if (!(needs === 'read' ? key.read : key.spotTrade)) {
    return fail(403, '400007', 'Access Denied -- Your API key does not have sufficient permissions to access the URI');
  }
  return key;
}

/**
 * kucoin as ccxt meets it, so key checks are tested against kucoin's own codes without reaching
 * kucoin; kucoinfutures reuses it with its futures account added, since one KuCoin key signs both.
 */
export function kucoinSim(id: string, extra: Record<string, PrivateRoute> = {}, extraSources: Record<string, string> = {}): SimExchange {
  const privateRoutes: Record<string, PrivateRoute> = { ...SPOT_PRIVATE_ROUTES, ...extra };
  return {
    id,
    // signed answers take their field names and value vocabulary from these documented bodies
    routeSources: {
      'GET /api/v1/user/api-key': Object.values(fixtures.keyInfo)[0]!.source,
      'GET /api/v1/hf/accounts/opened': fixtures.balance['account-type-high-frequency']!.source,
      'GET /api/ua/v1/account/mode': 'ccxt 4.5.84 js/src/kucoin.js isUTAEnabled (reads data.selfAccountMode; values made up)',
      'GET /api/v1/accounts': fixtures.balance.funded!.source,
      ...extraSources,
    },
    isPrivate: (req) => routeOf(privateRoutes, req) !== undefined || 'kc-api-key' in req.headers,
    handle(req, ctx) {
      const pub = publicRoutes[`${req.method} ${req.path}`];
      if (pub) return pub(req, ctx);
      const priv = routeOf(privateRoutes, req);
      if (!priv) return fail(404, '404000', 'Url Not Found -- The requested resource could not be found');
      const key = authenticate(req, ctx, priv.needs);
      return 'status' in key ? key : priv.answer(req, key, ctx);
    },
    // kucoin documents no maintenance answer: only the HTTP status is simulated
    maintenance: () => ({
      status: 503,
      body: 'Service Unavailable',
      source: 'no documented body: HTTP 503 only (https://www.kucoin.com/docs-new/error-code); text made up',
    }),
    rateLimited: () => fail(429, '429000', 'Too Many Requests'),
    restrictedLocation: () => fail(403, '400500', 'Your located country/region is currently not supported for the trading of this token'),
  };
}

export default kucoinSim('kucoin');
