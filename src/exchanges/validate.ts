import { BadResponse, OrderNotFound, type Exchange } from './ccxt-errors.js';
import { randomInt } from 'node:crypto';
import type { Clock } from '../clock.js';
import type { Logger } from '../log.js';
import type { ExchangeProfile } from './profiles/types.js';
import { summarizeBalance, type AccountBalance } from './balances.js';
import { lastResponseHeaders } from './ccxt-internals.js';
import type { CatalogEntry } from './catalog.js';
import type { ClockReading, ClockSync } from './clock-sync.js';
import { captureHints, type AccountHints, type NewClient } from './client-factory.js';
import type { MarketData } from './market-data.js';
import { exchangeErrorDetail } from './error-code.js';
import { beforeDeadline, withRetry } from './retry.js';
import { unknownPermissions, type KeyPermissions } from './types.js';
import { ruleApplies, withRuleExpiry } from './expiry-rules.js';
import { missingFromWhitelist } from './ip-whitelist.js';
import { classifyFailure, failureKind, verdict, type Verdict } from './verdicts.js';
import type { WarningCode } from './codes.js';

/** The steps a user sees as progress. */
export type ValidationStep = 'clock' | 'key' | 'permissions';

/** Things worth telling the user about a key that was accepted. */
export type { WarningCode };

export interface ValidationResult {
  ok: boolean;
  verdict?: Verdict;
  permissions: KeyPermissions;
  warnings: WarningCode[];
  clock?: ClockReading;
  /** the balance, when reading it was how the key was proved or it was read alongside the key info (see previewAlongside) */
  balance?: AccountBalance;
  /** Keyward's public addresses that the key's whitelist leaves out (with the ip_whitelist_incomplete warning) */
  missingIps?: string[];
  /** what the exchange told about the account's mode, to reuse on later calls with this key */
  hints?: AccountHints;
  checkedAt: number;
}

export interface ValidationDeps {
  newClient: (id: string, spec: NewClient) => Exchange;
  marketData: MarketData;
  clockSync: ClockSync;
  profile?: ExchangeProfile;
  allowWithdraw: boolean;
  /** the addresses Keyward's requests leave from (PUBLIC_IPS), to compare with a key's whitelist */
  publicIps?: readonly string[];
  timeoutMs: number;
  clock: Clock;
  log: Logger;
  /** reads the key's balance for the connect card; never rejects (undefined when it could not) */
  preview?: () => Promise<AccountBalance | undefined>;
}

const REQUEST_TIMEOUT_MS = 10_000;
const CLOCK_WARN_MS = 1_000;
const EXPIRY_WARN_MS = 14 * 86_400_000;

/**
 * Proves what a key can do in at most two signed requests once the exchange's clock offset is
 * known: one key-info call where the exchange has one (it authenticates the key and reports its
 * permissions), otherwise a balance call; and where trading is still unknown and the exchange tells
 * "order not found" from "permission denied", a cancel of a made-up order id. Never places an order.
 */
