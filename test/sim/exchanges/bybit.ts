/**
 * bybit v5 on loopback: the public instrument and ticker routes a fresh ccxt instance loads, and the
 * signed routes (coin info, API-key description, account info, unified wallet) behind bybit's real
 * checks — X-BAPI-* headers, HMAC-SHA256 hex over timestamp + key + recvWindow + query (or body),
 * the timestamp inside its window — answering with bybit's own retCode envelope.
 */
import { createHmac } from 'node:crypto';
import { fixtures } from '../../fixtures/exchanges/bybit.js';
import { sourcedError } from '../documented.js';
import type { ResolvedKey, SimContext, SimExchange, SimRequest, SimResponse } from '../types.js';
import { verifiesWithUploadedKey } from './_uploaded-keys.js';
import { accountInfo, coinInfo, instruments, queryApi, tickers, walletBalance } from './_bybit-data.js';

type Route = { signed: false; answer: (req: SimRequest, now: number) => unknown } | { signed: true; answer: (key: ResolvedKey, now: number) => unknown };

const ROUTES: Record<string, Route> = {
  'GET /v5/market/time': { signed: false, answer: (_req, now) => ({ timeSecond: String(Math.floor(now / 1000)), timeNano: `${now}000000` }) },
  'GET /v5/market/instruments-info': { signed: false, answer: (req) => instruments(req.query.get('category') ?? 'spot', req.query.get('status')) },
  'GET /v5/market/tickers': { signed: false, answer: (req) => tickers(req.query.get('category') ?? 'spot') },
  'GET /v5/asset/coin/query-info': { signed: true, answer: () => coinInfo() },
  'GET /v5/user/query-api': { signed: true, answer: (key, now) => queryApi(key, now) },
  'GET /v5/account/info': { signed: true, answer: () => accountInfo() },
  'GET /v5/account/wallet-balance': { signed: true, answer: (key) => walletBalance(key) },
};

const envelope = (status: number, retCode: number, retMsg: string, result: unknown, now: number): SimResponse => {
  const answer = { status, body: { retCode, retMsg, result, retExtInfo: {}, time: now } };
  return retCode === 0 ? answer : sourcedError(fixtures, String(retCode), answer);
};

const callerIp = (ip: string): string => ip.replace(/^::ffff:/, '');

function authenticate(req: SimRequest, ctx: SimContext): { key: ResolvedKey } | { refusal: SimResponse } {
  const now = ctx.now();
  const refuse = (status: number, code: number, msg: string) => ({ refusal: envelope(status, code, msg, {}, now) });
  const apiKey = req.headers['x-bapi-api-key'] ?? '';
  const key = ctx.key(apiKey);
  if (!key || key.state === 'revoked') {
    return refuse(
      401,
      10003,
      'API key is invalid. Check whether the key and domain are matched, there are 4 env: mainnet, testnet, mainnet-demo, testnet-demo',
    );
  }
  if (key.expiresAt !== undefined && key.expiresAt <= now) return refuse(200, 33004, 'Your api key has expired.');
  if (key.ips.length > 0 && !key.ips.includes('*') && !key.ips.some((ip) => callerIp(ip) === callerIp(req.ip))) {
    return refuse(200, 10010, "Unmatched IP, please check your API key's bound IP addresses.");
  }
  const timestamp = Number(req.headers['x-bapi-timestamp']);
  const recvWindow = Number(req.headers['x-bapi-recv-window'] ?? 5000);
  if (ctx.rejectTimestamps || !(timestamp >= now - recvWindow && timestamp < now + 1000)) {
    return refuse(
      200,
      10002,
      `invalid request, please check your server timestamp or recv_window param. req_timestamp[${timestamp}],server_timestamp[${now}],recv_window[${recvWindow}]`,
    );
  }
  const payload = `${req.headers['x-bapi-timestamp']}${apiKey}${req.headers['x-bapi-recv-window'] ?? ''}${req.method === 'GET' ? req.rawQuery : req.body}`;
  // a self-generated key (RSA) is checked against the public key the user uploaded
  const signed = key.publicKey
    ? verifiesWithUploadedKey(key.publicKey, payload, req.headers['x-bapi-sign'])
    : req.headers['x-bapi-sign'] === createHmac('sha256', key.secret).update(payload).digest('hex');
  if (!signed) {
    return refuse(401, 10004, 'Error sign, please check your signature generation algorithm.');
  }
  if (key.state === 'suspended') return refuse(200, 10008, 'Common banned, please check your account mode');
  if (!key.read) return refuse(200, 10005, 'Permission denied, please check your API key permissions.');
  return { key };
}

const bybit: SimExchange = {
  id: 'bybit',
  // signed answers take their field names and value vocabulary from these documented bodies
  routeSources: {
    'GET /v5/user/query-api': Object.values(fixtures.keyInfo)[0]!.source,
    'GET /v5/account/info': 'https://bybit-exchange.github.io/docs/v5/account/account-info (shape; values made up)',
    'GET /v5/account/wallet-balance': fixtures.balance.funded!.source,
  },
  isPrivate: (req) => 'x-bapi-api-key' in req.headers,
  handle(req, ctx) {
    const route = ROUTES[`${req.method} ${req.path}`];
    if (!route) return envelope(404, 10017, 'Route not found.', {}, ctx.now());
    if (!route.signed) return envelope(200, 0, 'OK', route.answer(req, ctx.now()), ctx.now());
    const auth = authenticate(req, ctx);
    if ('refusal' in auth) return auth.refusal;
    return envelope(200, 0, 'OK', route.answer(auth.key, ctx.now()), ctx.now());
  },
  maintenance: () => ({
    status: 503,
    body: '<html><head><title>503 Service Temporarily Unavailable</title></head><body><center><h1>503 Service Temporarily Unavailable</h1></center></body></html>',
  }),
  rateLimited: () => envelope(200, 10006, 'Too many visits. Exceeded the API Rate Limit.', {}, Date.now()),
  // the sentence is the one ccxt quotes for a 403 (js/src/bybitid.js); the page around it is made up
  restrictedLocation: () => ({
    source:
      'npm ccxt@4.5.84 js/src/bybitid.js exceptions (403: "The Amazon CloudFront distribution is configured to block access from your country"); page made up',
    status: 403,
    body: '<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN"><HTML><HEAD><TITLE>ERROR: The request could not be satisfied</TITLE></HEAD><BODY><H1>403 ERROR</H1><H2>The request could not be satisfied.</H2><HR noshade size="1px">The Amazon CloudFront distribution is configured to block access from your country.</BODY></HTML>',
  }),
};

export default bybit;
