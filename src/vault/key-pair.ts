import { generateKeyPair } from 'node:crypto';
import { promisify } from 'node:util';
import type { Sodium } from './sodium.js';

/** The asymmetric key types Keyward can create for an exchange. */
export type KeyPairType = 'ed25519' | 'rsa';

/** A fresh pair: the public half as the exchange wants it pasted, the private half as ccxt signs with it. */
export interface PemKeyPair {
  publicKeyPem: string;
  privateKeyPem: string;
}

// Fixed DER prefixes of RFC 8410: SubjectPublicKeyInfo and PKCS#8 for id-Ed25519 (OID 1.3.101.112).
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const SEED_BYTES = 32;

const generateRsa = promisify(generateKeyPair);

/** PEM armour: base64 in 64-character lines between BEGIN and END, ending in a newline. */
function pem(label: string, der: Buffer): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

/**
 * Ed25519 from libsodium: the 32-byte seed (first half of libsodium's secret key) goes into PKCS#8,
 * the 32-byte public key into SPKI. The raw buffers are wiped before returning.
 */
function ed25519Pair(sodium: Sodium): PemKeyPair {
  const { publicKey, privateKey } = sodium.crypto_sign_keypair();
  const der = Buffer.concat([ED25519_PKCS8_PREFIX, privateKey.subarray(0, SEED_BYTES)]);
  try {
    return { publicKeyPem: pem('PUBLIC KEY', Buffer.concat([ED25519_SPKI_PREFIX, publicKey])), privateKeyPem: pem('PRIVATE KEY', der) };
  } finally {
    sodium.memzero(privateKey);
    der.fill(0);
  }
}

/** RSA from node:crypto (libsodium has none), off the event loop: SPKI and unencrypted PKCS#8, both PEM. */
async function rsaPair(bits: number): Promise<PemKeyPair> {
  const { publicKey, privateKey } = await generateRsa('rsa', {
    modulusLength: bits,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  return { publicKeyPem: publicKey, privateKeyPem: privateKey };
}

/** Creates a key pair; only the vault calls this, and it seals the private half at once. */
export async function createKeyPair(sodium: Sodium, type: KeyPairType, rsaBits = 2048): Promise<PemKeyPair> {
  if (type === 'ed25519') return ed25519Pair(sodium);
  if (rsaBits < 2048) throw new Error('RSA keys must have at least 2048 bits');
  return rsaPair(rsaBits);
}
