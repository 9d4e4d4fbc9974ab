/**
 * Simulated BloFin (API v1): instruments, tickers, the futures balance and "Get API Key Info".
 * Signed requests are checked as BloFin documents and ccxt 4.5.84 signs them: the prehash
 * requestPath (+ '?' + query) + METHOD + ACCESS-TIMESTAMP + ACCESS-NONCE + body, HMAC-SHA256 with
 * the secret as a hex string, that string Base64-encoded into ACCESS-SIGN; ACCESS-PASSPHRASE must
 * match, the timestamp must be within 60 s and a nonce may not come back within 60 s.
 */
import { createHmac } from 'node:crypto';
import { fixtures } from '../../fixtures/exchanges/blofin.js';
import { sourcedError } from '../documented.js';
import type { ResolvedKey, SimContext, SimExchange, SimRequest, SimResponse } from '../types.js';

/** BloFin's window for the timestamp and for remembering nonces ("need to be within 60s"). */
const WINDOW_MS = 60_000;

const ok = (data: unknown): SimResponse => ({ status: 200, body: { code: '0', msg: 'success', data } });
/** BloFin answers errors with HTTP 200 (429 excepted); the body and source come from the documented corpus. */
const refuse = (code: string, msg: string): SimResponse => sourcedError(fixtures, code, { status: 200, body: { code, msg } });

const amount = (n: number): string => String(Number(n.toFixed(8)));

// the fields ccxt's parseMarket reads (js/src/blofin.js); values made up
const instrument = (base: string, tickSize: string) => ({
  instId: `${base}-USDT`,
  baseCurrency: base,
  quoteCurrency: 'USDT',
  settleCurrency: 'USDT',
  contractValue: '0.001',
  listTime: '1706515200000',
  maxLeverage: '100',
  minSize: '0.1',
  lotSize: '0.1',
  tickSize,
  state: 'live',
  contractType: 'linear',
  instType: 'SWAP',
  maxLimitSize: '100000',
  maxMarketSize: '6000',
});

type Answer = (req: SimRequest, ctx: SimContext) => SimResponse;

const publicRoutes: Record<string, Answer> = {
  'GET /api/v1/market/instruments': () => ok([instrument('BTC', '0.1'), instrument('ETH', '0.01')]),
  // prices are not needed by any test: the simulated market lists no tickers
  'GET /api/v1/market/tickers': () => ok([]),
};

interface PrivateRoute {
  /** what the key must be allowed to do */
  needs: 'read';
  answer: (req: SimRequest, key: ResolvedKey) => SimResponse;
}

/** BloFin reports only read-only (1) or read and write (0). */
const readOnly = (key: ResolvedKey): number => (key.spotTrade || key.futuresTrade || key.withdraw || key.transfer ? 0 : 1);

const privateRoutes: Record<string, PrivateRoute> = {
  'GET /api/v1/user/query-apikey': {
    needs: 'read',
    answer: (_r, key) =>
      ok({
        uid: '30285086315',
        apiName: 'keyward',
        apiKey: key.apiKey,
        readOnly: readOnly(key),
        ips: key.ips,
        type: 1,
        // made up: what BloFin sends for a key without an expiry is not documented
        expireTime: key.expiresAt === undefined ? '' : String(key.expiresAt),
        createTime: String(key.createdAt),
        referralCode: '',
        parentUid: '0',
      }),
  },
  'GET /api/v1/account/balance': {
    needs: 'read',
    answer: (_r, key) =>
      ok({
        ts: '1697021343571',
        totalEquity: '0',
        isolatedEquity: '0',
        details: Object.entries(key.balances).map(([currency, b]) => ({
          currency,
          equity: amount(b.free + b.used),
          balance: amount(b.free + b.used),
          ts: '1697021343571',
          isolatedEquity: '0',
          available: amount(b.free),
          availableEquity: amount(b.free),
          frozen: amount(b.used),
          orderFrozen: amount(b.used),
          equityUsd: '0',
          isolatedUnrealizedPnl: '0',
          bonus: '0',
        })),
      }),
  },
};

const sign = (text: string, secret: string): string => Buffer.from(createHmac('sha256', secret).update(text).digest('hex')).toString('base64');
const callerIp = (ip: string): string => ip.replace(/^::ffff:/, '');

