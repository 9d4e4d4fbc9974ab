/**
 * binance on loopback: the public market routes a fresh ccxt instance loads, and the signed routes
 * (currencies, margin pairs, spot account, API-key restrictions) behind binance's real checks —
 * X-MBX-APIKEY, HMAC-SHA256 hex over the query string, timestamp against recvWindow — answering
 * with binance's own codes. binance answers differently by API family: an unknown key is -2008 on
 * /sapi and -2015 on /api; a missing permission is -1002 on /sapi and -2015 on /api.
 */
import { createHmac } from 'node:crypto';
import { fixtures } from '../../fixtures/exchanges/binance.js';
import { sourcedError } from '../documented.js';
import type { ResolvedKey, SimContext, SimExchange, SimRequest, SimResponse } from '../types.js';
import { verifiesWithUploadedKey } from './_uploaded-keys.js';
import {
  apiRestrictions,
  capitalConfig,
  inverseExchangeInfo,
  linearExchangeInfo,
  marginPairs,
  spotAccount,
  spotExchangeInfo,
  tickers24hr,
} from './_binance-data.js';

export type Route = { signed: false; answer: (now: number) => unknown } | { signed: true; answer: (key: ResolvedKey, now: number) => unknown };

const SPOT_ROUTES: Record<string, Route> = {
  'GET /api/v3/time': { signed: false, answer: (now) => ({ serverTime: now }) },
  'GET /api/v3/ping': { signed: false, answer: () => ({}) },
  'GET /api/v3/exchangeInfo': { signed: false, answer: spotExchangeInfo },
  'GET /api/v3/ticker/24hr': { signed: false, answer: tickers24hr },
  'GET /fapi/v1/time': { signed: false, answer: (now) => ({ serverTime: now }) },
  'GET /fapi/v1/exchangeInfo': { signed: false, answer: linearExchangeInfo },
  'GET /dapi/v1/time': { signed: false, answer: (now) => ({ serverTime: now }) },
  'GET /dapi/v1/exchangeInfo': { signed: false, answer: inverseExchangeInfo },
  'GET /sapi/v1/capital/config/getall': { signed: true, answer: () => capitalConfig() },
  'GET /sapi/v1/margin/allPairs': { signed: true, answer: () => marginPairs(false) },
  'GET /sapi/v1/margin/isolated/allPairs': { signed: true, answer: () => marginPairs(true) },
  'GET /sapi/v1/account/apiRestrictions': { signed: true, answer: (key) => apiRestrictions(key) },
  'GET /api/v3/account': { signed: true, answer: (key, now) => spotAccount(key, now) },
};

const fail = (status: number, code: number, msg: string): SimResponse => sourcedError(fixtures, String(code), { status, body: { code, msg } });

const withoutSignature = (raw: string): string =>
  raw
    .split('&')
    .filter((p) => p !== '' && !p.startsWith('signature='))
    .join('&');

const callerIp = (ip: string): string => ip.replace(/^::ffff:/, '');

/** binance's refusal of a key it does not know (or no longer knows), per API family. */
const unknownKey = (sapi: boolean): SimResponse =>
  sapi ? fail(401, -2008, 'Invalid Api-Key ID.') : fail(401, -2015, 'Invalid API-key, IP, or permissions for action.');

