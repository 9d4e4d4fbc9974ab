import { describe, expect, it } from 'vitest';
import { getExchange } from '../../src/exchanges/catalog.js';
import { parseBitflyerPermissions } from '../../src/exchanges/profiles/bitflyer.js';
import { profileFor } from '../../src/exchanges/profiles/index.js';
import { verdict } from '../../src/exchanges/verdicts.js';

const ctx = (id: string) => ({ entry: getExchange(id)!, profile: profileFor(id) });

describe("an exchange's own advice in a refusal", () => {
  it('names where bitFlyer keeps the withdrawal setting when a key that may withdraw is refused', () => {
    const { advice } = verdict('withdraw_enabled', ctx('bitflyer'));
    expect(advice).toContain(profileFor('bitflyer').advice!.withdraw_enabled);
  });

  it("comes first for a missing permission, so a shortened list (/keys test shows three lines) still says LBank's code also means a foreign IP", () => {
    const { advice } = verdict('permission_missing', ctx('lbank'));
    expect(advice[0]).toBe(profileFor('lbank').advice!.permission_missing);
    expect(advice[0]).toMatch(/IP/);
  });

  it('does not tell a KuCoin Futures user that their KuCoin key belongs elsewhere', () => {
    const { advice } = verdict('bad_key', ctx('kucoinfutures'));
    expect(advice.join('\n')).not.toMatch(/only where they were made/);
  });
});

describe("bitFlyer's permission list", () => {
  it('leaves withdrawal open when an entry is not a path, instead of reading the rest as "cannot withdraw"', () => {
    const permissions = parseBitflyerPermissions(['/v1/me/getbalance', { path: '/v1/me/withdraw' }, null]);
    expect(permissions.read).toBe('yes');
    expect(permissions.withdraw).toBe('unknown');
  });
});