/** Nonces seen per key, with when; BloFin refuses one that comes back within the window. */
const seenNonces = new Map<string, Map<string, number>>();

function nonceReused(apiKey: string, nonce: string, now: number): boolean {
  const seen = seenNonces.get(apiKey) ?? new Map<string, number>();
  seenNonces.set(apiKey, seen);
  for (const [n, at] of seen) if (now - at > WINDOW_MS) seen.delete(n);
  if (seen.has(nonce)) return true;
  seen.set(nonce, now);
  return false;
}

/** BloFin's checks in a plausible order (the docs give the codes, not the order): clock, key, passphrase, signature, nonce, IP, permission. */
function authenticate(req: SimRequest, ctx: SimContext, route: PrivateRoute): ResolvedKey | SimResponse {
  const h = req.headers;
  const apiKey = h['access-key'];
  const stamp = h['access-timestamp'];
  const nonce = h['access-nonce'];
  const signature = h['access-sign'];
  const unknownKey = (): SimResponse =>
    refuse('152401', 'Access key does not exist, Please go to the API Management page and check if it exists and is in an active state.');
  if (!apiKey) return unknownKey();
  if (!stamp || !/^\d{13}$/.test(stamp)) return refuse('152410', 'The value of ACCESS-TIMESTAMP needs to be a millisecond timestamp, e.g: 1704038400000.');
  if (ctx.rejectTimestamps || Math.abs(ctx.now() - Number(stamp)) > WINDOW_MS) {
    return refuse('152405', 'Timestamp in header or signature has expired, need to be within 60s');
  }
  const key = ctx.key(apiKey);
  // assumed: a frozen account answers as a key "not in an active state" (152401's own wording)
  if (key?.state !== 'active') return unknownKey();
  if (key.expiresAt !== undefined && key.expiresAt < ctx.now()) {
    return refuse('152402', 'Access key has expired, Please go to the API Management page and check if it exists and is in an active state.');
  }
  if (h['access-passphrase'] !== key.password) return refuse('152408', 'Passphrase error');
  const signed = req.path + (req.rawQuery ? `?${req.rawQuery}` : '') + req.method + stamp + (nonce ?? '') + req.body;
  if (!nonce || signature !== sign(signed, key.secret)) {
    return refuse(
      '152409',
      'Signature verification failed, Please refer to [Signature Verification Failed](https://docs.blofin.com/index.html#signature-verification-failed)',
    );
  }
  if (nonceReused(apiKey, nonce, ctx.now())) return refuse('152407', 'Repeated nonce, Reusing within 60 seconds is not allowed.');
  if (key.ips.length > 0 && !key.ips.includes(callerIp(req.ip))) return refuse('152406', "Your IP is not included in your API key's IP whitelist");
  if (route.needs === 'read' && !key.read) return refuse('152404', 'This operation is not supported, Please check the requestPath or API key permissions.');
  return key;
}

/** BloFin as ccxt meets it, so key checks are tested against BloFin's own codes without reaching BloFin. */
const blofin: SimExchange = {
  id: 'blofin',
  routeSources: {
    'GET /api/v1/user/query-apikey': fixtures.keyInfo['documented-example']!.source,
    'GET /api/v1/account/balance': fixtures.balance['documented-example']!.source,
  },
  isPrivate: (req) => `${req.method} ${req.path}` in privateRoutes || 'access-key' in req.headers,
  handle(req, ctx) {
    const route = `${req.method} ${req.path}`;
    const pub = publicRoutes[route];
    if (pub) return pub(req, ctx);
    const priv = privateRoutes[route];
    if (!priv) return { status: 200, body: { code: '404', msg: 'not found' } };
    const key = authenticate(req, ctx, priv);
    return 'status' in key ? key : priv.answer(req, key);
  },
  // BloFin documents no maintenance answer: its documented internal server error stands in
  maintenance: () => refuse('500', 'Internal Server Error'),
  rateLimited: () => refuse('429', 'Too Many Requests'),
  // made up: no source gives BloFin's answer from a restricted location
  restrictedLocation: () => ({ status: 403, body: { code: '403', msg: 'Forbidden' } }),
};

export default blofin;
