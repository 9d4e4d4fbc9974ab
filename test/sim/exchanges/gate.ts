/**
 * Simulated gate (classic spot account, API v4): pairs, margin pairs, contracts, currencies,
 * tickers, time, spot accounts, account detail and order cancel. Signed requests are checked as gate
 * checks them: hex HMAC-SHA512 of method \n path \n decoded query \n SHA-512(body) \n timestamp in
 * seconds, within 60 s of the exchange's clock.
 */
import { createHash, createHmac } from 'node:crypto';
import { fixtures } from '../../fixtures/exchanges/gate.js';
import { sourcedError } from '../documented.js';
import type { ResolvedKey, SimContext, SimExchange, SimRequest, SimResponse } from '../types.js';
import { gateContracts, gateCurrencies, gateMarginPairs, gatePairs, gatePrices } from './_gate-data.js';

const WINDOW_SEC = 60;

const ok = (body: unknown): SimResponse => ({ status: 200, body });
const fail = (status: number, label: string, message: string): SimResponse => sourcedError(fixtures, label, { status, body: { label, message } });

const amount = (n: number): string => String(Number(n.toFixed(8)));

const publicRoutes: Record<string, (req: SimRequest, ctx: SimContext) => SimResponse> = {
  'GET /api/v4/spot/time': (_req, ctx) => ok({ server_time: ctx.now() }),
  'GET /api/v4/spot/currency_pairs': () => ok(gatePairs),
  'GET /api/v4/margin/currency_pairs': () => ok(gateMarginPairs),
  'GET /api/v4/options/underlyings': () => ok([]),
  'GET /api/v4/spot/currencies': () => ok(gateCurrencies),
  'GET /api/v4/spot/tickers': () => ok(tickers()),
  ...Object.fromEntries(Object.entries(gateContracts).map(([path, list]) => [`GET ${path}`, () => ok(list)])),
};

interface PrivateRoute {
  /** what the key must be allowed to do */
  needs: 'read' | 'trade';
  answer: (req: SimRequest, key: ResolvedKey) => SimResponse;
}

const privateRoutes: Record<string, PrivateRoute> = {
  'GET /api/v4/account/detail': { needs: 'read', answer: (_req, key) => ok(accountDetail(key)) },
  'GET /api/v4/spot/accounts': { needs: 'read', answer: (_req, key) => ok(isUnified(key) ? [] : spotAccounts(key)) },
  'GET /api/v4/unified/unified_mode': { needs: 'read', answer: (_req, key) => ok(unifiedMode(key)) },
  'GET /api/v4/unified/accounts': { needs: 'read', answer: (_req, key) => ok(unifiedAccounts(key)) },
};

/**
 * accountMode: '1' classic (default), '2' legacy unified (key.mode 2), or a unified_mode of a
 * classic-mode key: multi_currency, portfolio, single_currency. A unified account keeps its funds in
 * /unified/accounts; that its /spot/accounts list is then empty is an assumption (no source says).
 */
const UNIFIED_MODES = ['multi_currency', 'portfolio', 'single_currency'];
const isUnified = (key: ResolvedKey): boolean => key.accountMode === '2' || UNIFIED_MODES.includes(key.accountMode ?? '');

function unifiedMode(key: ResolvedKey): object {
  const mode = UNIFIED_MODES.includes(key.accountMode ?? '') ? key.accountMode : 'classic';
  return { mode, settings: { usdt_futures: true, spot_hedge: false, use_funding: false, options: false } };
}

function unifiedAccounts(key: ResolvedKey): object {
  const balances = Object.fromEntries(
    Object.entries(key.balances).map(([currency, b]) => [currency, { available: amount(b.free), freeze: amount(b.used), borrowed: '0' }]),
  );
  return { user_id: 10406147, refresh_time: 1700000000000, locked: false, balances, total: '0', borrowed: '0', mode: unifiedMode(key) };
}

/** DELETE /api/v4/spot/orders/{order_id}: the simulated book holds no orders, so every id is unknown. */
const CANCEL = /^\/api\/v4\/spot\/orders\/[^/]+$/;
const cancelRoute: PrivateRoute = { needs: 'trade', answer: () => fail(404, 'ORDER_NOT_FOUND', 'Order not found') };

const routeOf = (req: SimRequest): PrivateRoute | undefined =>
  privateRoutes[`${req.method} ${req.path}`] ?? (req.method === 'DELETE' && CANCEL.test(req.path) ? cancelRoute : undefined);

function tickers(): object[] {
  return Object.entries(gatePrices).map(([currency_pair, last]) => ({
    currency_pair,
    last,
    lowest_ask: last,
    lowest_size: '1',
    highest_bid: last,
    highest_size: '1',
    change_percentage: '0.12',
    base_volume: '100',
    quote_volume: '1000000',
    high_24h: last,
    low_24h: last,
  }));
}

