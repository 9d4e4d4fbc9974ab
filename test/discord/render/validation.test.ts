import { describe, expect, it } from 'vitest';
import type { Verdict } from '../../../src/exchanges/index.js';
import type { SaveOutcome } from '../../../src/keys/key-service.js';
import { COLOURS } from '../../../src/discord/render/format.js';
import { progressText, renderRefused, renderSaved, renderWithdrawQuestion, unreportedWithdrawRefusal } from '../../../src/discord/render/validation.js';
import { balance, DAY, HOSTILE, manyAssets, NOW, perms, record, result } from './fixtures.js';
import { expectWithinDiscordLimits, textOf, UNESCAPED_AT } from './limits.js';

type Saved = Extract<SaveOutcome, { ok: true }>;

function saved(over: Partial<Saved> = {}): Saved {
  return { ok: true, result: result(), record: record(), due: { at: NOW + 90 * DAY, reason: 'age' }, preview: balance(), ...over };
}

const fieldValue = (embeds: ReturnType<typeof renderSaved>, name: string): string => embeds[0]!.toJSON().fields?.find((f) => f.name === name)?.value ?? '';

describe('progress while a key is checked', () => {
  it('counts the steps and names the exchange', () => {
    expect(progressText('clock', 'Binance')).toBe('⏳ 1/3 · Checking the clock…');
    expect(progressText('key', 'Binance')).toBe('⏳ 2/3 · Checking the key with Binance…');
    expect(progressText('permissions', 'Binance')).toBe('⏳ 3/3 · Reading its permissions…');
  });
});

