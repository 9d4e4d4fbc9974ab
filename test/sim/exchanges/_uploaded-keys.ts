/**
 * Signatures of self-generated keys: the user uploaded a public key (PEM SPKI) and signs with its
 * private half, so the simulated exchange verifies against the public key, never with a shared secret.
 * binance: Ed25519 or RSA (PKCS#1 v1.5, SHA-256), signature base64 in the `signature` parameter —
 *   https://developers.binance.com/docs/binance-spot-api-docs/rest-api/request-security
 * bybit: RSA (PKCS#1 v1.5, SHA-256), signature base64 in X-BAPI-SIGN —
 *   https://bybit-exchange.github.io/docs/v5/guide ("Self-generated API keys operate with RSA")
 */
import { createPublicKey, verify } from 'node:crypto';

/** True when `signature` (base64) signs `payload` with the private half of `publicKeyPem`. */
export function verifiesWithUploadedKey(publicKeyPem: string, payload: string, signature: string | null | undefined): boolean {
  if (!signature) return false;
  try {
    const key = createPublicKey(publicKeyPem);
    const bytes = Buffer.from(signature, 'base64');
    if (key.asymmetricKeyType === 'ed25519') return verify(null, Buffer.from(payload, 'utf8'), key, bytes);
    if (key.asymmetricKeyType === 'rsa') return verify('sha256', Buffer.from(payload, 'utf8'), key, bytes);
    return false;
  } catch {
    return false;
  }
}
