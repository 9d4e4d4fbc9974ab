/**
 * Simulated Bitfinex (API v2): the conf lists ccxt loads markets and currencies from, wallets, key
 * permissions and order cancel. Signed requests are checked as ccxt signs them: hex HMAC-SHA384 of
 * '/api' + path + bfx-nonce + body, and a nonce larger than the key's previous one.
 */
import { createHmac } from 'node:crypto';
import { fixtures } from '../../fixtures/exchanges/bitfinex.js';
import type { Documented } from '../../fixtures/exchanges/types.js';
import type { ResolvedKey, SimContext, SimExchange, SimRequest, SimResponse } from '../types.js';

/** A documented error body by its corpus name (two share the code 10100, so the name picks). */
const documented = (name: string): SimResponse => {
  const doc = fixtures.errors[name] as Documented;
  return { status: doc.status ?? 500, body: structuredClone(doc.body), source: doc.source };
};

/** [pair, [.., .., .., min order size, max order size, ..]] as the pub:info:pair list holds them (ccxt fetchMarkets); sizes made up. */
const pair = (id: string, min: string) => [id, [null, null, null, min, '2000', null, null, null, 0.2, 0.1, null, null]];

/** GET /v2/tickers rows: [SYMBOL, BID, BID_SIZE, ASK, ASK_SIZE, DAILY_CHANGE, DAILY_CHANGE_RELATIVE, LAST_PRICE, VOLUME, HIGH, LOW] (https://docs.bitfinex.com/reference/rest-public-tickers); prices made up. */
const tickerRow = (symbol: string, last: number) => [symbol, last, 1, last, 1, 0, 0, last, 100, last, last];

const publicAnswer = (req: SimRequest): SimResponse | undefined => {
  if (req.path === '/v2/tickers') return { status: 200, body: [tickerRow('tBTCUSD', 64250), tickerRow('tETHUSD', 3120.5), tickerRow('tETHBTC', 0.04857)] };
  if (!req.path.startsWith('/v2/conf/')) return undefined;
  const labels = decodeURIComponent(req.path.slice('/v2/conf/'.length)).split(',');
  // markets: spot pairs first, then futures, securities and margin lists; every other list empty
  if (labels[0] === 'pub:info:pair')
    return { status: 200, body: [[pair('BTCUSD', '0.00006'), pair('ETHUSD', '0.002'), pair('ETHBTC', '0.002')], [], [], ['BTCUSD']] };
  return { status: 200, body: labels.map(() => []) };
};

interface PrivateRoute {
  needs: 'read' | 'trade';
  answer: (req: SimRequest, key: ResolvedKey) => SimResponse;
}

/** The key's scopes as [scope, read, write]. */
const scopes = (key: ResolvedKey) => {
  const r = key.read ? 1 : 0;
  const trade = key.spotTrade || key.futuresTrade ? 1 : 0;
  return [
    ['account', r, 0],
    ['history', r, 0],
    ['orders', r, trade],
    ['positions', r, trade],
    ['funding', r, 0],
    ['settings', r, 0],
    ['wallets', r, key.transfer ? 1 : 0],
    ['withdraw', 0, key.withdraw ? 1 : 0],
    ['ui_withdraw', 0, 0],
    ['bfxpay', 0, 0],
  ];
};

const privateRoutes: Record<string, PrivateRoute> = {
  // the permissions call answers any working key
  'POST /v2/auth/r/permissions': { needs: 'read', answer: (_r, key) => ({ status: 200, body: scopes(key) }) },
  'POST /v2/auth/r/wallets': {
    needs: 'read',
    answer: (_r, key) => ({
      status: 200,
      body: Object.entries(key.balances).map(([currency, b]) => ['exchange', currency, b.free + b.used, 0, b.free, 'Exchange', null]),
    }),
  },
  // the simulated book holds no orders
  'POST /v2/auth/w/order/cancel': { needs: 'trade', answer: () => documented('order-not-found') },
};

const hmac = (text: string, secret: string): string => createHmac('sha384', secret).update(text).digest('hex');

/** Bitfinex's checks: key, signature, growing nonce, then (made up) IP list, then the scope. */
function authenticate(req: SimRequest, ctx: SimContext, needs: PrivateRoute['needs'], lastNonce: Map<string, number>): ResolvedKey | SimResponse {
  const apiKey = req.headers['bfx-apikey'];
  const nonce = req.headers['bfx-nonce'];
  const signature = req.headers['bfx-signature'];
  const key = apiKey ? ctx.key(apiKey) : undefined;
  // a deleted or lapsed key is one Bitfinex does not know
  if (!key || key.state === 'revoked' || (key.expiresAt !== undefined && key.expiresAt < ctx.now())) return documented('10100');
  if (!nonce || !signature || signature !== hmac(`/api${req.path}${nonce}${req.body}`, key.secret)) return documented('bad-signature');
  if (ctx.rejectTimestamps || !(Number(nonce) > (lastNonce.get(key.apiKey) ?? 0))) return documented('10114');
  lastNonce.set(key.apiKey, Number(nonce));
  // made up: no source gives Bitfinex's answer to a caller outside a key's IP list
  if (key.ips.length > 0 && !key.ips.includes(req.ip.replace(/^::ffff:/, ''))) return { status: 403, body: ['error', 10999, 'simulator: ip not allowed'] };
  if (!(needs === 'read' ? key.read : key.spotTrade || key.futuresTrade)) return documented('10001');
  return key;
}

const lastNonce = new Map<string, number>();

/** Bitfinex as ccxt meets it, so key checks are tested against Bitfinex's own errors without reaching Bitfinex. */
const bitfinex: SimExchange = {
  id: 'bitfinex',
  routeSources: {
    'POST /v2/auth/r/permissions': fixtures.keyInfo['read-trade']!.source,
    'POST /v2/auth/r/wallets': fixtures.balance.funded!.source,
  },
  isPrivate: (req) => 'bfx-apikey' in req.headers,
  handle(req, ctx) {
    const pub = req.method === 'GET' ? publicAnswer(req) : undefined;
    if (pub) return pub;
    const priv = privateRoutes[`${req.method} ${req.path}`];
    if (!priv) return { status: 404, body: ['error', 10020, 'request: invalid'] };
    const key = authenticate(req, ctx, priv.needs, lastNonce);
    return 'status' in key ? key : priv.answer(req, key);
  },
  maintenance: () => documented('20060'),
  rateLimited: () => documented('11010'),
  // made up: no source gives Bitfinex's answer from a restricted location
  restrictedLocation: () => ({ status: 403, body: ['error', 10998, 'simulator: location not allowed'] }),
};

export default bitfinex;
