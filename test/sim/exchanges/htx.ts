/**
 * Simulated htx (spot API): server time, spot symbols, one contract per contract list and currencies, the
 * uid and API-key calls, accounts, spot balance and order cancel. Signed requests are checked as
 * htx documents them (Signature Version 2): the query parameters except Signature, sorted in ASCII
 * order, make `METHOD\nhost\npath\nquery`, signed with base64 HMAC-SHA256 of the secret.
 */
import { createHmac } from 'node:crypto';
import { fixtures, uidAnswer } from '../../fixtures/exchanges/htx.js';
import type { ResolvedKey, SimContext, SimExchange, SimRequest, SimResponse } from '../types.js';

const CCXT = 'npm ccxt@4.5.84 js/src/htx.js';
/** the host ccxt puts in the signed text for spot calls (htx hostnames.spot) */
const HOST = 'api.huobi.pro';
/** made up: htx's accepted clock difference is not in the sources read */
const WINDOW_MS = 5 * 60_000;
const UID = 63628520;
const SPOT_ACCOUNT = 1528640;

/** a documented error body by its name in the corpus (htx's codes repeat: only err-msg differs) */
const documented = (name: string, status = 200): SimResponse => {
  const doc = fixtures.errors[name]!;
  return { status: doc.status ?? status, body: structuredClone(doc.body), source: doc.source };
};
const ok = (data: unknown): SimResponse => ({ status: 200, body: { status: 'ok', data } });

/** spot symbols in the shape of ccxt's fetchMarkets spot comment; values made up */
const symbols = [
  ['btc', 'usdt'],
  ['eth', 'usdt'],
  ['eth', 'btc'],
].map(([base, quote]) => ({
  'base-currency': base,
  'quote-currency': quote,
  'price-precision': 2,
  'amount-precision': 6,
  'symbol-partition': 'main',
  symbol: `${base}${quote}`,
  state: 'online',
  'value-precision': 8,
  'min-order-amt': 0.0001,
  'max-order-amt': 1000,
  'min-order-value': 5,
  'api-trading': 'enabled',
  tags: '',
}));

/** one contract of each list, copied from ccxt's fetchMarkets inverse and linear comments */
const linearSwap = {
  symbol: 'BTC',
  contract_code: 'BTC-USDT',
  contract_size: 0.001,
  price_tick: 0.1,
  delivery_date: '',
  delivery_time: '',
  create_date: '20211228',
  contract_status: 1,
  settlement_date: '1640764800000',
  support_margin_mode: 'cross',
  business_type: 'swap',
  pair: 'BTC-USDT',
  contract_type: 'swap',
  trade_partition: 'USDT',
};
const inverseSwap = {
  symbol: 'BTC',
  contract_code: 'BTC-USD',
  contract_size: 100,
  price_tick: 0.1,
  delivery_time: '',
  create_date: '20211112',
  contract_status: 1,
  settlement_date: '1637481600000',
};
const inverseFuture = {
  symbol: 'BTC',
  contract_code: 'BTC211126',
  contract_type: 'this_week',
  contract_size: 100,
  price_tick: 0.1,
  delivery_date: '20211126',
  delivery_time: '1637913600000',
  create_date: '20211112',
  contract_status: 1,
  settlement_time: '1637481600000',
};

const publicRoutes: Record<string, (req: SimRequest, ctx: SimContext) => SimResponse> = {
  'GET /v1/common/timestamp': (_req, ctx) => ok(ctx.now()),
  'GET /v1/common/symbols': () => ok(symbols),
  'GET /v2/reference/currencies': () => ({ status: 200, body: { code: 200, data: [] } }),
  'GET /linear-swap-api/v1/swap_contract_info': () => ok([linearSwap]),
  'GET /swap-api/v1/swap_contract_info': () => ok([inverseSwap]),
  'GET /api/v1/contract_contract_info': () => ok([inverseFuture]),
};

/** htx's permission tokens for a key profile; "withdraw" is the token ccxt's peers use, not a documented one */
function permission(key: ResolvedKey): string {
  return [key.read && 'readOnly', key.spotTrade && 'trade', key.withdraw && 'withdraw'].filter(Boolean).join(',');
}

/** the key's remaining days as htx reports them (-1 = never expires) */
function validDays(key: ResolvedKey, now: number): number {
  return key.expiresAt === undefined ? -1 : Math.max(0, Math.floor((key.expiresAt - now) / 86_400_000));
}

interface PrivateRoute {
  /** what the key must be allowed to do ('any' = every valid key, as the uid call) */
  needs: 'any' | 'read' | 'trade';
  answer: (req: SimRequest, key: ResolvedKey, ctx: SimContext) => SimResponse;
}