export async function validateKey(
  deps: ValidationDeps,
  entry: CatalogEntry,
  credentials: Record<string, string>,
  onProgress: (step: ValidationStep) => void = () => undefined,
  knownHints?: AccountHints,
): Promise<ValidationResult> {
  const deadline = Date.now() + deps.timeoutMs;
  const ctx = { entry, profile: deps.profile, publicIps: deps.publicIps };
  const fail = (v: Verdict, extra: Partial<ValidationResult> = {}): ValidationResult => ({
    ok: false,
    verdict: v,
    permissions: unknownPermissions(),
    warnings: [],
    checkedAt: deps.clock.now(),
    ...extra,
  });
  let hints = knownHints;
  const modeOptions = deps.profile?.accountModeOptions;
  const compensate = deps.profile?.compensateClock !== false;
  const client = (marketsFrom?: Exchange, driftMs?: number) =>
    deps.newClient(entry.id, {
      credentials,
      marketsFrom,
      driftMs: compensate ? driftMs : undefined,
      hints,
      timeoutMs: Math.min(REQUEST_TIMEOUT_MS, Math.max(1_000, deadline - Date.now())),
    });
  let clock: ClockReading | undefined;
  let exchange: Exchange | undefined;
  let previewing: Promise<AccountBalance | undefined> | undefined;
  try {
    return await beforeDeadline(
      (async () => {
        onProgress('clock');
        clock = await readClock(deps, entry.id, deadline);
        onProgress('key');
        // once the clock offset is known, so the preview signs with it too
        previewing = deps.preview && previewAlongside(deps.profile) ? deps.preview() : undefined;
        const markets = deps.profile?.readKeyInfo ? undefined : await deps.marketData.marketSource(entry.id);
        let permissions: KeyPermissions;
        let balance: AccountBalance | undefined;
        if (deps.profile?.readKeyInfo) {
          permissions = await withRetry(() => deps.profile!.readKeyInfo!((exchange = client(undefined, clock?.driftMs))), deadline);
          hints = captureHints(exchange!, modeOptions) ?? hints;
          if (permissions.spotTrade === 'unknown' && deps.profile.tradeProbe) {
            permissions = { ...permissions, ...(await probeTrade(deps, client(await deps.marketData.marketSource(entry.id), clock?.driftMs))) };
          }
        } else {
          const raw = await withRetry(() => (exchange = client(markets, clock?.driftMs)).fetchBalance(), deadline);
          requireAnswer(raw);
          hints = captureHints(exchange!, modeOptions) ?? hints;
          balance = summarizeBalance(raw, deps.marketData.cachedPrices(entry.id), { maxAssets: 5, dustUsd: 1 });
          permissions = { ...unknownPermissions(), ...(await probeTrade(deps, exchange!)), read: 'yes' };
        }
        balance ??= await previewing;
        onProgress('permissions');
        permissions = withRuleExpiry(deps.profile?.expiryRule, permissions, deps.clock.now());
        const refusal = policyRefusal(deps, ctx, permissions);
        if (refusal) return fail(refusal, { permissions, clock });
        const warnings = warningsFor(deps, permissions, clock);
        const missingIps = missingIpsOf(deps, permissions);
        if (missingIps.length > 0) warnings.push('ip_whitelist_incomplete');
        // a wallet's balance is public: reading it proves the address, not the private key
        if (entry.walletBased && !deps.profile?.readKeyInfo && permissions.spotTrade !== 'yes') warnings.push('key_unproven');
        return { ok: true, permissions, warnings, clock, balance, hints, checkedAt: deps.clock.now(), ...(missingIps.length > 0 ? { missingIps } : {}) };
      })(),
      deadline,
      deps.timeoutMs,
    );
  } catch (err) {
    await previewing; // never outlives the check: the caller's secret scrubbing ends with it
    deps.log.debug({ exchange: entry.id, err }, 'key check failed');
    return fail(classifyFailure(err, { ...ctx, driftMs: clock?.driftMs, retryAfterSec: retryAfter(exchange) }), { clock });
  }
}

/**
 * Whether the connect card's balance can be read at the same time as the key info, making a warm
 * check one round trip: only where the balance needs nothing the key info teaches (no account mode
 * to learn first), the check cannot go on to a trade probe, so it stays at two requests at most, and
 * two requests on one key may be in flight together.
 */
export function previewAlongside(profile: ExchangeProfile | undefined): boolean {
  return Boolean(profile?.readKeyInfo) && !profile?.tradeProbe && !profile?.prepareBalance && !profile?.accountModeOptions && !profile?.serialRequests;
}

/** The exchange's clock against ours; a failure to read it only matters when the exchange is down. */
async function readClock(deps: ValidationDeps, id: string, deadline: number): Promise<ClockReading | undefined> {
  const cached = deps.clockSync.cached(id);
  if (cached) return cached;
  const source = deps.newClient(id, { timeoutMs: REQUEST_TIMEOUT_MS });
  if (!source.has.fetchTime) return undefined;
  return deps.clockSync.reading(id, () => withRetry(() => source.fetchTime(), deadline));
}

