/**
 * Simulated LBank (spot API v2): trading pairs, withdrawal configurations, time, the swap instrument
 * list ccxt also loads, balances and the API-key permission query. Signed requests are checked as
 * LBank documents and ccxt signs them: the form parameters except `sign`, plus the echostr,
 * signature_method and timestamp headers, sorted by name and joined as k=v&…, MD5 in upper-case hex,
 * then hex HMAC-SHA256 of that with the secret. RSA keys (secrets longer than 32 characters) are not simulated.
 */
import { createHash, createHmac } from 'node:crypto';
import { fixtures } from '../../fixtures/exchanges/lbank.js';
import { sourcedError } from '../documented.js';
import type { ResolvedKey, SimContext, SimExchange, SimRequest, SimResponse } from '../types.js';

/** Made up: LBank documents a timestamp check (10600) but not how wide its window is. */
const WINDOW_MS = 5_000;

/** LBank's envelope, as ccxt's captured answers show it. */
const ok = (data: unknown, now: number): SimResponse => ({ status: 200, body: { msg: 'Success', result: 'true', data, error_code: 0, ts: now } });
/** LBank's refusal; the body and source come from the documented corpus. HTTP statuses are not documented: 200 as the envelope suggests. */
const refuse = (code: number, msg: string, status = 200): SimResponse =>
  sourcedError(fixtures, String(code), { status, body: { result: 'false', error_code: code, msg, ts: Date.now() } });

const amount = (n: number): string => String(Number(n.toFixed(8)));

type Answer = (req: SimRequest, ctx: SimContext) => SimResponse;

// shapes follow the docs' return examples and ccxt's quoted bodies (fetchSpotMarkets, fetchCurrencies, fetchTime, fetchSwapMarkets)
const publicRoutes: Record<string, Answer> = {
  'GET /v2/accuracy.do': (_r, ctx) =>
    ok(
      [
        { symbol: 'btc_usdt', quantityAccuracy: '4', minTranQua: '0.0001', priceAccuracy: '2' },
        { symbol: 'eth_usdt', quantityAccuracy: '4', minTranQua: '0.001', priceAccuracy: '2' },
        { symbol: 'eth_btc', quantityAccuracy: '4', minTranQua: '0.001', priceAccuracy: '6' },
      ],
      ctx.now(),
    ),
  'GET /v2/withdrawConfigs.do': (_r, ctx) =>
    ok(
      [
        {
          amountScale: '4',
          chain: 'trc20',
          assetCode: 'usdt',
          min: '1',
          transferAmtScale: '4',
          canWithDraw: true,
          fee: '1.0000',
          minTransfer: '0.0001',
          type: '1',
        },
        {
          amountScale: '8',
          chain: 'btc',
          assetCode: 'btc',
          min: '0.001',
          transferAmtScale: '8',
          canWithDraw: true,
          fee: '0.0002',
          minTransfer: '0.0001',
          type: '1',
        },
        {
          amountScale: '8',
          chain: 'erc20',
          assetCode: 'eth',
          min: '0.01',
          transferAmtScale: '8',
          canWithDraw: true,
          fee: '0.005',
          minTransfer: '0.0001',
          type: '1',
        },
      ],
      ctx.now(),
    ),
  'GET /v2/timestamp.do': (_r, ctx) => ok(ctx.now(), ctx.now()),
  // shape of ccxt's captured fetchTicker answer (ts/src/test/static/response/lbank.json); prices made up
  'GET /v2/ticker/24hr.do': (_r, ctx) =>
    ok(
      [
        {
          symbol: 'btc_usdt',
          ticker: { high: '73640.51', vol: '12127.5132', low: '68677.55', change: '1.77', turnover: '869993132.77', latest: '73380.29' },
          timestamp: ctx.now(),
        },
        {
          symbol: 'eth_usdt',
          ticker: { high: '3650.2', vol: '80211.4', low: '3480.1', change: '0.52', turnover: '287654321.1', latest: '3560.4' },
          timestamp: ctx.now(),
        },
      ],
      ctx.now(),
    ),
  // the simulated exchange lists no perpetuals: the spot key check needs none
  'GET /cfd/openApi/v1/pub/instrument': () => ({ status: 200, body: { data: [], error_code: '0', msg: 'Success', result: 'true', success: true } }),
};

interface PrivateRoute {
  /** whether the key must hold read permission */
  needsRead: boolean;
  answer: (req: SimRequest, key: ResolvedKey, ctx: SimContext) => SimResponse;
}