const privateRoutes: Record<string, PrivateRoute> = {
  'GET /v2/user/uid': { needs: 'any', answer: () => ({ status: 200, body: { ...uidAnswer.body, data: UID } }) },
  'GET /v2/user/api-key': {
    needs: 'read',
    answer: (req, key, ctx) => {
      if (req.query.get('uid') !== String(UID)) return { status: 200, body: { code: 2002, message: 'invalid field value in `uid`' } };
      const row = {
        accessKey: key.apiKey,
        status: 'normal',
        note: 'keyward',
        permission: permission(key),
        ipAddresses: key.ips.join(','),
        validDays: validDays(key, ctx.now()),
        createTime: key.createdAt,
        updateTime: key.createdAt,
      };
      return { status: 200, body: { code: 200, message: 'success', data: [row] } };
    },
  },
  'GET /v1/account/accounts': { needs: 'read', answer: () => ok([{ id: SPOT_ACCOUNT, type: 'spot', subtype: '', state: 'working' }]) },
  [`GET /v1/account/accounts/${SPOT_ACCOUNT}/balance`]: {
    needs: 'read',
    answer: (_req, key) =>
      ok({
        id: SPOT_ACCOUNT,
        type: 'spot',
        state: 'working',
        list: Object.entries(key.balances).flatMap(([c, b]) => [
          { currency: c.toLowerCase(), type: 'trade', balance: String(b.free), 'seq-num': '1' },
          { currency: c.toLowerCase(), type: 'frozen', balance: String(b.used), 'seq-num': '1' },
        ]),
      }),
  },
  'POST /v1/order/orders/{id}/submitcancel': { needs: 'trade', answer: () => documented('order-not-found') },
};

const routeOf = (req: SimRequest): string =>
  `${req.method} ${req.path.replace(/^\/v1\/order\/orders\/[^/]+\/submitcancel$/, '/v1/order/orders/{id}/submitcancel')}`;

/** The signed text as htx rebuilds it: every parameter but Signature, sorted by name. */
function signedText(req: SimRequest): string {
  const pairs = req.rawQuery.split('&').filter((p) => p && !p.startsWith('Signature='));
  pairs.sort((a, b) => (a.split('=')[0]! < b.split('=')[0]! ? -1 : 1));
  return [req.method, HOST, req.path, pairs.join('&')].join('\n');
}

const callerIp = (ip: string): string => ip.replace(/^::ffff:/, '');

/** htx's checks: key, timestamp, signature, IP, account state, permission. */
function authenticate(req: SimRequest, ctx: SimContext, needs: PrivateRoute['needs']): ResolvedKey | SimResponse {
  const key = ctx.key(req.query.get('AccessKeyId') ?? '');
  if (!key || key.state === 'revoked' || (key.expiresAt !== undefined && key.expiresAt < ctx.now())) return documented('bad-key');
  const stamp = Date.parse(`${req.query.get('Timestamp') ?? ''}Z`);
  if (ctx.rejectTimestamps || Number.isNaN(stamp) || Math.abs(ctx.now() - stamp) > WINDOW_MS) return documented('bad-signature');
  const expected = createHmac('sha256', key.secret).update(signedText(req)).digest('base64');
  if (req.query.get('Signature') !== expected) return documented('bad-signature');
  if (key.ips.length > 0 && !key.ips.includes(callerIp(req.ip))) return documented('ip-not-allowed');
  if (key.state === 'suspended') return documented('no-permission');
  if ((needs === 'read' && !key.read) || (needs === 'trade' && !key.spotTrade)) return documented('no-permission');
  return key;
}

/** htx as ccxt meets it, so key checks are tested against htx's own bodies without reaching htx. */
const htx: SimExchange = {
  id: 'htx',
  routeSources: {
    'GET /v2/user/uid': uidAnswer.source,
    'GET /v2/user/api-key': fixtures.keyInfo['documented-example']!.source,
    'GET /v1/account/accounts': `${CCXT} fetchAccounts comment (id, type, subtype, state)`,
    [`GET /v1/account/accounts/${SPOT_ACCOUNT}/balance`]: fixtures.balance.funded!.source,
  },
  isPrivate: (req) => req.query.has('AccessKeyId'),
  handle(req, ctx) {
    const route = routeOf(req);
    const pub = publicRoutes[route];
    if (pub) return pub(req, ctx);
    const priv = privateRoutes[route];
    if (!priv) return { status: 404, body: { status: 'error', 'err-code': 'invalid-request', 'err-msg': 'not found', data: null } };
    const key = authenticate(req, ctx, priv.needs);
    return 'status' in key ? key : priv.answer(req, key, ctx);
  },
  maintenance: () => documented('maintenance'),
  rateLimited: () => documented('rate-limit', 429),
  restrictedLocation: () => ({ status: 403, body: { status: 'error', 'err-code': 'forbidden', 'err-msg': 'Forbidden', data: null } }),
};

export default htx;
