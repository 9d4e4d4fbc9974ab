import { BadResponse, type Exchange } from '../ccxt-errors.js';
import { callExchangeMethod } from '../ccxt-internals.js';
import { exchangeErrorDetail } from '../error-code.js';
import type { KeyPermissions, Tri, VerdictKind } from '../types.js';
import { unknownPermissions } from '../types.js';
import type { ExchangeProfile } from './types.js';

const VERDICTS = new Map<string, VerdictKind>(
  Object.entries({
    '13004': 'bad_credentials', // invalid_credentials: unknown client id or wrong secret
    '10000': 'bad_credentials', // authorization_required: invalid or absent signature
    '13009': 'bad_credentials', // unauthorized: wrong or expired token, or a bad signature
    '13021': 'permission_missing', // forbidden: the key's scope does not cover the method
    '11042': 'permission_missing', // permission_denied
    '10028': 'rate_limited', // too_many_requests
    '10040': 'exchange_down', // retry: cannot be processed right now
    '11051': 'maintenance', // system_maintenance
    '10041': 'maintenance', // settlement_in_progress
  } satisfies Record<string, VerdictKind>),
);

/** max_scope "account:read trade:read_write wallet:none …" → access by scope group. */
function scopes(maxScope: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of maxScope.split(/\s+/)) {
    const [group, access] = part.split(':');
    if (group && access) out.set(group, access);
  }
  return out;
}

/**
 * Reads Deribit's key list: every key of the account, each with `max_scope` (the most a token from
 * it may do) and, where reported, `ip_whitelist`. Only the row whose client_id is the checked key
 * counts; without one, nothing is known.
 */
export function parseDeribitKeyInfo(raw: unknown, clientId: string): KeyPermissions {
  const out = unknownPermissions();
  const rows = (raw as { result?: unknown } | undefined)?.result;
  if (!Array.isArray(rows)) return out;
  const row = rows.find((r): r is Record<string, unknown> => typeof r === 'object' && r !== null && (r as { client_id?: unknown }).client_id === clientId);
  if (!row) return out;
  if (typeof row.max_scope === 'string') {
    const scope = scopes(row.max_scope);
    const writes = (group: string): Tri => (scope.get(group) === 'read_write' ? 'yes' : 'no');
    // the list itself needs account:read, so a key that got this far reads
    out.read = 'yes';
    // one trade scope covers every Deribit market
    out.spotTrade = writes('trade');
    out.futuresTrade = writes('trade');
    // private/withdraw needs wallet:read_write (and the main account)
    out.withdraw = writes('wallet');
  }
  if (Array.isArray(row.ip_whitelist)) {
    const ips = row.ip_whitelist.filter((ip): ip is string => typeof ip === 'string' && ip !== '');
    out.ipRestricted = ips.length > 0 ? 'yes' : 'no';
    out.ipCount = ips.length;
  }
  return out;
}

/** Deribit: one signed key-list call proves the key and gives its scopes. */
export const deribitProfile: ExchangeProfile = {
  id: 'deribit',
  sources: [
    'https://docs.deribit.com/api-reference/account-management/private-list_api_keys (response example: client_id, max_scope, enabled; "Scope: account:read")',
    "https://docs.deribit.com/articles/access-scope (a key's scopes are the maximum a token from it can get)",
    'https://docs.deribit.com/articles/creating-api-key (API section of the account panel, Add new key, Deribit-generated key)',
    'https://docs.deribit.com/api-reference/wallet/private-withdraw.md ("Scope: wallet:read_write and mainaccount")',
    "https://docs.deribit.com/api-reference/account-management/private-edit_api_key.md (keys carry an IP whitelist; field ip_whitelist per the Api Key schema derived from Deribit's OpenAPI)",
    'npm ccxt@4.5.84 js/src/deribit.js (privateGetListApiKeys, deri-hmac-sha256 signing, exceptions with the RPC error names: 13004 invalid_credentials, 13009 unauthorized incl. bad signature, 13021 forbidden)',
  ],
  createKeyPath: 'Account panel (top right) → API → Add new key → Deribit-generated key',
  notes: [
    'Give the key at least account:read: without it Deribit lets the key read neither its own scopes nor the balance.',
    'Withdrawals need wallet:read_write on a main-account key; leave the wallet scope on read or none.',
    'Deribit does not report when a key expires.',
  ],
  fieldWording: {
    // Deribit names the key's two parts Client ID and Client Secret
    apiKey: { label: 'Client ID', hint: 'The Client ID of the key (Account → API).' },
  },
  readKeyInfo: async (exchange: Exchange) => {
    const raw = await callExchangeMethod(exchange, 'privateGetListApiKeys');
    // ccxt hands back the raw text when the body is not JSON; that is no proof the key works
    if (typeof raw !== 'object' || raw === null) throw new BadResponse('deribit answered the key list call with a body that is not JSON');
    return parseDeribitKeyInfo(raw, exchange.apiKey);
  },
  classifyError: (err) => {
    const { code } = exchangeErrorDetail(err);
    return code === undefined ? undefined : VERDICTS.get(code);
  },
};