/** Cancels a made-up order id: "not found" means the key may trade (and so read), "denied" that it may not. */
async function probeTrade(deps: ValidationDeps, exchange: Exchange): Promise<Pick<KeyPermissions, 'spotTrade'> & Partial<KeyPermissions>> {
  const probe = deps.profile?.tradeProbe;
  if (!probe || !exchange.has.cancelOrder) return { spotTrade: 'unknown' };
  try {
    await exchange.cancelOrder(`9${String(randomInt(1e9, 1e10 - 1))}${String(randomInt(1e8, 1e9 - 1))}`, probe.symbol);
    return { spotTrade: 'unknown' }; // an exchange that "cancels" a made-up id says nothing either way
  } catch (err) {
    const code = exchangeErrorDetail(err).code ?? '';
    if (err instanceof OrderNotFound || probe.notFoundCodes?.includes(code)) return { spotTrade: 'yes', read: 'yes' };
    if (probe.readOnlyCodes?.includes(code)) return { spotTrade: 'no', read: 'yes' };
    return { spotTrade: failureKind(err, deps.profile) === 'permission_missing' ? 'no' : 'unknown' };
  }
}

function policyRefusal(
  deps: ValidationDeps,
  ctx: { entry: CatalogEntry; profile?: ExchangeProfile; publicIps?: readonly string[] },
  p: KeyPermissions,
): Verdict | undefined {
  if (p.read === 'no') return verdict('permission_missing', ctx, { permission: 'read' });
  if (p.expiresAt !== undefined && p.expiresAt <= deps.clock.now()) return verdict('key_expired', ctx);
  if (p.withdraw === 'yes' && !deps.allowWithdraw) return verdict('withdraw_enabled', ctx);
  return undefined;
}

function warningsFor(deps: ValidationDeps, p: KeyPermissions, clock: ClockReading | undefined): WarningCode[] {
  const out: WarningCode[] = [];
  if (p.withdraw === 'yes') out.push('withdraw_enabled');
  if (p.ipRestricted === 'no') out.push('no_ip_restriction');
  // on a futures-only venue a spot permission trades nothing
  const cannotTrade = deps.profile?.tradesOnly === 'futures' ? p.futuresTrade === 'no' : p.spotTrade === 'no' && p.futuresTrade !== 'yes';
  if (cannotTrade) out.push('cannot_trade');
  if (p.expiresAt !== undefined && p.expiresAt - deps.clock.now() < EXPIRY_WARN_MS) out.push('expires_soon');
  // the key stays valid: only trading lapses (binance, keys without an IP whitelist)
  if (p.tradingExpiresAt !== undefined && p.tradingExpiresAt - deps.clock.now() < EXPIRY_WARN_MS) out.push('trading_expires');
  // the exchange's own rule will end the key (or its trading): say when and how to avoid it, once
  const rule = deps.profile?.expiryRule;
  const dated = rule?.effect === 'stops_trading' ? p.tradingExpiresAt !== undefined : p.expiresAt !== undefined;
  if (rule && dated && ruleApplies(rule, p) === 'yes' && !out.includes('expires_soon') && !out.includes('trading_expires')) out.push('expiry_rule');
  if (clock && Math.abs(clock.driftMs) > CLOCK_WARN_MS) out.push('clock_drift');
  if (p.withdraw === 'unknown' && p.spotTrade === 'unknown') out.push('permissions_unknown');
  return out;
}

/** Configured addresses the key's reported whitelist leaves out; none when either is unknown. */
function missingIpsOf(deps: ValidationDeps, p: KeyPermissions): string[] {
  if (!deps.publicIps || deps.publicIps.length === 0 || p.ipRestricted !== 'yes' || !p.ipWhitelist) return [];
  return missingFromWhitelist(p.ipWhitelist, deps.publicIps);
}

/**
 * ccxt turns an unparseable body into an empty balance: that proves nothing about the key. An empty
 * list is an answer, though: bitget and gate list an account that holds nothing as [].
 */
export function requireAnswer(raw: { info?: unknown }): void {
  const info = raw.info;
  if (Array.isArray(info)) return;
  const empty = info === undefined || info === null || typeof info === 'string' || (typeof info === 'object' && Object.keys(info).length === 0);
  if (empty) throw new BadResponse('the exchange answered the balance call with something that is not a balance');
}

/** Seconds to wait, from the exchange's Retry-After header when it sent one. */
function retryAfter(exchange: Exchange | undefined): number | undefined {
  const headers = lastResponseHeaders(exchange);
  const value = headers?.['retry-after'] ?? headers?.['Retry-After'];
  const seconds = value === undefined ? NaN : Number(value);
  return Number.isFinite(seconds) && seconds >= 0 ? Math.ceil(seconds) : undefined;
}
