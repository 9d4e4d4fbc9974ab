/**
 * Hand-written facts about credential fields: friendly wording for the connect form, which
 * secrets may be PEM blocks, and the key shapes that reveal two pasted values were swapped.
 */
import type { CredentialKey } from './catalog.js';

/** How one credential is presented when no exchange-specific wording applies. */
export interface FieldDefaults {
  label: string;
  hint: string;
  placeholder?: string;
  sensitive: boolean;
  maxLength: number;
}

/** Exchange-specific wording; anything left out falls back to the defaults. */
export type FieldWording = Partial<Pick<FieldDefaults, 'label' | 'hint' | 'placeholder'>>;

/** The order fields appear in the form: identity first, secrets after, as exchanges show them. */
export const fieldOrder: readonly CredentialKey[] = [
  'apiKey',
  'secret',
  'password',
  'uid',
  'accountId',
  'walletAddress',
  'privateKey',
  'login',
  'twofa',
  'token',
];

/** Room for an RSA-4096 private key in PEM form, which is the largest thing anyone pastes. */
export const PEM_MAX_LENGTH = 4000;

/** Generous limits: a limit only stops pasted garbage, never a real key in a format we have not met. */
export const fieldDefaults: Record<CredentialKey, FieldDefaults> = {
  apiKey: { label: 'API key', hint: 'The public part of the key, often called API key or access key.', sensitive: false, maxLength: 1024 },
  secret: { label: 'Secret key', hint: 'Shown only once, when you create the key. Keyward stores it encrypted.', sensitive: true, maxLength: 2048 },
  password: {
    label: 'Passphrase',
    hint: 'The passphrase you set when creating this API key. Case-sensitive; not your login password.',
    sensitive: true,
    maxLength: 256,
  },
  uid: { label: 'UID', hint: "Your account's user ID (UID), shown in your profile on the exchange.", sensitive: false, maxLength: 256 },
  accountId: { label: 'Account ID', hint: 'The account ID the exchange shows next to this API key.', sensitive: false, maxLength: 256 },
  walletAddress: {
    label: 'Wallet address',
    hint: "Your main account's public address. An address only, never a private key.",
    sensitive: false,
    maxLength: 256,
  },
  privateKey: { label: 'Private key', hint: 'The private key issued together with this API key.', sensitive: true, maxLength: 2048 },
  login: { label: 'Login', hint: 'The login name of your exchange account.', sensitive: false, maxLength: 256 },
  twofa: { label: '2FA secret', hint: 'The secret behind your authenticator codes.', sensitive: true, maxLength: 256 },
  token: { label: 'Access token', hint: 'The API token the exchange issued to you.', sensitive: true, maxLength: 2048 },
};

/** Wallet-based venues sign with a key; it must be a delegated one that cannot move funds out. */
export const walletPrivateKeyWording: FieldWording = {
  hint: "Key of an API/agent wallet that can trade but not withdraw. Never your main wallet's key.",
};

/**
 * Same start as every secret's hint; the second sentence only matters to those who made their own
 * key pair. Shared by binance and bybit and their regional twins, which have no profile of their own.
 */
export const keyPairSecret: FieldWording = {
  hint: 'Shown only once, when you create the key. For a key pair you made, paste its whole private key.',
};

/** Wording that differs from the defaults, per exchange and field. */
export const fieldWording: Record<string, Partial<Record<CredentialKey, FieldWording>>> = {
  binanceus: { secret: keyPairSecret },
  binanceusdm: { secret: keyPairSecret },
  binancecoinm: { secret: keyPairSecret },
  bybiteu: { secret: keyPairSecret },
  bybitid: { secret: keyPairSecret },
  coinmate: { uid: { label: 'Client ID', hint: 'Your Coinmate client ID, shown on the API page next to your keys.' } },
  revolutx: {
    privateKey: { hint: 'The Ed25519 private key (PEM) whose public key you registered for this API key.' },
  },
};

/**
 * Fields where ccxt accepts a PEM private key, so line breaks must survive: coinbase CDP keys,
 * self-generated Ed25519/RSA keys on binance and bybit (and their regional twins), Revolut X.
 */
export const pemFields: Record<string, readonly CredentialKey[]> = {
  binanceus: ['secret'],
  binanceusdm: ['secret'],
  binancecoinm: ['secret'],
  bybiteu: ['secret'],
  bybitid: ['secret'],
  revolutx: ['privateKey'],
};

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const hex = (n: number): RegExp => new RegExp(`^[0-9a-f]{${n}}$`, 'i');
/** shared with the regional twins, which have no profile of their own */
export const okxShapes = { apiKey: uuid, secret: hex(32) };
/** shared with the regional twins, which have no profile of their own */
export const kucoinShapes = { apiKey: hex(24), secret: uuid };
/** shared with the regional twins, which have no profile of their own */
export const gateShapes = { apiKey: hex(32), secret: hex(64) };
/** shared with the regional twins, which have no profile of their own */
export const bybitShapes = { apiKey: /^[A-Za-z0-9]{18}$/, secret: /^[A-Za-z0-9]{36}$/ };

/**
 * What a freshly issued key looks like today. Used only to notice two values pasted into each
 * other's boxes; a value that matches no shape is still accepted, because formats change.
 */
export const keyShapes: Record<string, Partial<Record<CredentialKey, RegExp>>> = {
  myokx: okxShapes,
  okxus: okxShapes,
  kucoinfutures: kucoinShapes,
  gateeu: gateShapes,
  bybiteu: bybitShapes,
  bybitid: bybitShapes,
};
