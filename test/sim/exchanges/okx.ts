/**
 * Simulated okx (API v5): instruments, currencies, tickers, time, trading balance, account config
 * and order cancel. Signed requests are checked as okx checks them: base64 HMAC-SHA256 of
 * timestamp + method + path(+query) + body, the passphrase compared in clear, a 30 s window.
 */
import { createHmac } from 'node:crypto';
import { fixtures } from '../../fixtures/exchanges/okx.js';
import { sourcedError } from '../documented.js';
import type { ResolvedKey, SimContext, SimExchange, SimRequest, SimResponse } from '../types.js';
import { okxCurrencies, okxInstruments, okxPrices } from './_okx-data.js';

const WINDOW_MS = 30_000;

const ok = (data: unknown[]): SimResponse => ({ status: 200, body: { code: '0', msg: '', data } });
const fail = (status: number, code: string, msg: string): SimResponse => sourcedError(fixtures, code, { status, body: { msg, code } });

const amount = (n: number): string => String(Number(n.toFixed(8)));

const publicRoutes: Record<string, (req: SimRequest, ctx: SimContext) => SimResponse> = {
  'GET /api/v5/public/time': (_req, ctx) => ok([{ ts: String(ctx.now()) }]),
  'GET /api/v5/public/instruments': (req) => ok(okxInstruments[req.query.get('instType') ?? ''] ?? []),
  'GET /api/v5/market/tickers': (req, ctx) => ok(req.query.get('instType') === 'SPOT' ? tickers(ctx.now()) : []),
};

interface PrivateRoute {
  /** what the key must be allowed to do */
  needs: 'read' | 'trade';
  answer: (req: SimRequest, key: ResolvedKey, ctx: SimContext) => SimResponse;
}

const privateRoutes: Record<string, PrivateRoute> = {
  'GET /api/v5/asset/currencies': { needs: 'read', answer: () => ok(okxCurrencies) },
  'GET /api/v5/account/balance': { needs: 'read', answer: (_req, key, ctx) => ok([tradingBalance(key, ctx.now())]) },
  'GET /api/v5/account/config': { needs: 'read', answer: (_req, key) => ok([accountConfig(key)]) },
  'POST /api/v5/trade/cancel-order': { needs: 'trade', answer: (req) => cancelUnknownOrder(req) },
};

function tickers(now: number): object[] {
  return Object.entries(okxPrices).map(([instId, last]) => ({
    instType: 'SPOT',
    instId,
    last,
    lastSz: '0.01',
    askPx: last,
    askSz: '1',
    bidPx: last,
    bidSz: '1',
    open24h: last,
    high24h: last,
    low24h: last,
    volCcy24h: '1000000',
    vol24h: '100',
    ts: String(now),
    sodUtc0: last,
    sodUtc8: last,
  }));
}

function tradingBalance(key: ResolvedKey, now: number): object {
  const details = Object.entries(key.balances).map(([ccy, b]) => ({
    ccy,
    availBal: amount(b.free),
    frozenBal: amount(b.used),
    ordFrozen: amount(b.used),
    cashBal: amount(b.free + b.used),
    eq: amount(b.free + b.used),
    disEq: '',
    eqUsd: '',
    isoEq: '0',
    upl: '0',
    uTime: String(now),
  }));
  return { adjEq: '', details, imr: '', isoEq: '0', mgnRatio: '', mmr: '', notionalUsd: '', ordFroz: '', totalEq: '', uTime: String(now) };
}

/** okx's account configuration: `perm` lists read_only / trade / withdraw, `ip` is a comma list ('' = any IP). */
function accountConfig(key: ResolvedKey): object {
  const perm = [key.read && 'read_only', (key.spotTrade || key.futuresTrade) && 'trade', key.withdraw && 'withdraw'];
  return {
    acctLv: '2',
    autoLoan: false,
    ctIsoMode: 'automatic',
    greeksType: 'PA',
    ip: key.ips.join(','),
    kycLv: '2',
    label: 'keyward-sim',
    level: 'Lv1',
    levelTmp: '',
    mainUid: '44705892343619584',
    mgnIsoMode: 'automatic',
    opAuth: '0',
    perm: perm.filter(Boolean).join(','),
    posMode: 'net_mode',
    roleType: '0',
    spotRoleType: '0',
    traderInsts: [],
    uid: '44705892343619584',
  };
}

