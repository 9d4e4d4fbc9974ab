import type { Clock } from '../clock.js';
import type { Logger } from '../log.js';
import type { BalanceService } from '../keys/balance-service.js';
import type { KeyService } from '../keys/key-service.js';
import type { CatalogEntry } from '../exchanges/index.js';
import type { Links } from './links.js';

/** The catalog as commands see it: lookups and search, no ccxt. */
export interface CatalogPort {
  entry(exchangeId: string): CatalogEntry;
  search(query: string, limit?: number): CatalogEntry[];
  list(): CatalogEntry[];
}

/** Reminder preferences a user can change (the reminders service implements it). */
export interface ReminderSettingsPort {
  setRotationDays(userId: string, days: number | 'off'): Promise<void>;
  snooze(userId: string, exchange: string, account: string, days: number): Promise<number>;
}

/** What every command may use; built once in main.ts and passed explicitly. */
export interface AppContext {
  keys: KeyService;
  balances: BalanceService;
  catalog: CatalogPort;
  links: Links;
  reminders: ReminderSettingsPort;
  log: Logger;
  /** the time every date shown is measured against (injectable for tests) */
  clock: Clock;
  settings: {
    defaultRotationDays: number;
    /** the addresses users must whitelist (PUBLIC_IPS); empty when the operator has not set them */
    publicIps?: readonly string[];
  };
}
