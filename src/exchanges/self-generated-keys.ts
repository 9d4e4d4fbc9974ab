/**
 * Which exchanges accept a public key the user uploads (so Keyward can create the key pair itself
 * and nobody ever copies a secret), with the key type, the encodings on both sides and the steps in
 * the exchange's own pages. One entry per exchange, each with its sources, so every entry can move
 * into that exchange's profile unchanged. An exchange is listed as supported only where both the
 * exchange accepts an uploaded key AND the installed ccxt (4.5.84) signs with it.
 */

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

const CCXT = 'ccxt 4.5.84, js/src';
// For okx, kucoin and gate only ccxt's code was checked here: it is what signs Keyward's requests.

export const SELF_GENERATED_KEYS: Readonly<Record<string, SelfGeneratedKeySupport>> = {
  // ── binance ──
  // Binance accepts Ed25519 (recommended by Binance), RSA 2048/4096 and HMAC keys. Its own generator
  // writes the public key as PEM SPKI and the private key as PEM PKCS#8. ccxt signs with a secret that
  // contains "PRIVATE KEY": longer than 120 characters means RSA-SHA256 (base64), otherwise Ed25519
  // over the query string, taking the last 32 bytes of the PKCS#8 DER as the seed.
  binance: {
    supported: true,
    keyTypes: ['ed25519', 'rsa'],
    rsaBits: 2048,
    publicKeyFormat: 'pem-spki',
    ccxtSecretFormat: 'pem-pkcs8',
    steps: [
      'Log in to Binance and open Profile → API Management, then Create API.',
      'Choose Self-generated and continue.',
      'Paste the public key Keyward shows into the box (the BEGIN/END lines included), name the key, and confirm with 2FA.',
      'Edit restrictions: Enable Reading and, if you trade with it, Spot & Margin Trading — never Enable Withdrawals — and restrict access to trusted IPs.',
    ],
    sources: [
      'https://developers.binance.com/docs/binance-spot-api-docs/faqs/api_key_types (Ed25519 recommended; RSA 2048 and 4096; PEM public key samples)',
      'https://www.binance.com/en/support/faq/on-binance-6b9a63f1e3384cf48a2eedb82767a69a (Profile → API Management → Create API → Self-generated → paste the public key → name → 2FA)',
      'github.com/binance/asymmetric-key-generator src/generate.js (public key: spki/pem; private key: pkcs8/pem)',
      `${CCXT}/binance.js sign(): secret.indexOf('PRIVATE KEY'), length > 120 → rsa(query, secret, sha256), else eddsa(query, secret, ed25519)`,
      `${CCXT}/base/functions/crypto.js eddsa(): pemToDer(secret).slice(16) is the Ed25519 seed`,
    ],
  },
  // ── bybit ──
  // Bybit's "Self-generated API Keys" are RSA only; system-generated keys are HMAC. ccxt signs with
  // RSA-SHA256 (base64) whenever the secret contains "PRIVATE KEY", for v5 and the older APIs alike.
  bybit: {
    supported: true,
    keyTypes: ['rsa'],
    rsaBits: 2048,
    publicKeyFormat: 'pem-spki',
    ccxtSecretFormat: 'pem-pkcs8',
    steps: [
      'Log in to Bybit, open the profile menu (top right) → API, then Create New Key.',
      'Choose Self-generated API Keys.',
      'Paste the public key Keyward shows into the "Your Public Key" box.',
      'Permissions: Read-Only, or Read-Write with trading only — never Withdrawal — and bind the key to trusted IPs. Submit.',
    ],
    sources: [
      'https://bybit-exchange.github.io/docs/v5/guide (System-generated = HMAC; Self-generated = RSA, only the public key is given to Bybit)',
      'https://www.bybit.com/en/help-center/article/How-to-Create-an-RSA-Key-on-Bybit (API → Create New Key → Self-generated API Keys → paste into Your Public Key; 2048 bits default)',
      `${CCXT}/bybit.js sign(): secret.indexOf('PRIVATE KEY') > -1 → rsa(auth, secret, sha256)`,
      'UNVERIFIED: Bybit does not document whether its box wants the BEGIN/END lines; the PEM block is shown as its generator produces it.',
    ],
  },
  // ── bitget ──
  bitget: {
    supported: false,
    reason: 'Bitget accepts self-generated RSA keys, but the ccxt version Keyward uses signs Bitget requests with HMAC only, so such a key could not be used.',
    sources: [
      'github.com/BitgetLimited/v3-bitget-api-sdk bitget-python-sdk-api/bitget/consts.py (SIGN_TYPE RSA) and bitget-node-sdk-api/src/lib/util.ts (encryptRSA)',
      `${CCXT}/bitget.js sign(): this.hmac(auth, secret, sha256, 'base64') only`,
    ],
  },
  // ── okx ──
  okx: {
    supported: false,
    reason: 'OKX issues its own secret key and signs with HMAC-SHA256; it takes no uploaded public key for trading keys.',
    sources: [
      `${CCXT}/okx.js sign(): this.hmac(auth, secret, sha256, 'base64') only`,
    ],
  },
  // ── kucoin ──
  kucoin: {
    supported: false,
    reason: 'KuCoin issues its own secret and signs with HMAC-SHA256 (the passphrase too); it takes no uploaded public key.',
    sources: [
      `${CCXT}/kucoin.js sign(): this.hmac(payload, secret, sha256, 'base64') only`,
    ],
  },
  // ── kraken ──
  kraken: {
    supported: false,
    reason: 'Kraken issues both halves of its API key and signs with HMAC-SHA512; it takes no uploaded public key.',
    sources: [
      'https://support.kraken.com/articles/360029054811-what-is-the-authentication-algorithm-for-private-endpoints- (API-Sign: HMAC-SHA512 with the base64-decoded private key)',
      `${CCXT}/kraken.js sign(): this.hmac(binhash, secret, sha512, 'base64') only`,
    ],
  },
  // ── coinbase ──
  coinbase: {
    supported: false,
    reason: 'Coinbase creates the key pair itself (ECDSA or Ed25519) and hands out the private key; it takes no uploaded public key.',
    sources: [
      'https://docs.cdp.coinbase.com/get-started/authentication/overview (Secret API Keys are created in the CDP portal; Ed25519 default, ECDSA)',
      'https://docs.cdp.coinbase.com/coinbase-app/authentication-authorization/api-key-authentication (key details are copied or downloaded from the portal)',
      `${CCXT}/coinbase.js createAuthToken(): a JWT signed with the private key Coinbase issued`,
    ],
  },
  // ── gate ──
  gate: {
    supported: false,
    reason: 'Gate issues its own secret and signs with HMAC-SHA512; it takes no uploaded public key.',
    sources: [
      `${CCXT}/gate.js sign(): this.hmac(payload, secret, sha512) only`,
    ],
  },
};

/** The supported entry for an exchange, or undefined where Keyward cannot create the key pair. */
export function selfGeneratedKeySupport(exchangeId: string): SelfGeneratedKeySupported | undefined {
  const entry = SELF_GENERATED_KEYS[exchangeId];
  return entry?.supported ? entry : undefined;
}

/** The ids of the exchanges where no secret is typed at all. */
export function selfGeneratedKeyExchanges(): string[] {
  return Object.keys(SELF_GENERATED_KEYS).filter((id) => SELF_GENERATED_KEYS[id]!.supported);
}
