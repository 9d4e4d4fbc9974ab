/**
 * Simulated bitFlyer Lightning (HTTP API v1): the three market lists ccxt loads, the permission list
 * and the balance. Signed requests are checked as ccxt signs them: hex HMAC-SHA256 of
 * ACCESS-TIMESTAMP + method + path (+ '?' + query) + body, headers access-key, access-timestamp and
 * access-sign. bitFlyer documents no timestamp window, so the simulator checks none.
 */
import { createHmac } from 'node:crypto';
import { fixtures } from '../../fixtures/exchanges/bitflyer.js';
import type { Documented } from '../../fixtures/exchanges/types.js';
import { sourcedError } from '../documented.js';
import type { ResolvedKey, SimContext, SimExchange, SimRequest, SimResponse } from '../types.js';

/** bitFlyer's error envelope; the body and source come from the documented corpus where it holds the text. */
const refuse = (message: string, status = 400): SimResponse =>
  sourcedError(fixtures, message, { status, body: { status: -500, error_message: message, data: null } });

/** The market lists as ccxt's fetchMarkets comments quote them (npm ccxt@4.5.84 js/src/bitflyer.js). */
const market = (code: string, type: string) => ({ product_code: code, market_type: type });
const publicRoutes: Record<string, SimResponse> = {
  'GET /v1/getmarkets': { status: 200, body: [market('BTC_JPY', 'Spot'), market('BCH_BTC', 'Spot'), market('FX_BTC_JPY', 'FX')] },
  'GET /v1/getmarkets/usa': { status: 200, body: [market('BTC_USD', 'Spot'), market('BTC_JPY', 'Spot')] },
  'GET /v1/getmarkets/eu': { status: 200, body: [market('BTC_EUR', 'Spot'), market('BTC_JPY', 'Spot')] },
};

const documentedList = (name: string): string[] => (fixtures.keyInfo[name] as Documented<string[]>).body;
const ORDER_PATHS = documentedList('read-trade').filter((p) => !documentedList('documented-example').includes(p));
const WITHDRAW_PATHS = ['/v1/me/getbankaccounts', '/v1/me/withdraw', '/v1/me/getwithdrawals'];

/** The paths the key was granted, in the documented list's form; the permissions call itself always is. */
const granted = (key: ResolvedKey): string[] => [
  ...(key.read ? documentedList('documented-example') : ['/v1/me/getpermissions']),
  ...(key.spotTrade || key.futuresTrade ? ORDER_PATHS : []),
  ...(key.withdraw ? WITHDRAW_PATHS : []),
];

const amount = (n: number): number => Number(n.toFixed(8));

const privateRoutes: Record<string, (key: ResolvedKey) => SimResponse> = {
  'GET /v1/me/getpermissions': (key) => ({ status: 200, body: granted(key) }),
  'GET /v1/me/getbalance': (key) => ({
    status: 200,
    body: Object.entries(key.balances).map(([code, b]) => ({ currency_code: code, amount: amount(b.free + b.used), available: amount(b.free) })),
  }),
};

const sign = (text: string, secret: string): string => createHmac('sha256', secret).update(text).digest('hex');

/** bitFlyer's checks: key and signature, then (made up) IP list and account state, then the granted path. */
function authenticate(req: SimRequest, ctx: SimContext): ResolvedKey | SimResponse {
  const apiKey = req.headers['access-key'];
  const timestamp = req.headers['access-timestamp'];
  const signature = req.headers['access-sign'];
  const key = apiKey ? ctx.key(apiKey) : undefined;
  // not documented: a key bitFlyer does not know is assumed to get the signature refusal
  if (!key || key.state === 'revoked' || (key.expiresAt !== undefined && key.expiresAt < ctx.now())) return refuse('Invalid signature');
  const signed = `${timestamp}${req.method}${req.path}${req.rawQuery ? `?${req.rawQuery}` : ''}${req.body}`;
  if (!timestamp || !signature || signature !== sign(signed, key.secret)) return refuse('Invalid signature');
  // made up: no source gives bitFlyer's answer to a caller outside an IP list or from a locked account
  if (key.ips.length > 0 && !key.ips.includes(req.ip.replace(/^::ffff:/, '')))
    return { status: 403, body: { status: -500, error_message: 'simulator: ip not allowed', data: null } };
  if (key.state === 'suspended') return { status: 403, body: { status: -500, error_message: 'simulator: account locked', data: null } };
  if (!granted(key).includes(req.path)) return refuse('Permission denied');
  return key;
}

/** bitFlyer as ccxt meets it, so key checks are tested against bitFlyer's own answers without reaching bitFlyer. */
const bitflyer: SimExchange = {
  id: 'bitflyer',
  routeSources: {
    'GET /v1/me/getpermissions': fixtures.keyInfo['read-trade']!.source,
    'GET /v1/me/getbalance': fixtures.balance['documented-example']!.source,
  },
  isPrivate: (req) => 'access-key' in req.headers,
  handle(req, ctx) {
    const route = `${req.method} ${req.path}`;
    const pub = publicRoutes[route];
    if (pub) return structuredClone(pub);
    const answer = privateRoutes[route];
    if (!answer) return { status: 404, body: { status: -100, error_message: 'simulator: no such route', data: null } };
    const key = authenticate(req, ctx);
    return 'status' in key ? key : answer(key);
  },
  maintenance: () => sourcedError(fixtures, '-2', { status: 503, body: {} }),
  rateLimited: () => sourcedError(fixtures, 'Over API limit per minute', { status: 429, body: {} }),
  // made up: no source gives bitFlyer's answer from a restricted location
  restrictedLocation: () => ({ status: 403, body: { status: -500, error_message: 'simulator: location not allowed', data: null } }),
};

export default bitflyer;
