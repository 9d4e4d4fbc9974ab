import type { ExchangeProfile } from './types.js';

/**
 * krakenfutures: no full key check. Kraken documents a key-check call (GET
 * https://futures.kraken.com/api/auth/v1/api-keys/v3/check), but ccxt 4.5.84 has no method for it
 * and its host path lies outside ccxt's krakenfutures URLs, so Keyward would have to sign it itself;
 * which endpoint path the Authent signature covers on that auth service is not documented, and a
 * wrong guess would turn every good key into a 401. Its `permissions` object is documented only as
 * "Permissions of the API key" (the example is empty), so it could not tell read, trade or
 * withdrawal anyway. A balance call proves the key instead; ccxt's classes already read its codes
 * (authenticationError, apiLimitExceeded, nonceBelowThreshold).
 */
export const krakenfuturesProfile: ExchangeProfile = {
  id: 'krakenfutures',
  sources: [
    'https://docs.kraken.com/api-reference/api-keys/check-v3-api-key (Futures Auth service; permissions object undocumented)',
    'https://docs.kraken.com/api/docs/guides/futures-rest (Authent: postData + Nonce + endpointPath, SHA-256, HMAC-SHA-512 with the base64-decoded secret)',
    'https://support.kraken.com/hc/tr-tr/articles/360022839451-How-to-create-an-API-key-for-Kraken-Futures (General API No Access / Read Only / Full Access; Withdrawal API No Access / Full Access)',
    'npm ccxt@4.5.84 js/src/krakenfutures.js urls.api, sign(), exceptions.exact',
  ],
  notes: [
    'Futures keys are separate from Kraken spot keys; create them on futures.kraken.com.',
    'Keyward checks a Futures key by its balance: whether it may trade or withdraw stays unknown. Prefer General API "Read Only" and Withdrawal API "No Access".',
  ],
};
