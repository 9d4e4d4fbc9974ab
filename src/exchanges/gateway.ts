import type { Exchange } from 'ccxt';
import type { Clock } from '../clock.js';
import { AppError } from '../errors.js';
import type { Logger, SecretScrubber } from '../log.js';
import { profileFor } from './profiles/index.js';
import { summarizeBalance, type AccountBalance } from './balances.js';
import { closestExchanges, getExchange, listExchanges, searchExchanges, type CatalogEntry } from './catalog.js';
import { ClockSync, type ClockReading } from './clock-sync.js';
import { loadCcxt } from './ccxt-loader.js';
import { captureHints, createClient, type AccountHints, type NewClient } from './client-factory.js';
import { exchangeMetadata } from './catalog-snapshot.js';
import { KeyQueue } from './key-queue.js';
import { ExchangeLimiter } from './limiter.js';
import { MarketData } from './market-data.js';
import { normalizeCredentials } from './normalize.js';
import { beforeDeadline, withRetry } from './retry.js';
import { requireAnswer, validateKey, type ValidationResult, type ValidationStep } from './validate.js';
import { classifyFailure, type Verdict } from './verdicts.js';

export interface GatewayOptions {
  overrides: Record<string, string>;
  sandbox?: string[];
  concurrency: number;
  allowWithdraw: boolean;
  /** Keyward's public addresses (PUBLIC_IPS), named in IP advice and compared with key whitelists */
  publicIps?: readonly string[];
  validationTimeoutMs: number;
  /** per-account deadline of a balance fetch */
  balanceTimeoutMs?: number;
  clock: Clock;
  log: Logger;
  scrubber: SecretScrubber;
  /** the shared per-exchange limiter; built from `concurrency` when not given */
  limiter?: ExchangeLimiter;
}

export type BalanceOutcome = { ok: true; balance: AccountBalance; fetchedAt: number; hints?: AccountHints } | { ok: false; verdict: Verdict };

/**
 * Everything Keyward asks of exchanges, in plain values (no Discord, no storage): the catalog,
 * input normalisation, key validation and balances. Secrets passed in are registered with the log
 * scrubber for the duration of each call.
 */
export class ExchangeGateway {
  private readonly limiter: ExchangeLimiter;
  private readonly clockSync: ClockSync;
  private readonly marketData: MarketData;
  private readonly sandbox: ReadonlySet<string>;
  private readonly perKey = new KeyQueue();

  constructor(private readonly opts: GatewayOptions) {
    checkEndpointSettings(opts);
    this.limiter = opts.limiter ?? new ExchangeLimiter(opts.concurrency);
    this.clockSync = new ClockSync(opts.clock);
    this.sandbox = new Set(opts.sandbox ?? []);
    this.marketData = new MarketData(opts.clock, (id) => this.client(id, { timeoutMs: 10_000 }));
  }

  /** The catalog entry of a connectable exchange; a clear error with the closest names otherwise. */
  entry(id: string): CatalogEntry {
    const entry = getExchange(id.trim().toLowerCase());
    if (!entry) {
      const suggestions = closestExchanges(id, 3)
        .map((e) => `${e.name} (${e.id})`)
        .join(', ');
      throw new AppError('EXCHANGE_UNKNOWN', { query: id.slice(0, 40), suggestions });
    }
    if (!entry.supported)
      throw new AppError('EXCHANGE_UNSUPPORTED', { exchange: entry.name, reason: entry.unsupportedReason ?? 'its key needs more than a form can hold.' });
    return entry;
  }

  search(query: string, limit = 25): CatalogEntry[] {
    return searchExchanges(query, limit);
  }

  list(): CatalogEntry[] {
    return listExchanges();
  }

  /** Cleans pasted credentials; errors name the field, never its value. */
  normalize(exchangeId: string, raw: Record<string, string | undefined>): Record<string, string> {
    return normalizeCredentials(this.entry(exchangeId), raw);
  }

  /** Builds the exchange catalog now (about 15 ms of CPU) rather than during the first /connect. */
  prepareCatalog(): void {
    listExchanges();
  }

  /** Imports ccxt now, in the background, so the first key check does not wait for it (a failure shows on that check). */
  preload(): void {
    loadCcxt().catch((err: unknown) => this.opts.log.warn({ err }, 'ccxt could not be loaded ahead of the first key check'));
  }

