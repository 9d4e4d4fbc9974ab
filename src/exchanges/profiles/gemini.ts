import { BadResponse, type Exchange } from '../ccxt-errors.js';
import { callExchangeMethod } from '../ccxt-internals.js';
import type { KeyPermissions, Tri, VerdictKind } from '../types.js';
import { unknownPermissions } from '../types.js';
import type { ExchangeProfile } from './types.js';

/** Gemini's documented MissingRole text; ccxt passes on only the message, not the reason code. */
const MISSING_ROLE = /assign one of these roles/i;

const flag = (value: unknown): boolean | undefined => (typeof value === 'boolean' ? value : undefined);

/**
 * Reads Gemini's roles answer: isAuditor (read only, never combined), isTrader (balances, orders),
 * isFundManager (balances, withdrawals, internal transfers). Each role may check balances.
 */
export function parseGeminiRoles(raw: unknown): KeyPermissions {
  const out = unknownPermissions();
  if (!raw || typeof raw !== 'object') return out;
  const roles = raw as Record<string, unknown>;
  const auditor = flag(roles.isAuditor);
  const trader = flag(roles.isTrader);
  const fundManager = flag(roles.isFundManager);
  if (auditor === undefined || trader === undefined || fundManager === undefined) return out;
  const yesNo = (b: boolean): Tri => (b ? 'yes' : 'no');
  if (auditor || trader || fundManager) out.read = 'yes';
  out.spotTrade = yesNo(trader);
  out.futuresTrade = yesNo(trader);
  out.withdraw = yesNo(fundManager);
  out.transfer = yesNo(fundManager);
  return out;
}

/** Gemini: one signed roles call proves the key and names its roles. */
export const geminiProfile: ExchangeProfile = {
  id: 'gemini',
  sources: [
    'https://developer.gemini.com/rest-api/common/admin/roles-endpoint (POST /v1/roles: isAuditor, isFundManager, isTrader; "The Auditor role cannot be combined with other roles")',
    'https://docs.gemini.com/roles (Trader: balances, place and cancel orders; Fund Manager: withdraw, internal transfers; Auditor: read only; MissingRole with 403)',
    'https://docs.gemini.com/websocket/overview/requests/roles (MissingRole example body; the Trader role is the default)',
    'npm ccxt@4.5.84 js/src/gemini.js (privatePostV1Roles, HMAC-SHA384 over the base64 payload, account keys only, exceptions.exact by reason)',
  ],
  notes: [
    'Use an account-level key: ccxt, which Keyward builds on, does not take Gemini master keys.',
    'Gemini does not report an IP allowlist or an expiry for a key.',
  ],
  readKeyInfo: async (exchange: Exchange) => {
    const raw = await callExchangeMethod(exchange, 'privatePostV1Roles');
    // ccxt hands back the raw text when the body is not JSON; that is no proof the key works
    if (typeof raw !== 'object' || raw === null) throw new BadResponse('gemini answered the roles call with a body that is not JSON');
    return parseGeminiRoles(raw);
  },
  // ccxt raises AuthenticationError for a wrong key, a wrong signature and a missing role alike, with only Gemini's message
  classifyError: (err): VerdictKind | undefined => (err instanceof Error && MISSING_ROLE.test(err.message) ? 'permission_missing' : undefined),
};
