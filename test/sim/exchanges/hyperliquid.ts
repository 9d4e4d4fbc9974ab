/**
 * Simulated hyperliquid: the unsigned /info requests (status, markets, roles, named agents, account
 * abstraction, balances) and the signed /exchange cancel. A key here is a main account (apiKey = its
 * address) with one API wallet (secret = the agent's private key); `state: 'revoked'` or a past
 * `expiresAt` is an agent Hyperliquid has pruned, and `uid` names a sub-account of the main account.
 * A cancel is accepted only when its EIP-712 signature, recomputed here, recovers an approved agent
 * or a main account; any other signer gets Hyperliquid's "User or API Wallet … does not exist".
 */
import { fixtures } from '../../fixtures/exchanges/hyperliquid.js';
import type { ResolvedKey, SimContext, SimExchange, SimRequest, SimResponse } from '../types.js';
import { addressOf, l1Digest, recoverSigner } from './_hyperliquid-sign.js';

const CCXT = 'npm ccxt@4.5.84 js/src/hyperliquid.js';

const documented = (name: string, group: 'keyInfo' | 'errors' | 'balance' = 'errors'): SimResponse => {
  const doc = fixtures[group][name]!;
  return { status: doc.status ?? 200, body: structuredClone(doc.body), source: doc.source };
};

const lower = (s: unknown): string => String(s ?? '').toLowerCase();

/** Whether Hyperliquid still holds the key's agent: not deregistered and not past its validUntil. */
const agentLive = (key: ResolvedKey, now: number): boolean => key.state !== 'revoked' && (key.expiresAt === undefined || key.expiresAt > now);

/** userRole as the references describe it: main accounts are users, live agents name their user, sub-accounts their master. */
function userRole(user: string, ctx: SimContext): SimResponse {
  const keys = ctx.keys();
  const now = ctx.now();
  const role = (name: string, body: unknown): SimResponse => ({ ...documented(`user-role-${name}`, 'keyInfo'), body });
  if (keys.some((k) => lower(k.apiKey) === user)) return role('user', { role: 'user' });
  const agentOf = keys.find((k) => lower(addressOf(k.secret)) === user && agentLive(k, now));
  if (agentOf) return role('agent', { role: 'agent', data: { user: lower(agentOf.apiKey) } });
  const masterOf = keys.find((k) => k.uid !== undefined && lower(k.uid) === user);
  if (masterOf) return role('subaccount', { role: 'subAccount', data: { master: lower(masterOf.apiKey) } });
  return documented('user-role-missing', 'keyInfo');
}

/** extraAgents: the named agents of a main account, with validUntil only where the key has an expiry. */
function extraAgents(user: string, ctx: SimContext): SimResponse {
  const rows = ctx
    .keys()
    .filter((k) => lower(k.apiKey) === user && agentLive(k, ctx.now()) && lower(addressOf(k.secret)) !== user)
    .map((k, i) => ({ name: `keyward ${i + 1}`, address: lower(addressOf(k.secret)), validUntil: k.expiresAt ?? ctx.now() + 180 * 86_400_000 }));
  return { ...documented('extra-agents', 'keyInfo'), body: rows };
}

const usdc = (key: ResolvedKey | undefined): number => (key ? (key.balances.USDC?.free ?? 0) + (key.balances.USDC?.used ?? 0) : 0);

function clearinghouseState(key: ResolvedKey | undefined, now: number): SimResponse {
  const value = String(usdc(key));
  const summary = { accountValue: value, totalMarginUsed: '0.0', totalNtlPos: '0.0', totalRawUsd: value };
  return {
    ...documented('funded', 'balance'),
    body: {
      assetPositions: [],
      crossMaintenanceMarginUsed: '0.0',
      crossMarginSummary: summary,
      marginSummary: summary,
      time: String(now),
      withdrawable: value,
    },
  };
}