function spotAccounts(key: ResolvedKey): object[] {
  return Object.entries(key.balances).map(([currency, b], i) => ({
    currency,
    available: amount(b.free),
    locked: amount(b.used),
    update_id: 100 + i,
  }));
}

/** gate's account detail names the whitelisted IPs and the account mode (1 classic, 2 unified), not permissions. */
function accountDetail(key: ResolvedKey): object {
  return { user_id: 10406147, ip_whitelist: key.ips, currency_pairs: [], key: { mode: key.accountMode === '2' ? 2 : 1 }, tier: 0, copy_trading_role: 0 };
}

const sha512 = (text: string): string => createHash('sha512').update(text).digest('hex');
const sign = (text: string, secret: string): string => createHmac('sha512', secret).update(text).digest('hex');
const callerIp = (ip: string): string => ip.replace(/^::ffff:/, '');
/** gate signs the query string before percent-encoding. */
const signedQuery = (raw: string): string =>
  raw
    .split('&')
    .map((p) => decodeURIComponent(p))
    .join('&');

/** gate's own checks, in its order: headers, timestamp, key, signature, IP, account state, permission. */
function authenticate(req: SimRequest, ctx: SimContext, needs: PrivateRoute['needs']): ResolvedKey | SimResponse {
  const h = req.headers;
  const apiKey = h['key'];
  const stamp = h['timestamp'];
  const signature = h['sign'];
  if (!apiKey || !stamp || !signature) return fail(401, 'MISSING_REQUIRED_HEADER', 'Missing required header: KEY, Timestamp or SIGN');
  const nowSec = ctx.now() / 1000;
  if (ctx.rejectTimestamps || !(Math.abs(nowSec - Number(stamp)) <= WINDOW_SEC)) {
    return fail(401, 'REQUEST_EXPIRED', `gap between request Timestamp and server time exceeds ${WINDOW_SEC}`);
  }
  const key = ctx.key(apiKey);
  // gate no longer knows a deleted or lapsed key
  if (!key || key.state === 'revoked' || (key.expiresAt !== undefined && key.expiresAt < ctx.now())) {
    return fail(401, 'INVALID_KEY', 'Invalid key provided');
  }
  const prehash = [req.method, req.path, signedQuery(req.rawQuery), sha512(req.body), stamp].join('\n');
  if (signature !== sign(prehash, key.secret)) return fail(401, 'INVALID_SIGNATURE', 'Signature mismatch');
  const ip = callerIp(req.ip);
  if (key.ips.length > 0 && !key.ips.includes(ip)) return fail(403, 'IP_FORBIDDEN', `Request IP not in whitelist: ${ip}`);
  if (key.state === 'suspended') return fail(403, 'ACCOUNT_LOCKED', 'Account is locked');
  if (!key.read) return fail(403, 'FORBIDDEN', 'Forbidden');
  if (needs === 'trade' && !key.spotTrade) return fail(403, 'READ_ONLY', 'API key is read-only');
  return key;
}

/** gate as ccxt meets it, so key checks are tested against gate's own labels without reaching gate. */
const gate: SimExchange = {
  id: 'gate',
  // signed answers take their field names and value vocabulary from these documented bodies
  routeSources: {
    'GET /api/v4/account/detail': Object.values(fixtures.keyInfo)[0]!.source,
    'GET /api/v4/spot/accounts': fixtures.balance.funded!.source,
    'GET /api/v4/unified/unified_mode': fixtures.keyInfo['unified-mode-multi-currency']!.source,
    'GET /api/v4/unified/accounts': fixtures.balance['funded-unified']!.source,
  },
  isPrivate: (req) => routeOf(req) !== undefined || 'sign' in req.headers,
  handle(req, ctx) {
    const pub = publicRoutes[`${req.method} ${req.path}`];
    if (pub) return pub(req, ctx);
    const priv = routeOf(req);
    if (!priv) return fail(404, 'NOT_FOUND', 'Request path not found');
    const key = authenticate(req, ctx, priv.needs);
    return 'status' in key ? key : priv.answer(req, key);
  },
  // gate answers upgrades and overload alike
  maintenance: () => fail(503, 'SERVER_ERROR', 'Internal server error'),
  rateLimited: () => fail(429, 'TOO_MANY_REQUESTS', 'Request Rate limit Exceeded'),
  // gate documents no country-block answer: this body is made up, so it stays out of the corpus
  restrictedLocation: () => ({ status: 403, body: { label: 'FORBIDDEN', message: 'Service is not available in your country or region' } }),
};

export default gate;