describe('a saved key', () => {
  it('titles the result with the account and what happened to it', () => {
    for (const [action, word] of [
      ['connect', 'connected'],
      ['replace', 'replaced'],
      ['rotate', 'rotated'],
    ] as const) {
      const embeds = renderSaved({ exchangeName: 'Binance', account: 'main', action, outcome: saved() });
      expect(embeds).toHaveLength(1);
      expect(embeds[0]!.toJSON().title).toBe(`Binance · main ${word}`);
    }
  });

  it('shows only the last four characters of the key', () => {
    const text = textOf(
      renderSaved({ exchangeName: 'Binance', account: 'main', action: 'connect', outcome: saved({ record: record({ keyHint: 'WXYZABCD' }) }) }),
    );
    expect(text).toContain('…ABCD');
    expect(text).not.toContain('WXYZ');
  });

  it('ticks off every check of a healthy key in green', () => {
    const embeds = renderSaved({ exchangeName: 'Binance', account: 'main', action: 'connect', outcome: saved() });
    const checks = fieldValue(embeds, 'Checks');
    expect(checks).toContain('✅ **Authenticates**');
    expect(checks).toContain('✅ **Read** — can see balances and orders');
    expect(checks).toContain('✅ **Trade** — can trade spot, futures not reported');
    expect(checks).toContain('✅ **Withdrawal disabled**');
    expect(checks).toContain('bound to 1 IP');
    expect(checks).toContain('none reported');
    expect(checks).toContain('✅ **Clock** — this server and the exchange agree on the time (120 ms apart)');
    expect(embeds[0]!.toJSON().color).toBe(COLOURS.ok);
  });

  it('shows a withdraw-enabled key with a loud warning in red', () => {
    const outcome = saved({ result: result({ permissions: perms({ withdraw: 'yes' }), warnings: ['withdraw_enabled'] }) });
    const embeds = renderSaved({ exchangeName: 'Binance', account: 'main', action: 'connect', outcome });
    expect(embeds[0]!.toJSON().color).toBe(COLOURS.failure);
    expect(embeds[0]!.toJSON().description).toContain('🚨 **This key can withdraw funds**');
    expect(fieldValue(embeds, 'Checks')).toContain('🚨 **Withdrawal ENABLED**');
  });

  it('warns about a key that is not bound to an IP, and about a clock more than a second off', () => {
    const outcome = saved({
      result: result({
        permissions: perms({ ipRestricted: 'no', ipCount: undefined }),
        warnings: ['no_ip_restriction', 'clock_drift'],
        clock: { driftMs: -1500, roundTripMs: 50, measuredAt: NOW },
      }),
    });
    const embeds = renderSaved({ exchangeName: 'Binance', account: 'main', action: 'connect', outcome });
    expect(fieldValue(embeds, 'Checks')).toContain('⚠️ **IP restriction** — not restricted');
    expect(fieldValue(embeds, 'Checks')).toContain('⚠️ **Clock** — off by -1.5 s');
    expect(embeds[0]!.toJSON().description).toContain('not bound to an IP address');
    expect(embeds[0]!.toJSON().description).toContain('off by -1.5 s');
    expect(embeds[0]!.toJSON().color).toBe(COLOURS.warning);
  });

  it('gives every warning one plain sentence', () => {
    const codes = ['no_ip_restriction', 'cannot_trade', 'withdraw_enabled', 'expires_soon', 'clock_drift', 'permissions_unknown'] as const;
    const outcome = saved({ result: result({ warnings: [...codes], permissions: perms({ expiresAt: NOW + 3 * DAY }) }) });
    const description = renderSaved({ exchangeName: 'Binance', account: 'main', action: 'connect', outcome })[0]!.toJSON().description!;
    expect(description).toContain('read-only: it cannot trade');
    expect(description).toContain(`expires <t:${(NOW + 3 * DAY) / 1000}:R>`);
    expect(description).toContain('could not confirm withdrawals are off');
    expect(description.split('\n\n')).toHaveLength(1 + codes.length);
  });

  it('says a clock that was not measured, not that it is fine', () => {
    const embeds = renderSaved({ exchangeName: 'Kraken', account: 'main', action: 'connect', outcome: saved({ result: result({ clock: undefined }) }) });
    expect(fieldValue(embeds, 'Checks')).toContain('❔ **Clock** — not measured');
  });

  it("explains a rotation date that comes from the exchange's expiry", () => {
    const outcome = saved({ due: { at: NOW + 20 * DAY, reason: 'expiry' } });
    const rotation = fieldValue(renderSaved({ exchangeName: 'Bybit', account: 'main', action: 'connect', outcome }), 'Rotation');
    expect(rotation).toContain(`<t:${(NOW + 20 * DAY) / 1000}:D>`);
    expect(rotation).toContain('because Bybit says the key expires then');
  });

  it('previews the five largest assets and folds the rest into "N other assets"', () => {
    const outcome = saved({ preview: balance({ assets: manyAssets(8), otherAssets: 12, otherUsd: 3.5, totalUsd: 80_000 }) });
    const preview = fieldValue(renderSaved({ exchangeName: 'Binance', account: 'main', action: 'connect', outcome }), 'Balance');
    expect(preview.split('\n').filter((l) => l.startsWith('**COIN'))).toHaveLength(5);
    expect(preview).toContain('15 other assets');
    expect(preview).toContain('Estimated total: **$80,000.00**');
  });

  it('points to /balance when the preview could not be read', () => {
    const outcome = saved({ preview: undefined });
    expect(fieldValue(renderSaved({ exchangeName: 'Binance', account: 'main', action: 'connect', outcome }), 'Balance')).toBe(
      'Balance preview unavailable — try /balance.',
    );
  });

  it('tells the user to delete the old key on the exchange after a rotation', () => {
    const embeds = renderSaved({ exchangeName: 'OKX', account: 'main', action: 'rotate', outcome: saved({ previousHint: 'OLD1' }) });
    expect(fieldValue(embeds, 'Next steps')).toContain('**Delete the old key (…OLD1) on OKX now**');
  });

  it("stays within Discord's limits and mentions nobody whatever the names", () => {
    const outcome = saved({
      record: record({ keyHint: '@@@@' }),
      result: result({ warnings: ['no_ip_restriction', 'cannot_trade', 'withdraw_enabled', 'expires_soon', 'clock_drift', 'permissions_unknown'] }),
      preview: balance({ assets: manyAssets(200).map((a) => ({ ...a, asset: HOSTILE })), otherAssets: 5000 }),
    });
    const embeds = renderSaved({ exchangeName: HOSTILE, account: HOSTILE, action: 'rotate', outcome, previousHint: '@her' });
    expectWithinDiscordLimits(embeds);
    expect(textOf(embeds)).not.toMatch(UNESCAPED_AT);
  });
});

describe('a refused key', () => {
  const verdict = (over: Partial<Verdict> = {}): Verdict => ({
    kind: 'bad_credentials',
    title: 'Binance rejected these credentials.',
    advice: ['Copy the key again.', 'Check it is active.'],
    ...over,
  });

  it('tells the user nothing was saved after a refusal', () => {
    const embeds = renderRefused({ exchangeName: 'Binance', account: 'main', verdict: verdict() });
    expect(embeds[0]!.toJSON().title).toBe('Binance rejected these credentials.');
    expect(embeds[0]!.toJSON().description).toContain('• Copy the key again.\n• Check it is active.');
    expect(embeds[0]!.toJSON().description).toContain('Nothing was saved or changed.');
    expect(embeds[0]!.toJSON().color).toBe(COLOURS.failure);
  });

  it("keeps the exchange's own code to a details line for support, out of the trader's text", () => {
    const embeds = renderRefused({ exchangeName: 'OKX', account: 'main', verdict: verdict({ exchangeCode: '50113' }) });
    const json = embeds[0]!.toJSON();
    expect(json.footer?.text).toBe('Details for support: the exchange answered with code 50113.');
    expect(JSON.stringify([json.title, json.description, json.fields ?? []])).not.toContain('50113');
  });

  it('says how long to wait when rate-limited', () => {
    const embeds = renderRefused({ exchangeName: 'Bybit', account: 'main', verdict: verdict({ kind: 'rate_limited', retryAfterSec: 30 }) });
    expect(textOf(embeds)).toContain('About 30 seconds before trying again.');
  });

  it('shows the clock difference when the timestamp was refused', () => {
    const embeds = renderRefused({ exchangeName: 'Binance', account: 'main', verdict: verdict({ kind: 'clock_skew', driftMs: 2_300 }) });
    expect(textOf(embeds)).toContain('Clock difference\n+2.3 s');
  });

  it('stays within limits with an absurd verdict and escapes what the exchange sent', () => {
    const embeds = renderRefused({
      exchangeName: HOSTILE,
      account: HOSTILE,
      verdict: verdict({ title: HOSTILE, advice: Array(50).fill(HOSTILE), exchangeCode: HOSTILE }),
    });
    expectWithinDiscordLimits(embeds);
    expect(textOf(embeds)).not.toMatch(UNESCAPED_AT);
  });
});

