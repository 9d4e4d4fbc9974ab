/**
 * kraken on loopback: the public routes a fresh ccxt instance loads (Assets, AssetPairs) plus time,
 * status and tickers, and the signed /0/private routes behind kraken's real checks — API-Key,
 * API-Sign = base64 HMAC-SHA512 (key: the base64-decoded secret) over path + SHA256(nonce + body),
 * and a nonce that must grow per key (kraken compares nonces with each other, never with its
 * clock). kraken answers refusals with HTTP 200 and its "E<Category>:<Message>" error list.
 */
import { createHash, createHmac } from 'node:crypto';
import { fixtures } from '../../fixtures/exchanges/kraken.js';
import { sourcedError } from '../documented.js';
import type { ResolvedKey, SimContext, SimExchange, SimRequest, SimResponse } from '../types.js';
import { apiKeyInfo, assetPairs, assets, balanceEx, serverTime, systemStatus, tickers } from './_kraken-data.js';

/** Repeated signature or nonce failures on one key lock it out for a while, as kraken does. */
const LOCKOUT_AFTER_FAILURES = 5;
const LOCKOUT_MS = 60_000;

interface NonceState {
  last: bigint;
  failures: number;
  lockedUntil: number;
}

/** Per registered key (a replaced profile starts afresh): highest nonce seen and recent failures. */
const nonceStates = new WeakMap<ResolvedKey, NonceState>();

const stateOf = (key: ResolvedKey): NonceState => {
  let s = nonceStates.get(key);
  if (!s) nonceStates.set(key, (s = { last: 0n, failures: 0, lockedUntil: 0 }));
  return s;
};

const fail = (...error: string[]): SimResponse => sourcedError(fixtures, error[0] ?? '', { status: 200, body: { error } });

const PUBLIC: Record<string, (req: SimRequest, now: number) => unknown> = {
  'GET /0/public/Time': (_req, now) => serverTime(now),
  'GET /0/public/SystemStatus': (_req, now) => systemStatus(now),
  'GET /0/public/Assets': () => assets(),
  'GET /0/public/AssetPairs': () => assetPairs(),
  'GET /0/public/Ticker': (req) => tickers(req.query.get('pair')),
};

type Need = 'read' | 'spotTrade' | 'none';

const PRIVATE: Record<string, { needs: Need; answer: (key: ResolvedKey, nonce: string, now: number) => SimResponse }> = {
  'POST /0/private/BalanceEx': { needs: 'read', answer: (key) => ({ status: 200, body: balanceEx(key) }) },
  'POST /0/private/GetApiKeyInfo': { needs: 'none', answer: (key, nonce, now) => ({ status: 200, body: apiKeyInfo(key, nonce, now) }) },
  'POST /0/private/CancelOrder': { needs: 'spotTrade', answer: () => fail('EOrder:Unknown order') },
};

/** The signed body's fields, whether ccxt sent it form-encoded or (batch and trigger orders) as JSON. */
function bodyParams(req: SimRequest): URLSearchParams {
  if (!(req.headers['content-type'] ?? '').includes('json')) return new URLSearchParams(req.body);
  try {
    const parsed = JSON.parse(req.body) as Record<string, unknown>;
    return new URLSearchParams(Object.entries(parsed).map(([k, v]): [string, string] => [k, String(v)]));
  } catch {
    return new URLSearchParams();
  }
}

/** kraken's API-Sign for this request, computed from the registered secret. */
function expectedSignature(req: SimRequest, secret: string, nonce: string): string {
  const inner = createHash('sha256')
    .update(nonce + req.body)
    .digest();
  return createHmac('sha512', Buffer.from(secret, 'base64'))
    .update(Buffer.concat([Buffer.from(req.path), inner]))
    .digest('base64');
}

const callerIp = (ip: string): string => ip.replace(/^::ffff:/, '');

function handlePrivate(req: SimRequest, ctx: SimContext): SimResponse {
  const route = PRIVATE[`${req.method} ${req.path}`];
  if (!route) return { status: 404, body: { error: ['EGeneral:Unknown method'] } };
  const now = ctx.now();
  const key = ctx.key(req.headers['api-key'] ?? '');
  if (!key || key.state === 'revoked' || (key.expiresAt !== undefined && key.expiresAt <= now)) return fail('EAPI:Invalid key');
  const state = stateOf(key);
  if (state.lockedUntil > now) return fail('EGeneral:Temporary lockout');
  const refuse = (error: string): SimResponse => {
    state.failures += 1;
    if (state.failures >= LOCKOUT_AFTER_FAILURES) state.lockedUntil = now + LOCKOUT_MS;
    return fail(error);
  };
  const params = bodyParams(req);
  const nonce = params.get('nonce') ?? '';
  if (!/^\d{1,20}$/.test(nonce)) return refuse('EAPI:Invalid nonce');
  if (req.headers['api-sign'] !== expectedSignature(req, key.secret, nonce)) return refuse('EAPI:Invalid signature');
  if (ctx.rejectTimestamps || BigInt(nonce) <= state.last) return refuse('EAPI:Invalid nonce');
  state.last = BigInt(nonce);
  state.failures = 0;
  if (key.ips.length > 0 && !key.ips.map(callerIp).includes(callerIp(req.ip))) return fail('EGeneral:Permission denied');
  if (key.state === 'suspended') return fail('ETrade:User Locked');
  if (route.needs !== 'none' && !key[route.needs]) return fail('EGeneral:Permission denied');
  return route.answer(key, nonce, now);
}

/** kraken's wire protocol, loaded by the simulator core. */
const kraken: SimExchange = {
  id: 'kraken',
  // signed answers take their field names and value vocabulary from these documented bodies
  routeSources: {
    'POST /0/private/GetApiKeyInfo': Object.values(fixtures.keyInfo)[0]!.source,
    'POST /0/private/BalanceEx': fixtures.balance.funded!.source,
  },
  isPrivate: (req) => req.path.startsWith('/0/private/'),
  handle(req, ctx) {
    if (req.path.startsWith('/0/private/')) return handlePrivate(req, ctx);
    const route = PUBLIC[`${req.method} ${req.path}`];
    if (!route) return { status: 404, body: { error: ['EGeneral:Unknown method'] } };
    return { status: 200, body: route(req, ctx.now()) };
  },
  maintenance: () => fail('EService:Unavailable'),
  rateLimited: () => ({ ...fail('EAPI:Rate limit exceeded'), status: 429 }),
  // kraken's edge (Cloudflare) refuses a blocked country before the API sees the request
  restrictedLocation: () => ({
    status: 403,
    body: 'error code: 1009',
    source:
      'Cloudflare error 1009 (country banned), https://developers.cloudflare.com/support/troubleshooting/http-status-codes/cloudflare-1xxx-errors/error-1009/; body made up',
  }),
};

export default kraken;