const privateRoutes: Record<string, PrivateRoute> = {
  // every LBank key may ask what it may do (the docs name no permission for it)
  'POST /v2/supplement/api_Restrictions.do': {
    needsRead: false,
    answer: (_r, key, ctx) =>
      ok(
        {
          enableSpotTrading: key.spotTrade,
          createTime: key.createdAt,
          enableReading: key.read,
          ipRestrict: key.ips.length > 0,
          enableWithdrawals: key.withdraw,
        },
        ctx.now(),
      ),
  },
  'POST /v2/supplement/user_info.do': {
    needsRead: true,
    answer: (_r, key, ctx) =>
      ok(
        Object.entries(key.balances).map(([coin, b]) => ({
          usableAmt: amount(b.free),
          assetAmt: amount(b.free + b.used),
          networkList: [],
          freezeAmt: amount(b.used),
          coin: coin.toLowerCase(),
        })),
        ctx.now(),
      ),
  },
};

/** The string LBank signs: every parameter but `sign`, sorted by name, joined unescaped. */
export function lbankSignedString(params: Record<string, string>): string {
  return Object.keys(params)
    .filter((k) => k !== 'sign')
    .sort()
    .map((k) => `${k}=${params[k]}`)
    .join('&');
}

/** The HmacSHA256 sign: hex HMAC-SHA256, keyed with the secret, of the upper-case hex MD5 of the signed string. */
export function lbankSign(params: Record<string, string>, secret: string): string {
  const digest = createHash('md5').update(lbankSignedString(params)).digest('hex').toUpperCase();
  return createHmac('sha256', secret).update(digest).digest('hex');
}

const callerIp = (ip: string): string => ip.replace(/^::ffff:/, '');

/** LBank's checks: echostr, timestamp, key, signature, then the key's IP list, state and permission. */
function authenticate(req: SimRequest, ctx: SimContext, route: PrivateRoute): ResolvedKey | SimResponse {
  const h = req.headers;
  const form = Object.fromEntries(new URLSearchParams(req.body));
  const echostr = h.echostr ?? '';
  if (echostr.length < 30 || echostr.length > 40 || !/^[A-Za-z0-9]+$/.test(echostr))
    return refuse(10031, 'echostr length must be valid and length must be from 30 to 40');
  const stamp = h.timestamp ?? '';
  if (ctx.rejectTimestamps || !/^\d{13}$/.test(stamp) || Math.abs(ctx.now() - Number(stamp)) > WINDOW_MS) {
    return refuse(10600, 'intercepted by replay attacks filter, check timestamp');
  }
  // assumed: an unknown, deleted or expired key gets 10005 (the docs do not say which code a missing key gets)
  const key = form.api_key ? ctx.key(form.api_key) : undefined;
  if (!key || key.state === 'revoked' || (key.expiresAt !== undefined && key.expiresAt < ctx.now())) return refuse(10005, 'Secret key does not exist');
  const signed = { ...form, echostr, signature_method: h.signature_method ?? '', timestamp: stamp };
  if (h.signature_method !== 'HmacSHA256' || !form.sign || form.sign !== lbankSign(signed, key.secret)) return refuse(10007, 'Invalid signature');
  // 10022 is documented for an IP outside the key's list and for a missing permission alike
  const denied = (): SimResponse => refuse(10022, 'API Key permission denied, Invalid IP or permissions');
  if (key.ips.length > 0 && !key.ips.includes(callerIp(req.ip))) return denied();
  // assumed: no source gives LBank's answer for a frozen account
  if (key.state === 'suspended' || (route.needsRead && !key.read)) return denied();
  return key;
}

/** LBank as ccxt meets it, so key checks are tested against LBank's own codes without reaching LBank. */
const lbank: SimExchange = {
  id: 'lbank',
  routeSources: {
    'POST /v2/supplement/api_Restrictions.do': fixtures.keyInfo['documented-example']!.source,
    'POST /v2/supplement/user_info.do': fixtures.balance['documented-example']!.source,
  },
  isPrivate: (req) => `${req.method} ${req.path}` in privateRoutes || 'echostr' in req.headers,
  handle(req, ctx) {
    const route = `${req.method} ${req.path}`;
    const pub = publicRoutes[route];
    if (pub) return pub(req, ctx);
    const priv = privateRoutes[route];
    if (!priv) return { status: 404, body: { result: 'false', error_code: 10601, msg: 'Interface closed unavailable', ts: Date.now() } };
    const key = authenticate(req, ctx, priv);
    return 'status' in key ? key : priv.answer(req, key, ctx);
  },
  maintenance: () => refuse(10116, 'Upgrading in progress, please try again later'),
  rateLimited: () => refuse(10004, 'Request too frequent', 429),
  // made up: no source gives LBank's answer from a restricted location
  restrictedLocation: () => ({ status: 403, body: { result: 'false', msg: 'Service is not available in your region.', ts: Date.now() } }),
};

export default lbank;
