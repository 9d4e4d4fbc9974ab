/**
 * coinbase's request authentication, recomputed from the registered key. Three schemes, picked by
 * the key's shape as ccxt picks them: a CDP key (`organizations/.../apiKeys/...` + EC PRIVATE KEY
 * PEM) signs an ES256 JWT; an Ed25519 key (base64 of seed + public key) signs an EdDSA JWT; a legacy
 * key sends CB-ACCESS-KEY/-SIGN/-TIMESTAMP with a hex HMAC-SHA256. JWT failures of every kind are a
 * bare 401 "Unauthorized" (coinbase never says why); legacy failures name their cause.
 */
import { createHmac, createPrivateKey, createPublicKey, verify, type KeyObject } from 'node:crypto';
import { fixtures } from '../../fixtures/exchanges/coinbase.js';
import { sourcedError } from '../documented.js';
import type { ResolvedKey, SimContext, SimRequest, SimResponse } from '../types.js';

/** How long a JWT may live, and how far its nbf may run ahead of coinbase's clock. */
const JWT_MAX_LIFETIME_S = 120;
const JWT_LEEWAY_S = 30;
/** A legacy request's timestamp must lie this close to coinbase's clock. */
const LEGACY_WINDOW_S = 30;

/** The signing scheme a key's shape selects in ccxt. */
export type Scheme = 'es256' | 'ed25519' | 'legacy';

/** The authenticated key, or the answer coinbase gives instead. */
export type AuthResult = { key: ResolvedKey; scheme: Scheme } | { refusal: SimResponse };

/** coinbase's whole answer to a JWT it will not accept, whatever the reason. */
export const unauthorized: SimResponse = sourcedError(fixtures, '401', { status: 401, body: 'Unauthorized' });

/** A v2-style error body, the shape legacy keys and the /v2 routes answer with. */
export const v2Error = (status: number, id: string, message: string): SimResponse => ({ status, body: { errors: [{ id, message }] } });

/** Which scheme a registered key signs with, read from its secret's shape. */
export function schemeOf(key: ResolvedKey): Scheme {
  if (key.secret.startsWith('-----BEGIN')) return 'es256';
  if (key.secret.length === 88 || key.secret.endsWith('=')) return 'ed25519';
  return 'legacy';
}

const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

/** The public key that verifies this key's JWTs, derived from the registered secret (PEM kept byte for byte). */
function publicKeyOf(key: ResolvedKey, scheme: Scheme): KeyObject | undefined {
  try {
    if (scheme === 'es256') return createPublicKey(createPrivateKey(key.secret));
    const seed = Buffer.from(key.secret, 'base64').subarray(0, 32);
    return createPublicKey(createPrivateKey({ key: Buffer.concat([ED25519_PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' }));
  } catch {
    return undefined;
  }
}

const decodePart = (part: string): Record<string, unknown> | undefined => {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
};

/** The `uri` claims coinbase accepts for this request: method, its own host, and the signed path. */
function acceptedUris(req: SimRequest): string[] {
  const host = req.headers.host ?? '';
  return ['api.coinbase.com', `${host}/coinbase`, `http://${host}/coinbase`].map((h) => `${req.method} ${h}${req.path}`);
}

const callerIp = (ip: string): string => ip.replace(/^::ffff:/, '');

const ipAllowed = (key: ResolvedKey, ip: string): boolean => key.ips.length === 0 || key.ips.map(callerIp).includes(callerIp(ip));

const unusable = (key: ResolvedKey, now: number): boolean => key.state === 'revoked' || (key.expiresAt !== undefined && key.expiresAt <= now);

function authenticateJwt(req: SimRequest, ctx: SimContext, token: string): AuthResult {
  const [h = '', p = '', s = ''] = token.split('.');
  const header = decodePart(h);
  const claims = decodePart(p);
  if (!header || !claims || typeof claims.sub !== 'string' || header.kid !== claims.sub) return { refusal: unauthorized };
  const key = ctx.key(claims.sub);
  const now = ctx.now();
  if (!key || unusable(key, now)) return { refusal: unauthorized };
  const scheme = schemeOf(key);
  const publicKey = scheme === 'legacy' ? undefined : publicKeyOf(key, scheme);
  if (!publicKey || header.alg !== (scheme === 'es256' ? 'ES256' : 'EdDSA')) return { refusal: unauthorized };
  const signed = Buffer.from(`${h}.${p}`);
  const signature = Buffer.from(s, 'base64url');
  const valid =
    scheme === 'es256' ? verify('sha256', signed, { key: publicKey, dsaEncoding: 'ieee-p1363' }, signature) : verify(null, signed, publicKey, signature);
  const uri = scheme === 'es256' ? claims.uri : Array.isArray(claims.uris) ? claims.uris[0] : undefined;
  if (!valid || typeof uri !== 'string' || !acceptedUris(req).includes(uri)) return { refusal: unauthorized };
  const nowS = Math.floor(now / 1000);
  const nbf = Number(claims.nbf);
  const exp = Number(claims.exp);
  const fresh = nbf <= nowS + JWT_LEEWAY_S && exp > nowS && exp - nbf <= JWT_MAX_LIFETIME_S;
  if (!fresh || ctx.rejectTimestamps || !ipAllowed(key, req.ip)) return { refusal: unauthorized };
  return { key, scheme };
}

function authenticateLegacy(req: SimRequest, ctx: SimContext, apiKey: string): AuthResult {
  const key = ctx.key(apiKey);
  const now = ctx.now();
  if (!key || schemeOf(key) !== 'legacy' || unusable(key, now)) return { refusal: v2Error(401, 'authentication_error', 'invalid api key') };
  const timestamp = req.headers['cb-access-timestamp'] ?? '';
  const v2Get = req.method === 'GET' && req.path.startsWith('/v2/');
  const payload = req.method === 'GET' ? (v2Get && req.rawQuery !== '' ? `?${req.rawQuery}` : '') : req.body;
  const expected = createHmac('sha256', key.secret).update(`${timestamp}${req.method}${req.path}${payload}`).digest('hex');
  if (req.headers['cb-access-sign'] !== expected) return { refusal: v2Error(401, 'authentication_error', 'invalid signature') };
  if (ctx.rejectTimestamps || !/^\d+$/.test(timestamp) || Math.abs(Number(timestamp) - Math.floor(now / 1000)) > LEGACY_WINDOW_S) {
    return { refusal: v2Error(401, 'authentication_error', 'request timestamp expired') };
  }
  if (!ipAllowed(key, req.ip)) return { refusal: v2Error(401, 'authentication_error', 'IP blocked') };
  return { key, scheme: 'legacy' };
}

/** Who signed this request, or coinbase's refusal. */
export function authenticate(req: SimRequest, ctx: SimContext): AuthResult {
  const authorization = req.headers.authorization ?? '';
  if (authorization.startsWith('Bearer ')) return authenticateJwt(req, ctx, authorization.slice('Bearer '.length));
  const legacyKey = req.headers['cb-access-key'];
  if (legacyKey !== undefined) return authenticateLegacy(req, ctx, legacyKey);
  return { refusal: unauthorized };
}
