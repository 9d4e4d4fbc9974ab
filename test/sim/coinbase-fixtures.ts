import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { realisticKey } from './keys.js';
import type { KeyProfile } from './types.js';

/** A CDP key as coinbase issues it today: the key's resource name and an EC (P-256) private key PEM. */
export const cdpKey = (profile: Partial<KeyProfile> = {}): KeyProfile => realisticKey('coinbase', profile);

/** An Ed25519 CDP key: a key id and the base64 of its 32-byte seed followed by its public key. */
export const ed25519Key = (profile: Partial<KeyProfile> = {}): KeyProfile => {
  const jwk = generateKeyPairSync('ed25519').privateKey.export({ format: 'jwk' });
  const secret = Buffer.concat([Buffer.from(jwk.d ?? '', 'base64url'), Buffer.from(jwk.x ?? '', 'base64url')]).toString('base64');
  return { apiKey: randomUUID(), secret, ...profile };
};

const alnum = (length: number): string =>
  randomBytes(length)
    .toString('base64')
    .replace(/[^A-Za-z0-9]/g, 'x')
    .slice(0, length);

/** A legacy coinbase API key: 16 characters of key, 32 of secret. */
export const legacyKey = (profile: Partial<KeyProfile> = {}): KeyProfile => ({ apiKey: alnum(16), secret: alnum(32), ...profile });
