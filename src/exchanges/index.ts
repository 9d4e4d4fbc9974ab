export { ExchangeLimiter } from './limiter.js';
export { ExchangeGateway, type BalanceOutcome, type GatewayOptions } from './gateway.js';
export type { AccountBalance, AssetLine } from './balances.js';
export type { CatalogEntry } from './catalog.js';
export type { ClockReading } from './clock-sync.js';
export type { AccountHints } from './client-factory.js';
export type { KeyPermissions, Tri, VerdictKind } from './types.js';
export type { ValidationResult, ValidationStep, WarningCode } from './validate.js';
export { formatDrift, type Verdict } from './verdicts.js';
