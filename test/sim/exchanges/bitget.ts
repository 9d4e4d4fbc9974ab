/**
 * Simulated bitget (classic account, API v2): coins, spot symbols, margin pairs, futures contracts,
 * tickers, time, spot assets, account info and order cancel, plus the v3 unified-account probe
 * ccxt sends first. Signed requests are checked as bitget checks them: base64 HMAC-SHA256 of
 * timestamp + method + path + ?decoded query + body, the passphrase compared in clear, a 30 s window.
 */
import { createHmac } from 'node:crypto';
import { fixtures } from '../../fixtures/exchanges/bitget.js';
import { sourcedError } from '../documented.js';
import type { ResolvedKey, SimContext, SimExchange, SimRequest, SimResponse } from '../types.js';
import { bitgetCoins, bitgetContracts, bitgetMarginPairs, bitgetPrices, bitgetSymbols } from './_bitget-data.js';

const WINDOW_MS = 30_000;

const reply = (status: number, code: string, msg: string, data: unknown, now: number): SimResponse => {
  const answer = { status, body: { code, msg, requestTime: now, data } };
  return code === '00000' ? answer : sourcedError(fixtures, code, answer);
};

const amount = (n: number): string => String(Number(n.toFixed(8)));

type Answer = (req: SimRequest, ctx: SimContext) => unknown;

const publicRoutes: Record<string, Answer> = {
  'GET /api/v2/public/time': (_req, ctx) => ({ serverTime: String(ctx.now()) }),
  'GET /api/v2/spot/public/coins': () => bitgetCoins,
  'GET /api/v2/spot/public/symbols': () => bitgetSymbols,
  'GET /api/v2/margin/currencies': () => bitgetMarginPairs,
  'GET /api/v2/mix/market/contracts': (req) => bitgetContracts[req.query.get('productType') ?? ''] ?? [],
  'GET /api/v2/spot/market/tickers': (_req, ctx) => tickers(ctx.now()),
};

interface PrivateRoute {
  /** what the key must be allowed to do */
  needs: 'read' | 'trade';
  answer: (req: SimRequest, key: ResolvedKey, ctx: SimContext) => SimResponse;
}

const ok = (data: unknown, ctx: SimContext): SimResponse => reply(200, '00000', 'success', data, ctx.now());

const privateRoutes: Record<string, PrivateRoute> = {
  // the account is a classic one, so the unified-account settings call is refused
  'GET /api/v3/account/settings': {
    needs: 'read',
    answer: (_r, _k, ctx) => reply(400, '40084', 'The current account is not a unified account', null, ctx.now()),
  },
  'GET /api/v2/spot/account/assets': { needs: 'read', answer: (_r, key, ctx) => ok(assets(key, ctx.now()), ctx) },
  'GET /api/v2/spot/account/info': { needs: 'read', answer: (_r, key, ctx) => ok(accountInfo(key), ctx) },
  // the simulated book holds no orders, so every id is unknown
  'POST /api/v2/spot/trade/cancel-order': {
    needs: 'trade',
    answer: (_r, _k, ctx) => reply(400, '43001', 'The order does not exist', null, ctx.now()),
  },
};

function tickers(now: number): object[] {
  return Object.entries(bitgetPrices).map(([symbol, last]) => ({
    symbol,
    high24h: last,
    open: last,
    low24h: last,
    lastPr: last,
    quoteVolume: '1000000',
    baseVolume: '100',
    usdtVolume: '1000000',
    bidPr: last,
    askPr: last,
    bidSz: '1',
    askSz: '1',
    openUtc: last,
    ts: String(now),
    changeUtc24h: '0.0012',
    change24h: '0.0012',
  }));
}

function assets(key: ResolvedKey, now: number): object[] {
  return Object.entries(key.balances).map(([coin, b]) => ({
    coin,
    available: amount(b.free),
    frozen: amount(b.used),
    locked: '0',
    limitAvailable: '0',
    uTime: String(now),
  }));
}