function authenticate(req: SimRequest, ctx: SimContext): { key: ResolvedKey } | { refusal: SimResponse } {
  const sapi = req.path.startsWith('/sapi/');
  const apiKey = req.headers['x-mbx-apikey'] ?? '';
  if (!/^[A-Za-z0-9]{64}$/.test(apiKey)) return { refusal: fail(401, -2014, 'API-key format invalid.') };
  const key = ctx.key(apiKey);
  const now = ctx.now();
  if (!key || key.state === 'revoked' || (key.expiresAt !== undefined && key.expiresAt <= now)) return { refusal: unknownKey(sapi) };
  const ip = callerIp(req.ip);
  if (key.ips.length > 0 && !key.ips.some((allowed) => callerIp(allowed) === ip)) {
    return { refusal: fail(401, -2015, `Invalid API-key, IP, or permissions for action, request ip: ${ip}`) };
  }
  const params = new URLSearchParams(`${req.rawQuery}&${req.body}`);
  const timestamp = Number(params.get('timestamp'));
  const recvWindow = Number(params.get('recvWindow') ?? 5000);
  if (!Number.isFinite(timestamp) || params.get('timestamp') === null) {
    return { refusal: fail(400, -1102, "Mandatory parameter 'timestamp' was not sent, was empty/null, or malformed.") };
  }
  if (recvWindow > 60_000) return { refusal: fail(400, -1131, 'recvWindow must be less than 60000') };
  if (ctx.rejectTimestamps || timestamp >= now + 1000) {
    return { refusal: fail(400, -1021, "Timestamp for this request was 1000ms ahead of the server's time.") };
  }
  if (now - timestamp > recvWindow) return { refusal: fail(400, -1021, 'Timestamp for this request is outside of the recvWindow.') };
  const payload = withoutSignature(req.rawQuery) + withoutSignature(req.body);
  // a self-generated key (Ed25519 or RSA) is checked against the public key the user uploaded
  const signed = key.publicKey
    ? verifiesWithUploadedKey(key.publicKey, payload, params.get('signature'))
    : params.get('signature') === createHmac('sha256', key.secret).update(payload).digest('hex');
  if (!signed) return { refusal: fail(400, -1022, 'Signature for this request is not valid.') };
  if (key.state === 'suspended') return { refusal: fail(400, -2011, 'This action is disabled on this account.') };
  if (!key.read) {
    return { refusal: sapi ? fail(401, -1002, 'You are not authorized to execute this request.') : unknownKey(false) };
  }
  return { key };
}

/**
 * A Binance product on loopback: the routes above plus `extra` (a futures account), behind the same
 * key checks. binanceusdm and binancecoinm reuse it, since one Binance key signs every product.
 */
export function binanceSim(id: string, extra: Record<string, Route> = {}, extraSources: Record<string, string> = {}): SimExchange {
  const routes: Record<string, Route> = { ...SPOT_ROUTES, ...extra };
  return {
    id,
    // signed answers take their field names and value vocabulary from these documented bodies
    routeSources: {
      'GET /sapi/v1/account/apiRestrictions': Object.values(fixtures.keyInfo)[0]!.source,
      'GET /api/v3/account': fixtures.balance.funded!.source,
      ...extraSources,
    },
    isPrivate: (req) => req.query.has('signature') || req.body.includes('signature='),
    handle(req, ctx) {
      const route = routes[`${req.method} ${req.path}`];
      if (!route) return { status: 404, body: '<html><body><h2>404 Not found</h2></body></html>' };
      if (!route.signed) return { status: 200, body: route.answer(ctx.now()) };
      const auth = authenticate(req, ctx);
      if ('refusal' in auth) return auth.refusal;
      return { status: 200, body: route.answer(auth.key, ctx.now()) };
    },
    maintenance: () => ({
      ...fail(503, 1, 'System is under maintenance.'),
      source: 'ccxt 4.5.84 js/src/binance.js exceptions (quotes {"code":1,"msg":"System is under maintenance."}); status made up',
    }),
    rateLimited: () =>
      fail(
        429,
        -1003,
        'Too much request weight used; current limit is 6000 request weight per 1 MINUTE. Please use WebSocket Streams for live updates to avoid polling the API.',
      ),
    restrictedLocation: () =>
      fail(
        451,
        0,
        "Service unavailable from a restricted location according to 'b. Eligibility' in https://www.binance.com/en/terms. Please contact customer service if you believe you received this message in error.",
      ),
  };
}

export default binanceSim('binance');
