import type { Clock } from '../clock.js';
import { AppError } from '../errors.js';
import type { BalanceOutcome } from '../exchanges/index.js';
import type { Logger } from '../log.js';
import type { CredentialRecord, Store } from '../store/index.js';
import type { Vault } from '../vault/index.js';
import type { ExchangePort } from './ports.js';

/** One connected account's part of a balance report. */
export interface AccountSection {
  exchange: string;
  exchangeName: string;
  account: string;
  keyHint: string;
  outcome: BalanceOutcome;
}

export interface PortfolioView {
  sections: AccountSection[];
  /** the sum of every priced asset across the accounts that answered */
  totalUsd?: number;
  fetchedAt: number;
}

export interface BalanceFilter {
  exchange?: string;
  account?: string;
}

/** Balances across all of a user's accounts at once, fetched in parallel, each failure reported on its own. */
export class BalanceService {
  constructor(private readonly deps: { store: Store; vault: Vault; exchanges: ExchangePort; clock: Clock; log: Logger }) {}

  async balances(userId: string, filter: BalanceFilter = {}): Promise<PortfolioView> {
    const all = await this.deps.store.listCredentials(userId);
    if (all.length === 0) throw new AppError('NOTHING_CONNECTED');
    const chosen = all.filter((c) => (!filter.exchange || c.exchange === filter.exchange) && (!filter.account || c.account === filter.account));
    if (chosen.length === 0) throw new AppError('ACCOUNT_NOT_FOUND', { exchange: filter.exchange ?? 'any exchange', account: filter.account ?? 'any account' });
    const sections = await Promise.all(chosen.map((c) => this.section(userId, c)));
    const answered = sections.flatMap((s) => (s.outcome.ok && s.outcome.balance.totalUsd !== undefined ? [s.outcome.balance.totalUsd] : []));
    return {
      sections,
      totalUsd: answered.length > 0 ? answered.reduce((a, b) => a + b, 0) : undefined,
      fetchedAt: this.deps.clock.now(),
    };
  }

  private async section(userId: string, c: CredentialRecord): Promise<AccountSection> {
    const base = { exchange: c.exchange, exchangeName: this.deps.exchanges.entry(c.exchange).name, account: c.account, keyHint: c.keyHint };
    let credentials: Record<string, string>;
    try {
      credentials = await this.deps.vault.openParts({ userId, exchange: c.exchange, account: c.account }, [c.sealed, c.sealedApiKey]);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      return { ...base, outcome: { ok: false, verdict: { kind: 'unknown', title: err.message, advice: [] } } };
    }
    const outcome = await this.deps.exchanges.balance(c.exchange, credentials, c.hints);
    if (outcome.ok && outcome.hints && JSON.stringify(outcome.hints) !== JSON.stringify(c.hints)) void this.rememberHints(userId, c, outcome.hints);
    return { ...base, outcome };
  }

  /** Keeps what the exchange told about the account's mode, so the next balance is one request. */
  private async rememberHints(userId: string, c: CredentialRecord, hints: Record<string, string | number | boolean>): Promise<void> {
    try {
      await this.deps.store.withUserLock(userId, async () => {
        const current = await this.deps.store.getCredential(userId, c.exchange, c.account);
        if (current && current.sealed.ct === c.sealed.ct) await this.deps.store.putCredential({ ...current, hints });
      });
    } catch (err) {
      this.deps.log.debug({ err }, 'could not keep account hints');
    }
  }
}
