/**
 * Which exchanges accept a public key the user uploads (so Keyward can create the key pair itself
 * and nobody ever copies a secret), with the key type, the encodings on both sides and the steps in
 * the exchange's own pages. Each exchange's entry, with its sources, is in its profile (for okx,
 * kucoin and gate only ccxt's code was checked: it is what signs Keyward's requests). An exchange is
 * listed as supported only where it accepts an uploaded key AND the installed ccxt (4.5.84) signs with it.
 */

import { profiles } from './profiles/index.js';

/** The asymmetric key types an exchange may accept. */
export type SelfKeyType = 'ed25519' | 'rsa';

export interface SelfGeneratedKeySupported {
  supported: true;
  /** the types the exchange accepts, the one Keyward generates first */
  keyTypes: readonly [SelfKeyType, ...SelfKeyType[]];
  /** RSA modulus size Keyward generates, where RSA is used */
  rsaBits?: 2048;
  /** what the exchange's upload box takes: a PEM "BEGIN PUBLIC KEY" block (X.509 SubjectPublicKeyInfo) */
  publicKeyFormat: 'pem-spki';
  /** what ccxt takes as `secret`: a PEM "BEGIN PRIVATE KEY" block (PKCS#8, unencrypted) */
  ccxtSecretFormat: 'pem-pkcs8';
  /** the exchange's own words for where the key is created, in order; the last step is always Keyward's */
  steps: readonly string[];
  /** documentation pages and code this entry was checked against */
  sources: readonly string[];
}

export interface SelfGeneratedKeyUnsupported {
  supported: false;
  /** why not, in one sentence a user could read */
  reason: string;
  sources: readonly string[];
}

export type SelfGeneratedKeySupport = SelfGeneratedKeySupported | SelfGeneratedKeyUnsupported;

/** Each exchange's entry lives in its profile (`selfGeneratedKeys`); this is the list of them. */
export const SELF_GENERATED_KEYS: Readonly<Record<string, SelfGeneratedKeySupport>> = Object.fromEntries(
  [...profiles.values()].flatMap((p) => (p.selfGeneratedKeys ? [[p.id, p.selfGeneratedKeys] as const] : [])),
);

/** The supported entry for an exchange, or undefined where Keyward cannot create the key pair. */
export function selfGeneratedKeySupport(exchangeId: string): SelfGeneratedKeySupported | undefined {
  const entry = SELF_GENERATED_KEYS[exchangeId];
  return entry?.supported ? entry : undefined;
}

/** The ids of the exchanges where no secret is typed at all. */
export function selfGeneratedKeyExchanges(): string[] {
  return Object.keys(SELF_GENERATED_KEYS).filter((id) => SELF_GENERATED_KEYS[id]!.supported);
}
