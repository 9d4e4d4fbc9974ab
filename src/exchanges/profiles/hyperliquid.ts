import { AuthenticationError, BadResponse, type Exchange } from '../ccxt-errors.js';
import { callExchangeMethod } from '../ccxt-internals.js';
import type { KeyPermissions, VerdictKind } from '../types.js';
import { unknownPermissions } from '../types.js';
import type { ExchangeProfile } from './types.js';

/** Keyward's own refusals, raised when Hyperliquid's roles say the private key cannot sign for the wallet. */
const NOT_APPROVED = 'is not an approved API wallet';
const OTHER_ACCOUNT = 'signs for another account';
const NOT_A_KEY = 'private key is not a 64-digit hex key';

const BY_TEXT: Array<[RegExp, VerdictKind]> = [
  [new RegExp(NOT_APPROVED), 'bad_key'],
  [new RegExp(OTHER_ACCOUNT), 'bad_credentials'],
  [new RegExp(NOT_A_KEY), 'bad_credentials'],
  // a signed action whose signature recovers an unknown address: a wrong private key or a wrong signing scheme
  [/User or API Wallet \S+ does not exist/, 'bad_key'],
  [/Too many cumulative requests sent/, 'rate_limited'],
];

function classifyHyperliquidError(err: unknown): VerdictKind | undefined {
  const text = err instanceof Error ? err.message : String(err);
  for (const [pattern, kind] of BY_TEXT) if (pattern.test(text)) return kind;
  return undefined;
}

interface UserRole {
  role?: string;
  data?: { user?: string; master?: string };
}

const info = async (exchange: Exchange, body: Record<string, string>): Promise<unknown> => {
  const raw = await callExchangeMethod(exchange, 'publicPostInfo', body);
  if (raw === undefined || raw === null || typeof raw === 'string') throw new BadResponse(`hyperliquid answered ${body.type} with a body that is not JSON`);
  return raw;
};

const same = (a: unknown, b: unknown): boolean => typeof a === 'string' && typeof b === 'string' && a.toLowerCase() === b.toLowerCase();

/** What a key may do once its role is known: the main wallet's own key can do everything, an API wallet only trade. */
function permissionsOf(kind: 'main' | 'agent', validUntil?: number): KeyPermissions {
  const out: KeyPermissions = { ...unknownPermissions(), read: 'yes', spotTrade: 'yes', futuresTrade: 'yes' };
  // the main wallet signs withdrawals (ccxt's withdraw signs with this same key); an agent cannot withdraw
  // (Chainstack's reference, a third party: Hyperliquid's own docs say only that API wallets sign)
  out.withdraw = kind === 'main' ? 'yes' : 'no';
  if (validUntil !== undefined) out.expiresAt = validUntil;
  return out;
}

/** The approved agent's expiry from extraAgents (named agents only; an unnamed one is not listed, so no row = no date). */
export function agentValidUntil(raw: unknown, signer: string): number | undefined {
  if (!Array.isArray(raw)) return undefined;
  const row = raw.find((a) => same((a as { address?: unknown })?.address, signer)) as { validUntil?: unknown } | undefined;
  return typeof row?.validUntil === 'number' ? row.validUntil : undefined;
}

/**
 * Proves that the private key may sign for the wallet, from Hyperliquid's roles: the address the
 * key derives to is the wallet itself (the main key), or an agent approved by the wallet or by the
 * wallet's master account (for a sub-account). Two unsigned info calls at most; the key is never
 * used to sign anything here.
 */
async function readHyperliquidKeyInfo(exchange: Exchange): Promise<KeyPermissions> {
  const wallet = exchange.walletAddress;
  let signer: string;
  try {
    signer = String(await callExchangeMethod(exchange, 'ethGetAddressFromPrivateKey', exchange.privateKey));
  } catch {
    throw new AuthenticationError(`hyperliquid ${NOT_A_KEY}`);
  }
  const role = (await info(exchange, { type: 'userRole', user: signer })) as UserRole;
  // the main account's own key: it controls the wallet, once Hyperliquid knows the wallet as a user
  if (same(signer, wallet)) {
    if (role.role === 'user') return permissionsOf('main');
    throw new AuthenticationError(`hyperliquid ${signer} ${NOT_APPROVED} (role ${String(role.role)})`);
  }
  if (role.role !== 'agent') throw new AuthenticationError(`hyperliquid ${signer} ${NOT_APPROVED} (role ${String(role.role)})`);
  if (same(role.data?.user, wallet)) {
    return permissionsOf('agent', agentValidUntil(await info(exchange, { type: 'extraAgents', user: wallet }), signer));
  }
  // a master account's agent also signs for its sub-accounts
  const walletRole = (await info(exchange, { type: 'userRole', user: wallet })) as UserRole;
  if (walletRole.role === 'subAccount' && same(walletRole.data?.master, role.data?.user)) return permissionsOf('agent');
  throw new AuthenticationError(`hyperliquid API wallet ${signer} ${OTHER_ACCOUNT}`);
}

/**
 * hyperliquid: a wallet exchange without API keys. A main account approves API (agent) wallets that
 * sign for it; Keyward checks the approval rather than the balance, which is public.
 */
export const hyperliquidProfile: ExchangeProfile = {
  id: 'hyperliquid',
  sources: [
    'https://hyperliquid.gitbook.io/hyperliquid-docs/for-developers/api/nonces-and-api-wallets (master accounts approve API wallets for themselves and their sub-accounts; API wallets only sign; pruned when deregistered, expired, or the account has no funds)',
    'https://docs.chainstack.com/reference/hyperliquid-info-user-role (third party: userRole roles user, agent + data.user, vault, subAccount + data.master, missing)',
    'https://app.unpkg.com/@nktkas/hyperliquid@0.30.2/files/esm/src/api/info/_methods/userRole.js (UserRoleResponse schema)',
    'https://docs.chainstack.com/reference/hyperliquid-info-extraagents (third party: name, address, validUntil in ms)',
    'https://docs.chainstack.com/reference/hyperliquid-exchange-approve-agent (third party, the only source read for "agents cannot withdraw")',
    'github hyperliquid-dex/hyperliquid-python-sdk issue #54 (a wrong key recovers another user: "User or API Wallet … does not exist")',
    'npm ccxt@4.5.84 js/src/hyperliquid.js publicPostInfo, signL1Action, exceptions.broad; js/src/base/Exchange.js ethGetAddressFromPrivateKey',
  ],
  searchAliases: ['hl'],
  createKeyPath: 'app.hyperliquid.xyz → More → API → Generate, then Authorize API Wallet',
  notes: [
    'Create an API wallet under More → API, authorise it, and paste its private key. It can trade but cannot withdraw.',
    'Wallet address is the address of your main account (the one holding funds), not the API wallet address.',
  ],
  fieldWording: {
    walletAddress: {
      hint: 'Your main account address (0x…), the one holding funds, not the API wallet address.',
      placeholder: '0x…',
    },
    privateKey: {
      label: 'API wallet private key',
      hint: 'From More → API: an API wallet can trade but not withdraw. Never your main wallet key.',
    },
  },
  readKeyInfo: readHyperliquidKeyInfo,
  classifyError: classifyHyperliquidError,
  // ccxt asks whether the account is unified (info type userAbstraction) before each balance and
  // keeps the answer here; kept with the key, a warm balance is one request
  accountModeOptions: ['enableUnifiedMargin'],
};