  /**
   * Validates a key and applies the policy (withdrawal, expiry, read access). Never throws for the
   * key's own faults. With `preview`, the balance for the connect card comes back too, read at the
   * same time as the key info where the exchange allows (see previewAlongside).
   */
  async validate(
    exchangeId: string,
    credentials: Record<string, string>,
    onProgress?: (step: ValidationStep) => void,
    hints?: AccountHints,
    opts: { preview?: boolean } = {},
  ): Promise<ValidationResult> {
    const entry = this.entry(exchangeId);
    await loadCcxt();
    const deadline = Date.now() + this.opts.validationTimeoutMs;
    const preview = opts.preview
      ? async () => {
          const outcome = await this.readBalance(entry, credentials, hints, deadline, this.opts.validationTimeoutMs);
          return outcome.ok ? outcome.balance : undefined;
        }
      : undefined;
    return this.opts.scrubber.withSecrets(Object.values(credentials), () =>
      this.perKey.run(entry.id, credentials.apiKey, () =>
        validateKey(
          {
            newClient: (id, spec) => this.client(id, spec),
            marketData: this.marketData,
            clockSync: this.clockSync,
            profile: profileFor(entry.id),
            allowWithdraw: this.opts.allowWithdraw,
            publicIps: this.opts.publicIps,
            timeoutMs: this.opts.validationTimeoutMs,
            clock: this.opts.clock,
            log: this.opts.log,
            preview,
          },
          entry,
          credentials,
          onProgress,
          hints,
        ),
      ),
    );
  }

  /** One account's balance: a single signed request once markets and prices are warm. */
  async balance(exchangeId: string, credentials: Record<string, string>, hints?: AccountHints): Promise<BalanceOutcome> {
    const entry = this.entry(exchangeId);
    await loadCcxt();
    const timeoutMs = this.opts.balanceTimeoutMs ?? 15_000;
    return this.opts.scrubber.withSecrets(Object.values(credentials), () =>
      this.perKey.run(entry.id, credentials.apiKey, () => this.readBalance(entry, credentials, hints, Date.now() + timeoutMs, timeoutMs)),
    );
  }

  private async readBalance(
    entry: CatalogEntry,
    credentials: Record<string, string>,
    hints: AccountHints | undefined,
    deadline: number,
    timeoutMs: number,
  ): Promise<BalanceOutcome> {
    try {
      const markets = await beforeDeadline(this.marketData.marketSource(entry.id), deadline, timeoutMs);
      const prices = this.marketData.usdPrices(entry.id).catch(() => undefined);
      const driftMs = profileFor(entry.id).compensateClock === false ? undefined : this.clockSync.cached(entry.id)?.driftMs;
      let exchange: Exchange | undefined;
      const prepare = profileFor(entry.id).prepareBalance;
      const raw = await beforeDeadline(
        withRetry(async () => {
          const client = (exchange = this.client(entry.id, {
            credentials,
            marketsFrom: markets,
            driftMs,
            hints,
            timeoutMs: Math.min(10_000, Math.max(1_000, deadline - Date.now())),
          }));
          if (prepare) await prepare(client);
          return client.fetchBalance();
        }, deadline),
        deadline,
        timeoutMs,
      );
      requireAnswer(raw);
      const usd = await beforeDeadline(prices, deadline, timeoutMs).catch(() => undefined);
      const learnt = captureHints(exchange!, profileFor(entry.id).accountModeOptions);
      return { ok: true, balance: summarizeBalance(raw, usd), fetchedAt: this.opts.clock.now(), hints: learnt ?? hints };
    } catch (err) {
      this.opts.log.debug({ exchange: entry.id, err }, 'balance failed');
      return { ok: false, verdict: classifyFailure(err, { entry, profile: profileFor(entry.id), publicIps: this.opts.publicIps }) };
    }
  }

  /** The exchange's clock against ours (the doctor's report); a fresh reading unless one is cached. */
  async clockReading(exchangeId: string): Promise<ClockReading | undefined> {
    await loadCcxt();
    const source = this.client(this.entry(exchangeId).id, { timeoutMs: 10_000 });
    if (!source.has.fetchTime) return undefined;
    return this.clockSync.reading(exchangeId, () => source.fetchTime());
  }

  private client(id: string, spec: NewClient): Exchange {
    return createClient(id, { overrides: this.opts.overrides, sandbox: this.sandbox, limiter: this.limiter }, spec);
  }
}

/** Overrides and sandbox names must be ccxt exchanges; sandbox only where ccxt has one. */
function checkEndpointSettings(opts: GatewayOptions): void {
  const problems: string[] = [];
  for (const id of Object.keys(opts.overrides)) if (!exchangeMetadata.has(id)) problems.push(`- EXCHANGE_API_OVERRIDES: "${id}" is not a ccxt exchange id`);
  for (const id of opts.sandbox ?? []) {
    const known = exchangeMetadata.get(id);
    if (!known) problems.push(`- EXCHANGE_SANDBOX: "${id}" is not a ccxt exchange id`);
    else if (!known.sandbox) problems.push(`- EXCHANGE_SANDBOX: ccxt has no sandbox for "${id}"`);
  }
  if (problems.length > 0) throw new AppError('CONFIG_INVALID', { problems: problems.join('\n') });
}
