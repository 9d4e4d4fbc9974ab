/**
 * Simulated bingx: server time, spot symbols, (empty) swap contract lists, currencies, spot balance
 * and the API-key permissions call. Signed requests are checked as ccxt 4.5.84 js/src/bingx.js
 * sign() builds them: the query (keysorted, with `timestamp`) is signed with hex HMAC-SHA256 of the
 * secret and sent as `&signature=`, the key in the X-BX-APIKEY header.
 */
import { createHmac } from 'node:crypto';
import { fixtures } from '../../fixtures/exchanges/bingx.js';
import { sourcedError } from '../documented.js';
import type { ResolvedKey, SimContext, SimExchange, SimRequest, SimResponse } from '../types.js';

const CCXT = 'npm ccxt@4.5.84 js/src/bingx.js';
/** made up: bingx's own receive window is not in the sources read; ccxt's default recvWindow is 5 s */
const WINDOW_MS = 5_000;

const ok = (data: unknown): SimResponse => ({ status: 200, body: { code: 0, msg: '', data } });
/** a documented error by its name in the corpus (codes such as 100410 carry two meanings there) */
const documented = (name: string, status = 200): SimResponse => {
  const doc = fixtures.errors[name]!;
  return { status: doc.status ?? status, body: structuredClone(doc.body), source: doc.source };
};
const fail = (code: string, msg: string): SimResponse => sourcedError(fixtures, code, { status: 200, body: { code: Number(code), msg } });

/** spot symbols in the shape of ccxt's fetchSpotMarkets comment; values made up */
const spotSymbols = ['BTC-USDT', 'ETH-USDT', 'ETH-BTC'].map((symbol) => ({
  symbol,
  minQty: 0,
  maxQty: 0,
  minNotional: 5,
  maxNotional: 20000,
  status: 1,
  tickSize: 0.01,
  stepSize: 0.00001,
  apiStateSell: true,
  apiStateBuy: true,
  timeOnline: 0,
  offTime: 0,
  maintainTime: 0,
}));

const publicRoutes: Record<string, (req: SimRequest, ctx: SimContext) => SimResponse> = {
  'GET /openApi/swap/v2/server/time': (_req, ctx) => ok({ serverTime: ctx.now() }),
  'GET /openApi/spot/v1/common/symbols': () => ok({ symbols: spotSymbols }),
  'GET /openApi/swap/v2/quote/contracts': () => ok([]),
  'GET /openApi/cswap/v1/market/contracts': () => ok([]),
};

/** the documented permission numbers a key profile grants */
function permissionNumbers(key: ResolvedKey): number[] {
  const granted: Array<[boolean, number]> = [
    [key.spotTrade, 1],
    [key.read, 2],
    [key.futuresTrade, 3],
    [key.transfer, 4],
    [key.withdraw, 5],
  ];
  return granted.filter(([on]) => on).map(([, n]) => n);
}

const privateRoutes: Record<string, (key: ResolvedKey) => SimResponse> = {
  'GET /openApi/v1/account/apiPermissions': (key) => ok({ apiKey: key.apiKey, permissions: permissionNumbers(key), ipAddresses: key.ips, note: 'keyward' }),
  'GET /openApi/spot/v1/account/balance': (key) =>
    ok({
      balances: Object.entries(key.balances).map(([asset, b]) => ({ asset, free: String(b.free), locked: String(b.used) })),
    }),
  'GET /openApi/wallets/v1/capital/config/getall': () => ok([]),
};

const sign = (payload: string, secret: string): string => createHmac('sha256', secret).update(payload).digest('hex');
const callerIp = (ip: string): string => ip.replace(/^::ffff:/, '');

/** bingx's checks: key, timestamp, signature, IP, account state, read permission. */
function authenticate(req: SimRequest, ctx: SimContext): ResolvedKey | SimResponse {
  const key = ctx.key(req.headers['x-bx-apikey'] ?? '');
  if (!key || key.state === 'revoked') return fail('100413', 'Incorrect apiKey');
  const at = req.rawQuery.lastIndexOf('signature=');
  const signed = at > 0 ? req.rawQuery.slice(0, at - 1) : '';
  const stamp = Number(req.query.get('timestamp'));
  if (ctx.rejectTimestamps || !stamp || Math.abs(ctx.now() - stamp) > WINDOW_MS) return documented('keyinfo-timestamp');
  if (at < 0 || req.rawQuery.slice(at + 'signature='.length) !== sign(signed, key.secret)) return fail('100001', 'Signature verification failed');
  if (key.ips.length > 0 && !key.ips.includes(callerIp(req.ip))) return fail('100419', 'IP does not match IP whitelist');
  if (key.state === 'suspended') return fail('100414', 'risk control check fail');
  // the permissions call needs only the key ("API KEY permission: Read"); a key without reading is
  // not issued by bingx's site, so reading refusals are not simulated
  return key;
}

/** bingx as ccxt meets it, so key checks are tested against bingx's own codes without reaching bingx. */
const bingx: SimExchange = {
  id: 'bingx',
  routeSources: {
    'GET /openApi/v1/account/apiPermissions': Object.values(fixtures.keyInfo)[0]!.source,
    'GET /openApi/spot/v1/account/balance': fixtures.balance.funded!.source,
    'GET /openApi/wallets/v1/capital/config/getall': `${CCXT} fetchCurrencies comment (code, timestamp, data list)`,
  },
  isPrivate: (req) => 'x-bx-apikey' in req.headers,
  handle(req, ctx) {
    const route = `${req.method} ${req.path}`;
    const pub = publicRoutes[route];
    if (pub) return pub(req, ctx);
    const priv = privateRoutes[route];
    if (!priv) return { status: 404, body: { code: 404, msg: 'Not Found' } };
    const key = authenticate(req, ctx);
    return 'status' in key ? key : priv(key);
  },
  maintenance: () => fail('100410', 'The current system is busy, please try again later'),
  rateLimited: () => documented('keyinfo-rate-limited'),
  restrictedLocation: () => ({ status: 403, body: { code: 403, msg: 'Forbidden' } }),
};

export default bingx;
