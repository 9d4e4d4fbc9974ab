/** The expiry line and warnings when an exchange's own rule stands behind the date. */
import { describe, expect, it } from 'vitest';
import { profileFor } from '../../../src/exchanges/profiles/index.js';
import { checkLines, expiryLine, warningText } from '../../../src/discord/render/checks.js';
import { renderKeyList } from '../../../src/discord/render/keys.js';
import { DAY, NOW, perms, record } from './fixtures.js';
import { textOf } from './limits.js';

const bybit = profileFor('bybit').expiryRule!;
const bingx = profileFor('bingx').expiryRule!;
const htx = profileFor('htx').expiryRule!;
const at = NOW + 40 * DAY;

describe('the expiry line', () => {
  it('says what the exchange will do and when, and how to avoid it', () => {
    const line = expiryLine(perms({ ipRestricted: 'no', expiresAt: at }), { exchangeName: 'Bybit', rule: bybit });
    expect(line).toBe(`📅 **Expiry** — Bybit stops accepting this key on <t:${at / 1000}:D> (<t:${at / 1000}:R>) unless you bind an IP`);
  });

  it('marks a date counted from the last check as such, and says the checks may not count as use', () => {
    const line = expiryLine(perms({ ipRestricted: 'no', expiresAt: at, expiryEstimated: true }), { exchangeName: 'BingX', rule: bingx });
    expect(line).toContain('BingX deletes this key on');
    expect(line).toContain('if it goes unused until then unless you bind an IP (counted from this check: 14 days without use)');
    expect(line).toContain("Whether Keyward's own checks count as use is not known: BingX does not say, so do not rely on them");
  });

  it('states the rule without a date when the exchange does not tell whether the key is bound', () => {
    const line = expiryLine(perms({ ipRestricted: 'unknown' }), { exchangeName: 'HTX', rule: htx });
    expect(line).toBe(
      '❔ **Expiry** — HTX deactivates keys not bound to an IP after 90 days without use; HTX does not tell Keyward whether this one is bound. ' +
        "Whether Keyward's own checks count as use is not known: HTX does not say, so do not rely on them to keep the key alive.",
    );
  });

  it('keeps the plain date where no rule is known', () => {
    expect(expiryLine(perms({ expiresAt: at }), { exchangeName: 'OKX' })).toBe(`📅 **Expiry** — <t:${at / 1000}:D> (<t:${at / 1000}:R>)`);
    expect(checkLines(perms(), undefined)).toContain('➖ **Expiry** — none reported');
  });
});

describe('the expiry-rule warning', () => {
  it("carries the rule's advice on avoiding it", () => {
    const text = warningText('expiry_rule', { exchangeName: 'Bybit', permissions: perms({ ipRestricted: 'no', expiresAt: at }), expiryRule: bybit });
    expect(text).toContain('Bybit stops accepting this key on');
    expect(text).toContain(bybit.avoid);
    expect(text).not.toContain('**Expiry**');
  });
});

describe('/keys list', () => {
  it("shows the rule behind a key's expiry", () => {
    const view = { record: record({ exchange: 'bybit', permissions: perms({ ipRestricted: 'no', expiresAt: at }) }), due: { at, reason: 'expiry' as const } };
    const text = textOf(renderKeyList([view], NOW, 0, () => 'Bybit').embeds);
    expect(text).toContain(`Bybit stops accepting this key on <t:${at / 1000}:D>`);
    expect(text).toContain('unless you bind an IP');
  });
});

describe('the IP whitelist warning', () => {
  it('names every address the whitelist leaves out', () => {
    const text = warningText('ip_whitelist_incomplete', { exchangeName: 'Bybit', permissions: perms(), missingIps: ['203.0.113.7', '2001:db8::7'] });
    expect(text).toContain('`203.0.113.7`, `2001:db8::7`');
    expect(text).toContain('Add them to the whitelist');
  });
});
