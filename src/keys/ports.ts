import type { Clock } from '../clock.js';
import type { AccountHints, BalanceOutcome, CatalogEntry, ValidationResult, ValidationStep } from '../exchanges/index.js';
import type { Logger } from '../log.js';
import type { SchedulePort } from '../reminders/schedule-writer.js';
import type { Store, UserRecord } from '../store/index.js';
import type { Vault } from '../vault/index.js';
import type { ValidationQuota } from './validation-quota.js';
import type { UnverifiedWithdrawPolicy } from './withdraw-confirmation.js';

/** What the key services need from the exchanges module (the ExchangeGateway implements it). */
export interface ExchangePort {
  entry(exchangeId: string): CatalogEntry;
  normalize(exchangeId: string, raw: Record<string, string | undefined>): Record<string, string>;
  validate(
    exchangeId: string,
    credentials: Record<string, string>,
    onProgress?: (step: ValidationStep) => void,
    hints?: AccountHints,
    opts?: { preview?: boolean },
  ): Promise<ValidationResult>;
  balance(exchangeId: string, credentials: Record<string, string>, hints?: AccountHints): Promise<BalanceOutcome>;
}

/** Limits an operator sets. */
export interface KeyPolicy {
  maxAccountsPerUser: number;
  defaultRotationDays: number;
  /** what to do with keys whose exchange does not report whether they can withdraw */
  unverifiedWithdraw: UnverifiedWithdrawPolicy;
}

/** Everything the key services are built with. */
export interface KeyServiceDeps {
  store: Store;
  vault: Vault;
  exchanges: ExchangePort;
  quota: ValidationQuota;
  policy: KeyPolicy;
  clock: Clock;
  log: Logger;
  /** told whenever a user's keys changed, so their reminders and health checks are planned again */
  schedule: SchedulePort;
  /** after a forget: deletes what names the user outside their records (links, limit windows, posted notices) */
  onForget?: (userId: string, former: UserRecord | undefined) => Promise<void>;
}
