import { exchangeErrorDetail } from '../error-code.js';
import type { VerdictKind } from '../types.js';
import type { ExchangeProfile } from './types.js';

/**
 * bingx's own codes. 100413 "Incorrect apiKey" is missing from ccxt 4.5.84's map (a plain
 * ExchangeError there); 100419 "IP does not match IP whitelist" shares PermissionDenied with a
 * missing permission in ccxt, so only the code says "IP".
 */
const BY_CODE: Record<string, VerdictKind> = {
  '100413': 'bad_key',
  '100419': 'ip_not_allowed',
  '100001': 'bad_credentials', // signature verification failed: a wrong secret or a mangled key
  '100412': 'bad_credentials',
  '100414': 'account_suspended', // risk control check failed
  '100410': 'exchange_down', // system busy
  '100500': 'exchange_down',
};

function classifyBingxError(err: unknown): VerdictKind | undefined {
  const { code } = exchangeErrorDetail(err);
  return code === undefined ? undefined : BY_CODE[code];
}

/** bingx: a balance call proves the key; ccxt raises OrderNotFound for a made-up order (80016, 80017), so a cancel probes trading. */
export const bingxProfile: ExchangeProfile = {
  id: 'bingx',
  sources: [
    'https://support.cryptohopper.com/en/articles/9234624-why-do-i-see-error-100413-incorrect-apikey-on-bingx (100413 body)',
    'npm ccxt@4.5.84 js/src/bingx.js exceptions (100419, 100001, 100414, 80016/80017)',
    'https://bingx-api.github.io/docs/standard/basic-information.html (429, 418)',
  ],
  tradeProbe: { symbol: 'BTC/USDT' },
  classifyError: classifyBingxError,
  // "inactivity" is not defined: whether a signed read call counts as activity is not documented
  expiryRule: {
    effect: 'deletes', appliesTo: 'no_ip', spareReadOnly: true, clock: 'last_use', days: 14, checksCountAsUse: 'unknown',
    avoid: 'Link the key to Keyward\'s IP addresses (see /help topic:ip-whitelist) under API Management on BingX: keys linked to an IP, or that only read, have no expiration limit.',
    source: 'https://bingx.com/en-gb/account/api/ ("API keys that are not linked to an IP address and have permissions for spot and futures trading … will be automatically deleted after 14 days of inactivity")',
  },
};