function cancelUnknownOrder(req: SimRequest): SimResponse {
  const order = JSON.parse(req.body || '{}') as { ordId?: string; clOrdId?: string };
  return {
    status: 200,
    body: {
      code: '1',
      msg: 'All operations failed',
      data: [
        {
          clOrdId: order.clOrdId ?? '',
          ordId: order.ordId ?? '',
          sCode: '51400',
          sMsg: 'Order cancellation failed as the order has been filled, canceled or does not exist.',
          ts: '',
        },
      ],
    },
  };
}

const sign = (prehash: string, secret: string): string => createHmac('sha256', secret).update(prehash).digest('base64');
const callerIp = (ip: string): string => ip.replace(/^::ffff:/, '');

/** okx's own checks, in its order: headers, timestamp, key, passphrase, signature, IP, account state, permission. */
function authenticate(req: SimRequest, ctx: SimContext, needs: PrivateRoute['needs']): ResolvedKey | SimResponse {
  const h = req.headers;
  const apiKey = h['ok-access-key'];
  const stamp = h['ok-access-timestamp'];
  const passphrase = h['ok-access-passphrase'];
  const signature = h['ok-access-sign'];
  if (!apiKey) return fail(401, '50103', 'Request header OK-ACCESS-KEY cannot be empty.');
  if (!passphrase) return fail(401, '50104', 'Request header OK-ACCESS-PASSPHRASE cannot be empty.');
  if (!signature) return fail(401, '50106', 'Request header OK-ACCESS-SIGN cannot be empty.');
  if (!stamp) return fail(401, '50107', 'Request header OK-ACCESS-TIMESTAMP cannot be empty.');
  const sent = Date.parse(stamp);
  if (Number.isNaN(sent)) return fail(401, '50112', 'Invalid OK-ACCESS-TIMESTAMP');
  if (ctx.rejectTimestamps || Math.abs(ctx.now() - sent) > WINDOW_MS) return fail(401, '50102', 'Timestamp request expired');
  const key = ctx.key(apiKey);
  // okx deletes a key that is revoked or has lapsed; afterwards it is simply unknown
  if (!key || key.state === 'revoked' || (key.expiresAt !== undefined && key.expiresAt < ctx.now())) {
    return fail(401, '50111', 'Invalid OK-ACCESS-KEY');
  }
  if (passphrase !== key.password) return fail(401, '50105', 'Request header OK-ACCESS-PASSPHRASE incorrect.');
  const query = req.rawQuery ? `?${req.rawQuery}` : '';
  if (signature !== sign(stamp + req.method + req.path + query + req.body, key.secret)) {
    return fail(401, '50113', 'Invalid Sign');
  }
  const ip = callerIp(req.ip);
  if (key.ips.length > 0 && !key.ips.includes(ip)) {
    return fail(401, '50110', `Your IP ${ip} is not included in your API key's IP whitelist.`);
  }
  if (key.state === 'suspended') return fail(200, '50007', 'Account blocked');
  const allowed = needs === 'read' ? key.read : key.spotTrade;
  if (!allowed) return fail(401, '50120', "API key doesn't have permission");
  return key;
}

/** okx as ccxt meets it, so key checks are tested against okx's own codes without reaching okx. */
const okx: SimExchange = {
  id: 'okx',
  // signed answers take their field names and value vocabulary from these documented bodies
  routeSources: {
    'GET /api/v5/account/config': Object.values(fixtures.keyInfo)[0]!.source,
    'GET /api/v5/account/balance': fixtures.balance.funded!.source,
  },
  isPrivate: (req) => `${req.method} ${req.path}` in privateRoutes || 'ok-access-key' in req.headers,
  handle(req, ctx) {
    const route = `${req.method} ${req.path}`;
    const pub = publicRoutes[route];
    if (pub) return pub(req, ctx);
    const priv = privateRoutes[route];
    if (!priv) return { status: 404, body: { msg: 'Not Found', code: '404' } };
    const key = authenticate(req, ctx, priv.needs);
    return 'status' in key ? key : priv.answer(req, key, ctx);
  },
  maintenance: () => fail(503, '50001', 'Service temporarily unavailable. Try again later'),
  rateLimited: () => fail(429, '50011', 'Too Many Requests'),
  restrictedLocation: () => fail(403, '50121', "You can't access our services through the IP address you are using."),
};

export default okx;
