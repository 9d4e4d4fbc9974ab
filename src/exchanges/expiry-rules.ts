import { DAY } from '../clock.js';
import type { ExpiryRule } from './profiles/types.js';
import type { KeyPermissions, Tri } from './types.js';

/** 'yes' when the rule touches this key, 'no' when it spares it, 'unknown' when the exchange did not say enough. */
export function ruleApplies(rule: ExpiryRule, p: KeyPermissions): Tri {
  if (rule.spareReadOnly && p.spotTrade === 'no' && p.futuresTrade === 'no' && p.withdraw === 'no' && p.transfer !== 'yes') return 'no';
  if (rule.appliesTo === 'all') return 'yes';
  return p.ipRestricted === 'yes' ? 'no' : p.ipRestricted === 'no' ? 'yes' : 'unknown';
}

/**
 * The key's permissions with the rule's date filled in where the exchange reports none: a rule that
 * runs from last use is counted from this check, and marked as an estimate. A reported date always wins.
 */
export function withRuleExpiry(rule: ExpiryRule | undefined, p: KeyPermissions, checkedAt: number): KeyPermissions {
  if (!rule || rule.clock !== 'last_use' || rule.days === undefined || p.expiresAt !== undefined) return p;
  if (ruleApplies(rule, p) !== 'yes') return p;
  return { ...p, expiresAt: checkedAt + rule.days * DAY, expiryEstimated: true };
}
