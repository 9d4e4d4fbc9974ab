/**
 * Each expiry rule as its exchange states it, read back from the profile: the source named in the
 * rule is the page the test quotes.
 */
import { describe, expect, it } from 'vitest';
import { ruleApplies, withRuleExpiry } from '../../src/exchanges/expiry-rules.js';
import { profileFor } from '../../src/exchanges/profiles/index.js';
import type { ExpiryRule } from '../../src/exchanges/profiles/types.js';
import { unknownPermissions, type KeyPermissions } from '../../src/exchanges/types.js';

const NOW = Date.UTC(2026, 10, 30, 12);
const DAY = 86_400_000;
const trading = (over: Partial<KeyPermissions> = {}): KeyPermissions => ({
  ...unknownPermissions(),
  read: 'yes',
  spotTrade: 'yes',
  futuresTrade: 'no',
  withdraw: 'no',
  transfer: 'no',
  ipRestricted: 'no',
  ...over,
});
const readOnly = (over: Partial<KeyPermissions> = {}) => trading({ spotTrade: 'no', ...over });
const rule = (id: string): ExpiryRule => {
  const r = profileFor(id).expiryRule;
  if (!r) throw new Error(`${id} has no expiry rule`);
  return r;
};

describe('Bybit: "No ip bound api key will be invalid after 90 days", dated by expiredAt', () => {
  it('applies to keys without an IP binding and spares bound ones', () => {
    expect(rule('bybit')).toMatchObject({ effect: 'invalidates', appliesTo: 'no_ip', clock: 'reported', days: 90 });
    expect(rule('bybit').source).toContain('modify-master-apikey');
    expect(ruleApplies(rule('bybit'), trading())).toBe('yes');
    expect(ruleApplies(rule('bybit'), trading({ ipRestricted: 'yes' }))).toBe('no');
  });

  it('never counts a date of its own: only the reported expiredAt dates it', () => {
    expect(withRuleExpiry(rule('bybit'), trading(), NOW).expiresAt).toBeUndefined();
    expect(withRuleExpiry(rule('bybit'), trading({ expiresAt: NOW + 9 * DAY }), NOW).expiresAt).toBe(NOW + 9 * DAY);
  });
});

describe('HTX: unbound keys with trading or withdrawal deactivated after 90 days of inactivity', () => {
  it('counts 90 days from this check, marked as an estimate, for an unbound trading key', () => {
    expect(rule('htx').source).toContain('https://www.htx.com/en-us/apikey');
    const p = withRuleExpiry(rule('htx'), trading(), NOW);
    expect(p.expiresAt).toBe(NOW + 90 * DAY);
    expect(p.expiryEstimated).toBe(true);
  });

  it('spares read-only keys and keys linked to an IP', () => {
    expect(withRuleExpiry(rule('htx'), readOnly(), NOW).expiresAt).toBeUndefined();
    expect(withRuleExpiry(rule('htx'), trading({ ipRestricted: 'yes' }), NOW).expiresAt).toBeUndefined();
  });

  it('counts withdrawal permission as reason enough', () => {
    expect(withRuleExpiry(rule('htx'), readOnly({ withdraw: 'yes' }), NOW).expiresAt).toBe(NOW + 90 * DAY);
  });

  it("does not claim Keyward's checks count as use", () => {
    expect(rule('htx').checksCountAsUse).toBe('unknown');
  });

  it('gives no date while HTX does not say whether the key is bound', () => {
    expect(ruleApplies(rule('htx'), trading({ ipRestricted: 'unknown' }))).toBe('unknown');
    expect(withRuleExpiry(rule('htx'), trading({ ipRestricted: 'unknown' }), NOW).expiresAt).toBeUndefined();
  });
});

describe('BingX: unbound trading keys deleted after 14 days of inactivity', () => {
  it('counts 14 days from this check for an unbound trading key, and none for a read-only one', () => {
    expect(rule('bingx')).toMatchObject({ effect: 'deletes', days: 14, checksCountAsUse: 'unknown' });
    expect(rule('bingx').source).toContain('https://bingx.com/en-gb/account/api/');
    expect(withRuleExpiry(rule('bingx'), trading(), NOW)).toMatchObject({ expiresAt: NOW + 14 * DAY, expiryEstimated: true });
    expect(withRuleExpiry(rule('bingx'), readOnly(), NOW).expiresAt).toBeUndefined();
  });
});

describe('Binance: spot and margin trading lapses on keys without a whitelisted IP', () => {
  it('is a trading lapse dated only by tradingAuthorityExpirationTime, never counted', () => {
    expect(rule('binance')).toMatchObject({ effect: 'stops_trading', appliesTo: 'no_ip', clock: 'reported' });
    expect(rule('binance').days).toBeUndefined();
    expect(withRuleExpiry(rule('binance'), trading(), NOW)).toEqual(trading());
  });
});

describe('Kraken: the key ends on its validUntil date', () => {
  it('applies to every key, bound or not, and is dated by the exchange', () => {
    expect(rule('kraken')).toMatchObject({ effect: 'expires', appliesTo: 'all', clock: 'reported' });
    expect(ruleApplies(rule('kraken'), trading({ ipRestricted: 'yes' }))).toBe('yes');
    expect(withRuleExpiry(rule('kraken'), trading(), NOW).expiresAt).toBeUndefined();
  });
});

describe('exchanges whose rule could not be sourced', () => {
  it('OKX carries no rule', () => {
    expect(profileFor('okx').expiryRule).toBeUndefined();
  });
});

describe('LBank: "The API Key without boundled IP address will expire in 30 days", dated from the reported createTime', () => {
  it('applies to every key bound to no IP, read-only ones too, and spares bound ones', () => {
    expect(rule('lbank')).toMatchObject({ effect: 'expires', appliesTo: 'no_ip', clock: 'reported', days: 30 });
    expect(rule('lbank').source).toContain('https://www.lbank.com/en-US/docs/index.html');
    expect(ruleApplies(rule('lbank'), readOnly())).toBe('yes');
    expect(ruleApplies(rule('lbank'), trading({ ipRestricted: 'yes' }))).toBe('no');
  });

  it("never counts a date from Keyward's check: only the date read from the key's creation time dates it", () => {
    expect(withRuleExpiry(rule('lbank'), trading(), NOW).expiresAt).toBeUndefined();
    expect(withRuleExpiry(rule('lbank'), trading({ expiresAt: NOW + 12 * DAY }), NOW).expiresAt).toBe(NOW + 12 * DAY);
  });
});
