/**
 * mexc on loopback: the spot and contract market routes a fresh ccxt instance loads, and the signed
 * spot routes (coin list, account, cancel order) behind mexc's real checks — X-MEXC-APIKEY,
 * HMAC-SHA256 hex over the query string, timestamp against recvWindow. mexc has no key-info call;
 * cancelling an order id it does not know answers -2011, which Keyward uses as a trade probe. The
 * simulator holds no orders, so no cancel ever succeeds.
 */
import { createHmac } from 'node:crypto';
import { fixtures } from '../../fixtures/exchanges/mexc.js';
import { sourcedError } from '../documented.js';
import type { ResolvedKey, SimContext, SimExchange, SimRequest, SimResponse } from '../types.js';
import { capitalConfig, contractDetail, spotAccount, spotExchangeInfo, tickers24hr } from './_mexc-data.js';

const SPOT_SYMBOLS = new Set(['BTCUSDT', 'ETHUSDT', 'SOLUSDT', 'ETHBTC']);

const fail = (code: number, msg: string, status = 400): SimResponse => sourcedError(fixtures, String(code), { status, body: { code, msg } });

/** What the key must be allowed to do for each signed route, and the answer when it may. */
const SIGNED: Record<string, { needs: 'read' | 'spotTrade'; answer: (key: ResolvedKey, req: SimRequest) => SimResponse }> = {
  'GET /api/v3/capital/config/getall': { needs: 'read', answer: () => ({ status: 200, body: capitalConfig() }) },
  'GET /api/v3/account': { needs: 'read', answer: (key) => ({ status: 200, body: spotAccount(key) }) },
  'DELETE /api/v3/order': { needs: 'spotTrade', answer: (_key, req) => cancelUnknownOrder(req) },
};

function cancelUnknownOrder(req: SimRequest): SimResponse {
  if (!SPOT_SYMBOLS.has(req.query.get('symbol') ?? '')) return fail(-1121, 'Invalid symbol.');
  if (!req.query.get('orderId') && !req.query.get('origClientOrderId')) {
    return fail(700004, "Param 'origClientOrderId' or 'orderId' must be sent, but both were empty/null!");
  }
  return fail(-2011, 'Unknown order sent.');
}

const callerIp = (ip: string): string => ip.replace(/^::ffff:/, '');

const withoutSignature = (raw: string): string =>
  raw
    .split('&')
    .filter((p) => p !== '' && !p.startsWith('signature='))
    .join('&');

function authenticate(req: SimRequest, ctx: SimContext): { key: ResolvedKey } | { refusal: SimResponse } {
  const now = ctx.now();
  const apiKey = req.headers['x-mexc-apikey'];
  if (!apiKey) return { refusal: fail(400, 'api key required') };
  const key = ctx.key(apiKey);
  if (!key || key.state === 'revoked') return { refusal: fail(10072, 'Api key info invalid') };
  const ip = callerIp(req.ip);
  if (key.ips.length > 0 && !key.ips.some((allowed) => callerIp(allowed) === ip)) {
    return { refusal: fail(700006, `IP [${ip}] not in the ip white list`) };
  }
  const timestamp = Number(req.query.get('timestamp'));
  const recvWindow = Number(req.query.get('recvWindow') ?? 5000);
  if (recvWindow > 60_000) return { refusal: fail(700005, 'recvWindow must less than 60000') };
  if (ctx.rejectTimestamps || !(timestamp < now + 1000 && now - timestamp <= recvWindow)) {
    return { refusal: fail(700003, 'Timestamp for this request is outside of the recvWindow.') };
  }
  const payload = withoutSignature(req.rawQuery) + req.body;
  const signatureOk = req.query.get('signature') === createHmac('sha256', key.secret).update(payload).digest('hex');
  // mexc answers an expired key exactly as it answers a wrong signature
  const expired = key.expiresAt !== undefined && key.expiresAt <= now;
  if (!signatureOk || expired) return { refusal: fail(700002, 'Signature for this request is not valid.') };
  if (key.state === 'suspended') return { refusal: fail(730100, 'Unusual user status') };
  return { key };
}

const mexc: SimExchange = {
  id: 'mexc',
  // signed answers take their field names and value vocabulary from these documented bodies
  routeSources: {
    'GET /api/v3/account': fixtures.balance.funded!.source,
  },
  isPrivate: (req) => req.query.has('signature') || 'apikey' in req.headers,
  handle(req, ctx) {
    const now = ctx.now();
    const route = `${req.method} ${req.path}`;
    if (route === 'GET /api/v3/time') return { status: 200, body: { serverTime: now } };
    if (route === 'GET /api/v3/exchangeInfo') return { status: 200, body: spotExchangeInfo(now) };
    if (route === 'GET /api/v3/ticker/24hr') return { status: 200, body: tickers24hr(now) };
    if (route === 'GET /api/v1/contract/ping') return { status: 200, body: { success: true, code: 0, data: now } };
    if (route === 'GET /api/v1/contract/detail') return { status: 200, body: contractDetail() };
    const signed = SIGNED[route];
    if (!signed) return fail(404, 'Not Found', 404);
    const auth = authenticate(req, ctx);
    if ('refusal' in auth) return auth.refusal;
    if (!auth.key[signed.needs]) return fail(700007, 'No permission to access the endpoint.');
    return signed.answer(auth.key, req);
  },
  maintenance: () => ({
    status: 503,
    body: { code: 500, message: 'Under maintenance, please try again later', announcement: 'https://www.mexc.com/support/articles/17827791510263' },
  }),
  rateLimited: () => fail(429, 'Too Many Requests', 429),
  restrictedLocation: () => ({
    status: 403,
    body: '<HTML><HEAD><TITLE>Access Denied</TITLE></HEAD><BODY><H1>Access Denied</H1>You don\'t have permission to access "http://api.mexc.com/api/v3/account" on this server.<P>Reference #18.5f3c1002.1717000000.2a7b9c1</BODY></HTML>',
  }),
};

export default mexc;
