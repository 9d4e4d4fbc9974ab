import type { UnverifiedWithdrawPolicy } from './withdraw-confirmation.js';
import type { AccountHints, BalanceOutcome, CatalogEntry, ValidationResult, ValidationStep } from '../exchanges/index.js';

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