/** one perpetual and one spot pair, copied from ccxt's fetchSwapMarkets and fetchSpotMarkets comments */
const infoAnswers: Record<string, (body: Record<string, unknown>, ctx: SimContext) => SimResponse> = {
  exchangeStatus: (_b, ctx) => ({ status: 200, body: { specialStatuses: null, time: String(ctx.now()) } }),
  perpDexs: () => ({ status: 200, body: [null] }),
  metaAndAssetCtxs: () => ({
    status: 200,
    body: [
      { universe: [{ maxLeverage: 50, name: 'SOL', onlyIsolated: false, szDecimals: 2 }] },
      [
        {
          dayNtlVlm: '9450588.2273',
          funding: '0.0000198',
          impactPxs: ['108.04', '108.06'],
          markPx: '108.04',
          midPx: '108.05',
          openInterest: '10764.48',
          oraclePx: '107.99',
          premium: '0.00055561',
          prevDayPx: '111.81',
        },
      ],
    ],
  }),
  spotMetaAndAssetCtxs: () => ({ status: 200, body: [spotMeta, [{ dayNtlVlm: '8906.0', markPx: '0.14', midPx: '0.209265', prevDayPx: '0.20432' }]] }),
  spotMeta: () => ({ status: 200, body: spotMeta }),
  userRole: (b, ctx) => userRole(lower(b.user), ctx),
  extraAgents: (b, ctx) => extraAgents(lower(b.user), ctx),
  // ccxt reads a JSON string: "unifiedAccount" | "portfolioMargin" | "disabled" | "default" | "dexAbstraction"
  userAbstraction: () => ({ status: 200, body: '"default"', source: `${CCXT} isUnifiedEnabled comment` }),
  clearinghouseState: (b, ctx) => clearinghouseState(ctx.key(String(b.user)) ?? ctx.keys().find((k) => lower(k.apiKey) === lower(b.user)), ctx.now()),
};

const spotMeta = {
  tokens: [
    {
      name: 'USDC',
      szDecimals: 8,
      weiDecimals: 8,
      index: 0,
      tokenId: '0x6d1e7cde53ba9467b783cb7c530ce054',
      isCanonical: true,
      evmContract: null,
      fullName: null,
    },
    {
      name: 'PURR',
      szDecimals: 0,
      weiDecimals: 5,
      index: 1,
      tokenId: '0xc1fb593aeffbeb02f85e0308e9956a90',
      isCanonical: true,
      evmContract: null,
      fullName: null,
    },
  ],
  universe: [{ name: 'PURR/USDC', tokens: [1, 0], index: 0, isCanonical: true }],
};

/** The main account a signer acts for: itself, or the account whose live agent it is. */
function accountOf(signer: string, ctx: SimContext): ResolvedKey | undefined {
  return ctx.keys().find((k) => lower(k.apiKey) === signer || (lower(addressOf(k.secret)) === signer && agentLive(k, ctx.now())));
}

function exchangeAction(req: SimRequest, ctx: SimContext): SimResponse {
  const { action, nonce, signature } = JSON.parse(req.body || '{}') as {
    action?: { type?: string };
    nonce?: number;
    signature?: { r?: string; s?: string; v?: number };
  };
  // only the cancel is simulated; ccxt's builder-fee and referrer set-up while loading markets is refused
  if (action?.type !== 'cancel' || typeof nonce !== 'number' || !signature) return { status: 200, body: { status: 'err', response: 'Not simulated.' } };
  const signer = recoverSigner(l1Digest(action, nonce), signature) ?? '0x0000000000000000000000000000000000000000';
  if (!accountOf(signer, ctx)) {
    const out = documented('api-wallet-does-not-exist');
    return { ...out, body: { status: 'err', response: `User or API Wallet ${signer} does not exist.` } };
  }
  return documented('order-not-found');
}

/** hyperliquid as ccxt meets it, so wallet checks are tested against Hyperliquid's own answers without reaching it. */
const hyperliquid: SimExchange = {
  id: 'hyperliquid',
  routeSources: { 'POST /exchange': fixtures.errors['order-not-found']!.source },
  isPrivate: (req) => req.path === '/exchange',
  handle(req, ctx) {
    if (req.method === 'POST' && req.path === '/exchange') return exchangeAction(req, ctx);
    if (req.method !== 'POST' || req.path !== '/info') return { status: 404, body: 'Not Found' };
    const body = JSON.parse(req.body || '{}') as Record<string, unknown>;
    const answer = infoAnswers[String(body.type)];
    return answer ? answer(body, ctx) : { status: 422, body: 'Failed to deserialize the JSON body into the target type' };
  },
  maintenance: () => ({ status: 503, body: 'Service Unavailable' }),
  rateLimited: () => documented('rate-limit'),
  restrictedLocation: () => ({ status: 403, body: 'Forbidden' }),
};

export default hyperliquid;
