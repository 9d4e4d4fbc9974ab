import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import type { KeyProfile } from './types.js';

const hex = (n: number) =>
  randomBytes(Math.ceil(n / 2))
    .toString('hex')
    .slice(0, n);
const alnum = (n: number) => {
  let out = '';
  while (out.length < n)
    out += randomBytes(n)
      .toString('base64')
      .replace(/[^A-Za-z0-9]/g, '');
  return out.slice(0, n);
};

/** A fresh key in the shape each simulated exchange issues, so shape checks and signatures behave as for real keys. */
export function realisticKey(exchange: string, profile: Partial<KeyProfile> = {}): KeyProfile {
  const base = ((): KeyProfile => {
    switch (exchange) {
      case 'binance':
      case 'binanceusdm':
      case 'binancecoinm':
        return { apiKey: alnum(64), secret: alnum(64) };
      case 'bybit':
        return { apiKey: alnum(18), secret: alnum(36) };
      case 'okx':
        return { apiKey: randomUUID(), secret: hex(32).toUpperCase(), password: `Pass-${alnum(10)}` };
      case 'kucoin':
      case 'kucoinfutures':
        return { apiKey: hex(24), secret: randomUUID(), password: `Pass-${alnum(10)}` };
      case 'bitget':
        return { apiKey: `bg_${hex(32)}`, secret: hex(64), password: `Pass${alnum(10)}` };
      // key shape made up: BloFin does not document it; the passphrase is set by the user
      case 'blofin':
        return { apiKey: hex(32), secret: hex(32), password: `Pass-${alnum(10)}` };
      case 'gate':
        return { apiKey: hex(32), secret: hex(64) };
      case 'kraken':
        return { apiKey: randomBytes(42).toString('base64'), secret: randomBytes(64).toString('base64') };
      // ccxt signs only account-level gemini keys, whose names begin with "account-"
      case 'gemini':
        return { apiKey: `account-${alnum(20)}`, secret: alnum(28) };
      case 'mexc':
        return { apiKey: `mx0v${alnum(14)}`, secret: hex(32) };
      // the docs' example api_key is a UUID; ccxt signs secrets longer than 32 characters with RSA, so an HMAC secret is at most 32
      case 'lbank':
        return { apiKey: randomUUID(), secret: hex(32) };
      case 'coinbase': {
        const pem = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey.export({ type: 'sec1', format: 'pem' }).toString();
        return { apiKey: `organizations/${randomUUID()}/apiKeys/${randomUUID()}`, secret: pem };
      }
      // the main account's address and an API (agent) wallet's private key
      case 'hyperliquid':
        return { apiKey: `0x${hex(40)}`, secret: `0x${hex(64)}` };
      default:
        return { apiKey: alnum(32), secret: alnum(64) };
    }
  })();
  return { ...base, ...profile };
}

const WALLET_ADDRESS = /^0x[0-9a-fA-F]{40}$/;

/**
 * The credentials a user would type for a key (ccxt names: apiKey, secret, password); for a wallet
 * exchange's key (an address and a 0x private key), walletAddress and privateKey.
 */
export function typedCredentials(key: KeyProfile): Record<string, string> {
  if (WALLET_ADDRESS.test(key.apiKey) && /^0x[0-9a-fA-F]{64}$/.test(key.secret)) return { walletAddress: key.apiKey, privateKey: key.secret };
  const out: Record<string, string> = { apiKey: key.apiKey, secret: key.secret };
  if (key.password !== undefined) out.password = key.password;
  return out;
}
