/** Plain-object fixtures for renderer tests: records and results as the services hand them over. */
import type { AccountBalance, CatalogEntry, KeyPermissions, ValidationResult } from '../../../src/exchanges/index.js';
import type { CredentialRecord } from '../../../src/store/index.js';

export const NOW = Date.UTC(2026, 2, 1, 12, 0, 0);
export const DAY = 86_400_000;

export function perms(over: Partial<KeyPermissions> = {}): KeyPermissions {
  return { read: 'yes', spotTrade: 'yes', futuresTrade: 'unknown', withdraw: 'no', transfer: 'no', ipRestricted: 'yes', ipCount: 1, ...over };
}

export function result(over: Partial<ValidationResult> = {}): ValidationResult {
  return { ok: true, permissions: perms(), warnings: [], clock: { driftMs: 120, roundTripMs: 80, measuredAt: NOW }, checkedAt: NOW, ...over };
}

export function record(over: Partial<CredentialRecord> = {}): CredentialRecord {
  return {
    v: 1,
    userId: '123456789012345678',
    exchange: 'binance',
    account: 'main',
    keyHint: 'ABCD',
    createdAt: NOW - 30 * DAY,
    rotatedAt: NOW - 30 * DAY,
    lastCheckedAt: NOW - DAY,
    status: 'ok',
    warnings: [],
    permissions: perms(),
    sealed: { nonce: 'bm9uY2U=', ct: 'Y2lwaGVy' },
    reminders: {},
    ...over,
  };
}

export function balance(over: Partial<AccountBalance> = {}): AccountBalance {
  return {
    assets: [
      { asset: 'BTC', free: 0.5, used: 0, total: 0.5, usd: 30_000 },
      { asset: 'ETH', free: 2, used: 1, total: 3, usd: 9_000 },
      { asset: 'USDT', free: 1234.5, used: 0, total: 1234.5, usd: 1234.5 },
    ],
    otherAssets: 0,
    totalUsd: 40_234.5,
    unpriced: 0,
    ...over,
  };
}

/** `n` assets worth a little less each, for walls of holdings. */
export function manyAssets(n: number): AccountBalance['assets'] {
  return Array.from({ length: n }, (_, i) => ({ asset: `COIN${i}`, free: 1000 + i, used: 0, total: 1000 + i, usd: 10_000 - i }));
}

export function entry(over: Partial<CatalogEntry> = {}): CatalogEntry {
  return {
    id: 'okx',
    name: 'OKX',
    rank: 3,
    supported: true,
    walletBased: false,
    fullCheck: true,
    sandbox: true,
    fields: [
      { key: 'apiKey', label: 'API key', hint: 'The public part of the key.', sensitive: false, multiline: false, maxLength: 1024 },
      { key: 'secret', label: 'Secret key', hint: 'Shown only once.', sensitive: true, multiline: false, maxLength: 2048 },
      { key: 'password', label: 'Passphrase', hint: 'The passphrase you set for this key.', sensitive: true, multiline: false, maxLength: 256 },
    ],
    notes: ['Sub-account keys need the permission granted from the main account.'],
    createKeyPath: 'Profile → API → Create API key',
    siblings: ['myokx', 'okxus'],
    ...over,
  };
}

/** Text far past every Discord limit, full of markdown and mention attempts. */
export const HOSTILE = `@everyone <@123> **bold** \`code\` ${'x'.repeat(5000)}`;