describe('a key whose exchange does not report withdrawals', () => {
  const unreported = perms({ withdraw: 'unknown' });

  it('asks whether withdrawals are off, says nothing is stored yet, and fits Discord', () => {
    const embeds = renderWithdrawQuestion({
      exchangeName: 'MEXC',
      account: 'main',
      keyHint: 'WXYZ',
      result: result({ permissions: unreported }),
      walletBased: false,
      expiresAt: NOW + 15 * 60_000,
    });
    const text = textOf(embeds);
    expect(embeds[0]!.toJSON().title).toBe('MEXC · main: are withdrawals off?');
    expect(text).toContain('MEXC does not report whether this key can withdraw');
    expect(text).toContain('only if you created this key on MEXC with withdrawals turned off');
    expect(text).toContain('Nothing is stored yet');
    expect(text).toContain('…WXYZ');
    expect(embeds[0]!.toJSON().color).toBe(COLOURS.warning);
    expectWithinDiscordLimits(embeds);
  });

  it('asks a wallet-based exchange about an API wallet instead', () => {
    const text = textOf(
      renderWithdrawQuestion({
        exchangeName: 'Hyperliquid',
        account: 'main',
        keyHint: 'WXYZ',
        result: result({ permissions: unreported }),
        walletBased: true,
        expiresAt: NOW,
      }),
    );
    expect(text).toContain('API (agent) wallet that cannot withdraw');
  });

  it('shows the confirmation, with its date, once the owner confirmed', () => {
    const embeds = renderSaved({
      exchangeName: 'MEXC',
      account: 'main',
      action: 'connect',
      outcome: saved({ result: result({ permissions: unreported }), record: record({ permissions: unreported, withdrawConfirmedAt: NOW }) }),
    });
    expect(fieldValue(embeds, 'Checks')).toContain(`☑️ **Withdrawal** — not reported — you confirmed it was off on <t:${NOW / 1000}:D>`);
  });

  it('warns when the key was stored without anyone confirming (UNVERIFIED_WITHDRAW=allow)', () => {
    const embeds = renderSaved({
      exchangeName: 'MEXC',
      account: 'main',
      action: 'connect',
      outcome: saved({ result: result({ permissions: unreported }), record: record({ permissions: unreported }) }),
    });
    expect(embeds[0]!.toJSON().description).toContain('MEXC does not report whether this key can withdraw, and nobody confirmed it cannot');
    expect(embeds[0]!.toJSON().color).toBe(COLOURS.warning);
  });

  it('refuses it in plain words under UNVERIFIED_WITHDRAW=refuse', () => {
    const text = textOf(renderRefused({ exchangeName: 'MEXC', account: 'main', verdict: unreportedWithdrawRefusal('MEXC') }));
    expect(text).toContain('MEXC does not report whether this key can withdraw, so Keyward refused it.');
    expect(text).toContain('Nothing was saved or changed.');
  });
});

describe('a Binance key whose trading permission lapses', () => {
  const lapse = NOW + 5 * DAY;
  const outcome = saved({ result: result({ permissions: perms({ tradingExpiresAt: lapse, ipRestricted: 'no' }), warnings: ['trading_expires'] }) });

  it("shows when trading lapses as its own line, separate from the key's expiry", () => {
    const text = textOf(renderSaved({ exchangeName: 'Binance', account: 'main', action: 'connect', outcome }));
    expect(text).toContain(`**Trading permission** — Binance turns trading off on this key on <t:${lapse / 1000}:D>`);
    expect(text).toContain('unless you bind an IP; the key itself stays valid');
    expect(text).toContain('**Expiry** — none reported');
  });

  it('warns that trading stops while the key still reads', () => {
    const text = textOf(renderSaved({ exchangeName: 'Binance', account: 'main', action: 'connect', outcome }));
    expect(text).toMatch(/turns trading off on this key .* though it can still read/);
  });
});
