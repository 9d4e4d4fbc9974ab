/**
 * Simulated Gemini (REST v1): symbols, roles, balances and order cancel. Signed requests are POSTs
 * checked as ccxt signs them: X-GEMINI-PAYLOAD is base64 of the JSON {request, nonce, …} and
 * X-GEMINI-SIGNATURE the hex HMAC-SHA384 of that base64 text with the secret; nonces must grow.
 */
import { createHmac } from 'node:crypto';
import { fixtures } from '../../fixtures/exchanges/gemini.js';
import { sourcedError } from '../documented.js';
import type { ResolvedKey, SimContext, SimExchange, SimRequest, SimResponse } from '../types.js';

/** Gemini's error envelope, with the corpus body where it holds the reason. */
const refuse = (reason: string, message: string, status = 400): SimResponse =>
  sourcedError(fixtures, reason, { status, body: { result: 'error', reason, message } });

const amount = (n: number): string => String(Number(n.toFixed(8)));

// GET /v1/symbols answers a list of lower-case symbol names (ccxt fetchMarketsFromAPI)
const publicRoutes: Record<string, () => SimResponse> = {
  'GET /v1/symbols': () => ({ status: 200, body: ['btcusd', 'ethusd', 'ethbtc'] }),
  // GET /v1/pricefeed rows {pair, price, percentChange24h} (ccxt fetchTickers); prices made up
  'GET /v1/pricefeed': () => ({
    status: 200,
    body: [
      ['BTCUSD', '64250.12'],
      ['ETHUSD', '3120.55'],
      ['ETHBTC', '0.048571'],
    ].map(([pair, price]) => ({ pair, price, percentChange24h: '0.0012' })),
  }),
};

interface PrivateRoute {
  /** the roles that may call it */
  allowed: Array<'auditor' | 'trader' | 'fundManager'>;
  answer: (req: SimRequest, key: ResolvedKey, ctx: SimContext) => SimResponse;
}

/** The key's roles: Auditor alone for a read-only key, else Trader and/or Fund Manager. */
const roles = (key: ResolvedKey) => {
  const trader = key.spotTrade || key.futuresTrade;
  return { isAuditor: !trader && !key.withdraw, isFundManager: key.withdraw, isTrader: trader };
};
const holds = (key: ResolvedKey, allowed: PrivateRoute['allowed']): boolean => {
  const r = roles(key);
  return (allowed.includes('auditor') && r.isAuditor) || (allowed.includes('trader') && r.isTrader) || (allowed.includes('fundManager') && r.isFundManager);
};

const privateRoutes: Record<string, PrivateRoute> = {
  'POST /v1/roles': { allowed: ['auditor', 'trader', 'fundManager'], answer: (_r, key) => ({ status: 200, body: roles(key) }) },
  'POST /v1/balances': {
    allowed: ['auditor', 'trader', 'fundManager'],
    answer: (_r, key) => ({
      status: 200,
      body: Object.entries(key.balances).map(([currency, b]) => ({
        type: 'exchange',
        currency,
        amount: amount(b.free + b.used),
        available: amount(b.free),
        availableForWithdrawal: amount(b.free),
      })),
    }),
  },
  // the simulated book holds no orders
  'POST /v1/order/cancel': { allowed: ['trader'], answer: () => refuse('OrderNotFound', 'Order 123 not found', 404) },
};

const hmac = (text: string, secret: string): string => createHmac('sha384', secret).update(text).digest('hex');

/** Gemini's checks: headers, key, signature, payload path, growing nonce, then the role. */
function authenticate(req: SimRequest, ctx: SimContext, route: PrivateRoute, lastNonce: Map<string, number>): ResolvedKey | SimResponse {
  const apiKey = req.headers['x-gemini-apikey'];
  const payload = req.headers['x-gemini-payload'];
  const signature = req.headers['x-gemini-signature'];
  if (!apiKey || !payload || !signature) return refuse('InvalidSignature', 'InvalidSignature');
  const key = ctx.key(apiKey);
  // a deleted or lapsed key is one Gemini does not know
  if (!key || key.state === 'revoked' || (key.expiresAt !== undefined && key.expiresAt < ctx.now())) return refuse('InvalidApiKey', 'Invalid API key');
  if (signature !== hmac(payload, key.secret)) return refuse('InvalidSignature', 'InvalidSignature');
  const request = JSON.parse(Buffer.from(payload, 'base64').toString('utf8')) as { request?: string; nonce?: string };
  if (request.request !== req.path) return { status: 400, body: { result: 'error', reason: 'EndpointMismatch', message: 'EndpointMismatch' } };
  const nonce = Number(request.nonce);
  if (ctx.rejectTimestamps || !(nonce > (lastNonce.get(apiKey) ?? 0))) {
    return refuse('InvalidNonce', 'Nonce was not greater than the previously used nonce');
  }
  lastNonce.set(apiKey, nonce);
  // made up: no source gives Gemini's answer to a caller outside an IP allowlist
  if (key.ips.length > 0 && !key.ips.includes(req.ip.replace(/^::ffff:/, ''))) {
    return { status: 403, body: { result: 'error', reason: 'SimulatorIpRefused', message: 'IP address not allowed' } };
  }
  if (!key.read || !holds(key, route.allowed))
    return refuse(
      'MissingRole',
      'To access this endpoint, you need to log in to the website and go to the settings page to assign one of these roles [Trader] to API key wujB3szN54gtJ4QDhqRJ which currently has roles [Auditor]',
      403,
    );
  return key;
}

const lastNonce = new Map<string, number>();

/** Gemini as ccxt meets it, so key checks are tested against Gemini's own reasons without reaching Gemini. */
const gemini: SimExchange = {
  id: 'gemini',
  routeSources: {
    'POST /v1/roles': fixtures.keyInfo.trader!.source,
    'POST /v1/balances': fixtures.balance.funded!.source,
  },
  isPrivate: (req) => 'x-gemini-apikey' in req.headers,
  handle(req, ctx) {
    const route = `${req.method} ${req.path}`;
    const pub = publicRoutes[route];
    if (pub) return pub();
    const priv = privateRoutes[route];
    if (!priv) return { status: 404, body: { result: 'error', reason: 'EndpointNotFound', message: 'EndpointNotFound' } };
    const key = authenticate(req, ctx, priv, lastNonce);
    return 'status' in key ? key : priv.answer(req, key, ctx);
  },
  maintenance: () => refuse('Maintenance', 'The Gemini Exchange is currently undergoing maintenance.', 503),
  rateLimited: () => refuse('RateLimit', 'Requests were made too frequently', 429),
  // made up: no source gives Gemini's answer from a restricted location
  restrictedLocation: () => ({ status: 403, body: { result: 'error', reason: 'SimulatorRegionRefused', message: 'Forbidden' } }),
};

export default gemini;
