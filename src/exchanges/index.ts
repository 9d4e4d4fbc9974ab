export { ExchangeLimiter } from './limiter.js';
export { ExchangeGateway, type BalanceOutcome, type GatewayOptions } from './gateway.js';
export type { AccountBalance, AssetLine } from './balances.js';
export type { CatalogEntry } from './catalog.js';
export type { ClockReading } from './clock-sync.js';
export type { AccountHints } from './client-factory.js';
export type { KeyPermissions, Tri, VerdictKind } from './types.js';
export type { ValidationResult, ValidationStep, WarningCode } from './validate.js';
export { addressList, formatDrift, type Verdict } from './verdicts.js';
export {
  SELF_GENERATED_KEYS,
  selfGeneratedKeyExchanges,
  selfGeneratedKeySupport,
  type SelfGeneratedKeySupported,
  type SelfKeyType,
} from './self-generated-keys.js';
export type { ExpiryRule } from './profiles/types.js';
export { ruleApplies } from './expiry-rules.js';
export { expiryRuleOf } from './profiles/index.js';
