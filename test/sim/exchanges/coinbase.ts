/**
 * coinbase (Advanced Trade, ccxt id "coinbase") on loopback. A fresh ccxt instance loads currencies
 * and exchange rates from the v2 API, spot and futures products plus the signed fee tier from v3,
 * then reads wallet accounts from v2. Signed routes go through coinbase's real authentication
 * (_coinbase-auth.ts) and its scope checks; refusals come in the family's own shape: v2 answers
 * `{"errors":[{id,message}]}`, v3 answers `{"error","error_details","message"}`.
 */
import { fixtures } from '../../fixtures/exchanges/coinbase.js';
import { sourcedError } from '../documented.js';
import type { ResolvedKey, SimContext, SimExchange, SimRequest, SimResponse } from '../types.js';
import { authenticate, v2Error } from './_coinbase-auth.js';
import {
  batchCancel,
  cryptoCurrencies,
  exchangeRates,
  fiatCurrencies,
  keyPermissions,
  products,
  transactionSummary,
  v2Accounts,
  v2Time,
  v3Accounts,
  v3Time,
} from './_coinbase-data.js';

const PUBLIC: Record<string, (req: SimRequest, now: number) => unknown> = {
  'GET /v2/time': (_req, now) => v2Time(now),
  'GET /v2/currencies': () => fiatCurrencies(),
  'GET /v2/currencies/crypto': () => cryptoCurrencies(),
  'GET /v2/exchange-rates': () => exchangeRates(),
  'GET /api/v3/brokerage/time': (_req, now) => v3Time(now),
  'GET /api/v3/brokerage/market/products': (req) => products(req.query),
};

type Scope = 'read' | 'spotTrade';

const PRIVATE: Record<string, { scope: Scope; answer: (key: ResolvedKey, req: SimRequest) => unknown }> = {
  'GET /v2/accounts': { scope: 'read', answer: (key) => v2Accounts(key) },
  'GET /api/v3/brokerage/accounts': { scope: 'read', answer: (key) => v3Accounts(key) },
  'GET /api/v3/brokerage/transaction_summary': { scope: 'read', answer: () => transactionSummary() },
  'GET /api/v3/brokerage/key_permissions': { scope: 'read', answer: (key) => keyPermissions(key) },
  'POST /api/v3/brokerage/orders/batch_cancel': { scope: 'spotTrade', answer: (_key, req) => batchCancel(req.body) },
};

const v3Error = (status: number, error: string, message: string): SimResponse => ({ status, body: { error, error_details: message, message } });

const isV2 = (req: SimRequest): boolean => req.path.startsWith('/v2/');

const notFound = (req: SimRequest): SimResponse => (isV2(req) ? v2Error(404, 'not_found', 'Not found') : v3Error(404, 'NOT_FOUND', 'route not found'));

/** coinbase's answer to a key lacking the scope a route needs, per API family. */
const missingScope = (req: SimRequest): SimResponse =>
  isV2(req)
    ? v2Error(403, 'invalid_scope', 'Invalid scope')
    : sourcedError(fixtures, 'unknown', {
        status: 403,
        body: { error: 'unknown', error_details: 'Missing required scopes', message: 'Missing required scopes' },
      });

/** coinbase's answer when the account behind a valid key is locked, per API family. */
const accountLocked = (req: SimRequest): SimResponse =>
  isV2(req)
    ? v2Error(401, 'invalid_authentication_method', 'API access is blocked for this user.')
    : v3Error(403, 'PERMISSION_DENIED', 'User account is disabled');

function handlePrivate(req: SimRequest, ctx: SimContext): SimResponse {
  const route = PRIVATE[`${req.method} ${req.path}`];
  if (!route) return notFound(req);
  const auth = authenticate(req, ctx);
  if ('refusal' in auth) return auth.refusal;
  if (auth.key.state === 'suspended') return accountLocked(req);
  if (!auth.key[route.scope]) return missingScope(req);
  return { status: 200, body: route.answer(auth.key, req) };
}

const signedPath = (path: string): boolean =>
  path.startsWith('/v2/accounts') ||
  path.startsWith('/v2/user') ||
  (path.startsWith('/api/v3/brokerage/') && !path.startsWith('/api/v3/brokerage/market/') && path !== '/api/v3/brokerage/time');

/** coinbase's wire protocol, loaded by the simulator core. */
const coinbase: SimExchange = {
  id: 'coinbase',
  // signed answers take their field names and value vocabulary from these documented bodies
  routeSources: {
    'GET /api/v3/brokerage/key_permissions': Object.values(fixtures.keyInfo)[0]!.source,
    'GET /v2/accounts': fixtures.balance.funded!.source,
  },
  isPrivate: (req) => signedPath(req.path),
  handle(req, ctx) {
    if (signedPath(req.path)) return handlePrivate(req, ctx);
    const route = PUBLIC[`${req.method} ${req.path}`];
    if (!route) return notFound(req);
    return { status: 200, body: route(req, ctx.now()) };
  },
  // the load balancer answers for the API while coinbase is down for maintenance
  maintenance: () => ({ status: 503, body: 'Service Unavailable' }),
  rateLimited: () => sourcedError(fixtures, 'rate_limit_exceeded', v2Error(429, 'rate_limit_exceeded', 'Too many requests')),
  // coinbase's edge (Cloudflare) refuses a blocked country before the API sees the request
  restrictedLocation: () => ({ status: 403, body: 'error code: 1009' }),
};

export default coinbase;
