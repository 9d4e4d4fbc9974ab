import { BadResponse, type Exchange } from '../ccxt-errors.js';
import { callExchangeMethod } from '../ccxt-internals.js';
import type { KeyPermissions, Tri, VerdictKind } from '../types.js';
import { unknownPermissions } from '../types.js';
import type { ExchangeProfile } from './types.js';

/**
 * ccxt hands on only Bitfinex's error text ("bitfinex apikey: digest invalid"), and the code 10100
 * covers a wrong key and a wrong secret alike: the text tells them apart.
 */
const TEXTS: Array<[RegExp, VerdictKind]> = [
  [/apikey: digest invalid/, 'bad_secret'],
  [/apikey: invalid/, 'bad_key'],
  [/api_key: permission invalid/, 'permission_missing'],
  [/nonce: small/, 'clock_skew'],
  [/ratelimit: error|ERR_RATE_LIMIT/, 'rate_limited'],
];

/** The scopes Bitfinex documents; one it does not could grant anything, so it keeps answers open. */
const KNOWN = new Set(['account', 'history', 'orders', 'positions', 'funding', 'settings', 'wallets', 'withdraw', 'ui_withdraw', 'bfxpay']);

/**
 * Reads Bitfinex's permissions: a list of [scope, read, write] with 0/1 flags. Trading is orders
 * write, withdrawal withdraw write; any read flag proves the key reads. No IP list, no expiry.
 */
export function parseBitfinexPermissions(raw: unknown): KeyPermissions {
  const out = unknownPermissions();
  if (!Array.isArray(raw)) return out;
  const scopes = new Map<string, { read: boolean; write: boolean }>();
  for (const row of raw) {
    if (Array.isArray(row) && typeof row[0] === 'string') scopes.set(row[0], { read: row[1] === 1, write: row[2] === 1 });
  }
  if (scopes.size === 0) return out;
  // a live answer may list scopes the doc does not (third-party clients show eaas_* ones): ignore them for "no"
  const allKnown = [...scopes.keys()].every((s) => KNOWN.has(s));
  const writes = (scope: string): Tri => (scopes.get(scope)?.write ? 'yes' : scopes.has(scope) ? 'no' : 'unknown');
  out.read = [...scopes.values()].some((s) => s.read) ? 'yes' : 'no';
  out.spotTrade = writes('orders');
  // derivatives are traded through the same orders scope
  out.futuresTrade = out.spotTrade;
  out.withdraw = writes('withdraw');
  if (out.withdraw === 'no' && !allKnown) out.withdraw = 'unknown';
  return out;
}

/** Bitfinex: one signed permissions call proves the key and lists what it may read and write. */
export const bitfinexProfile: ExchangeProfile = {
  id: 'bitfinex',
  sources: [
    'https://docs.bitfinex.com/reference/key-permissions (POST /v2/auth/r/permissions: [SCOPE, READ, WRITE], 0 false / 1 true; no example body)',
    'https://docs.bitfinex.com/reference/rest-auth-wallets (balances)',
    'npm ccxt@4.5.84 js/src/bitfinex.js (privatePostAuthRPermissions, HMAC-SHA384 over /api/ + path + nonce + body, exceptions 10100 / 10001 / 10114 / 11010 / 20060, errors read from HTTP 500 bodies)',
  ],
  notes: [
    'Bitfinex does not report the IP addresses a key is bound to, nor an expiry.',
    'Bitfinex wants each request\'s nonce larger than the last one the key used: a key shared with another tool can be refused as "nonce: small". Give Keyward a key of its own.',
  ],
  readKeyInfo: async (exchange: Exchange) => {
    const raw = await callExchangeMethod(exchange, 'privatePostAuthRPermissions');
    // ccxt hands back the raw text when the body is not JSON; that is no proof the key works
    if (!Array.isArray(raw)) throw new BadResponse('bitfinex answered the permissions call with a body that is not a list');
    return parseBitfinexPermissions(raw);
  },
  classifyError: (err) => {
    const message = err instanceof Error ? err.message : String(err);
    return TEXTS.find(([text]) => text.test(message))?.[1];
  },
  // the nonce is compared with the key's last one only: shifting it by the clock drift would lock out the user's other tools
  compensateClock: false,
};
