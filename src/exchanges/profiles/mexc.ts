import { exchangeErrorDetail } from '../error-code.js';
import type { VerdictKind } from '../types.js';
import type { ExchangeProfile } from './types.js';

/**
 * mexc's own codes. 700002 is also what mexc answers for an expired key, so it cannot say "wrong
 * secret" for sure. -2011 ("Unknown order sent.") is left out on purpose: for the trade probe it
 * means the key may trade, not that the check failed.
 */
const BY_CODE: Record<string, VerdictKind> = {
  '10072': 'bad_key',
  '700001': 'bad_key',
  '700002': 'bad_credentials',
  '700003': 'clock_skew',
  '700006': 'ip_not_allowed',
  '700007': 'permission_missing',
  '730100': 'account_suspended',
  '429': 'rate_limited',
  '510': 'rate_limited',
};

/** Why mexc refused, from its own code or its maintenance notice. */
function classifyMexcError(err: unknown): VerdictKind | undefined {
  const { code, text = '' } = exchangeErrorDetail(err);
  if (/maintenance/i.test(text)) return 'maintenance';
  return code === undefined ? undefined : BY_CODE[code];
}

/** mexc has no key-info call: a balance call proves the key, and cancelling a made-up order probes trading. */
export const mexcProfile: ExchangeProfile = {
  id: 'mexc',
  sources: [
    'https://www.mexc.com/api-docs/spot-v3/error-code (-2011 Unknown order sent, 401, 429)',
    'npm ccxt@4.5.84 js/src/mexc.js exceptions (-2011 is BadRequest there)',
  ],
  displayName: 'MEXC',
  tradeProbe: { symbol: 'BTC/USDT', notFoundCodes: ['-2011'] },
  classifyError: classifyMexcError,
};