/** bitget lists a key's permissions as authority codes and its bound addresses as one comma string. */
function accountInfo(key: ResolvedKey): object {
  // the documented codes: stor/stow spot read/write, coow/cpow futures, wtow transfer, wwow withdrawal
  const authorities = [
    key.read && (key.spotTrade ? 'stow' : 'stor'),
    key.futuresTrade && 'coow',
    key.futuresTrade && 'cpow',
    key.withdraw && 'wwow',
    key.transfer && 'wtow',
  ].filter((a): a is string => typeof a === 'string');
  return {
    userId: '5921463018',
    inviterId: '',
    ips: key.ips.join(','),
    authorities,
    parentId: 5921463018,
    traderType: 'not_trader',
    channelCode: '',
    channel: '',
    regisTime: '1651234567890',
  };
}

const hmac = (text: string, secret: string): string => createHmac('sha256', secret).update(text).digest('base64');
const callerIp = (ip: string): string => ip.replace(/^::ffff:/, '');
/** bitget signs the query string before percent-encoding. */
const signedQuery = (raw: string): string =>
  raw
    ? `?${raw
        .split('&')
        .map((p) => decodeURIComponent(p))
        .join('&')}`
    : '';

/** bitget's own checks, in its order: headers, timestamp, key, passphrase, signature, IP, account state, permission. */
function authenticate(req: SimRequest, ctx: SimContext, needs: PrivateRoute['needs']): ResolvedKey | SimResponse {
  const h = req.headers;
  const fail = (code: string, msg: string, status = 400): SimResponse => reply(status, code, msg, null, ctx.now());
  const apiKey = h['access-key'];
  const stamp = h['access-timestamp'];
  const passphrase = h['access-passphrase'];
  const signature = h['access-sign'];
  if (!apiKey) return fail('40001', 'ACCESS_KEY cannot be empty');
  if (!signature) return fail('40003', 'Signature cannot be empty');
  if (!passphrase) return fail('40011', 'ACCESS_PASSPHRASE cannot be empty');
  if (!stamp || !/^\d+$/.test(stamp)) return fail('40005', 'Invalid ACCESS_TIMESTAMP');
  if (ctx.rejectTimestamps || Math.abs(ctx.now() - Number(stamp)) > WINDOW_MS) return fail('40008', 'Request timestamp expired');
  const key = ctx.key(apiKey);
  if (!key) return fail('40006', 'Invalid ACCESS_KEY');
  // a deleted or lapsed key is gone from bitget
  if (key.state === 'revoked' || (key.expiresAt !== undefined && key.expiresAt < ctx.now())) return fail('40037', 'Apikey does not exist');
  if (passphrase !== key.password) return fail('40012', 'apikey/password is incorrect');
  if (signature !== hmac(stamp + req.method + req.path + signedQuery(req.rawQuery) + req.body, key.secret)) {
    return fail('40009', 'sign signature error');
  }
  if (key.ips.length > 0 && !key.ips.includes(callerIp(req.ip))) return fail('40018', 'Invalid IP');
  if (key.state === 'suspended') return fail('40013', 'User status is abnormal', 403);
  if (!(needs === 'read' ? key.read : key.spotTrade)) return fail('40014', 'Incorrect permissions', 403);
  return key;
}

/** bitget as ccxt meets it, so key checks are tested against bitget's own codes without reaching bitget. */
const bitget: SimExchange = {
  id: 'bitget',
  // signed answers take their field names and value vocabulary from these documented bodies
  routeSources: {
    'GET /api/v2/spot/account/info': Object.values(fixtures.keyInfo)[0]!.source,
    'GET /api/v2/spot/account/assets': fixtures.balance.funded!.source,
  },
  isPrivate: (req) => `${req.method} ${req.path}` in privateRoutes || 'access-key' in req.headers,
  handle(req, ctx) {
    const route = `${req.method} ${req.path}`;
    const pub = publicRoutes[route];
    if (pub) return ok(pub(req, ctx), ctx);
    const priv = privateRoutes[route];
    if (!priv) return reply(404, '40404', 'Request URL NOT FOUND', null, ctx.now());
    const key = authenticate(req, ctx, priv.needs);
    return 'status' in key ? key : priv.answer(req, key, ctx);
  },
  maintenance: () => reply(503, '40200', 'Server upgrade, please try again later', null, Date.now()),
  rateLimited: () => reply(429, '429', 'Too Many Requests', null, Date.now()),
  restrictedLocation: () => reply(403, '40024', 'Services are not available in your country or region', null, Date.now()),
};

export default bitget;
