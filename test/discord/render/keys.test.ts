import { describe, expect, it } from 'vitest';
import type { KeyView } from '../../../src/keys/key-service.js';
import type { AuditEvent } from '../../../src/store/index.js';
import { COLOURS } from '../../../src/discord/render/format.js';
import { renderAudit, renderForgotten, renderKeyList, renderKeyTested, renderRemoved } from '../../../src/discord/render/keys.js';
import { DAY, HOSTILE, NOW, perms, record, result } from './fixtures.js';
import { expectWithinDiscordLimits, textOf, UNESCAPED_AT } from './limits.js';

const names = (id: string): string => ({ binance: 'Binance', okx: 'OKX' })[id] ?? id;

describe('the key list', () => {
  it('marks a key whose withdrawals only its owner vouches for, with the date they confirmed', () => {
    const unreported = perms({ withdraw: 'unknown' });
    const keys: KeyView[] = [
      { record: record({ permissions: unreported, withdrawConfirmedAt: NOW - 2 * DAY }) },
      { record: record({ account: 'other', permissions: unreported, status: 'warning' }) },
    ];
    const fields = renderKeyList(keys, NOW, 0, names).embeds[0]!.toJSON().fields ?? [];
    expect(fields[0]?.value).toContain(`withdrawal: not reported — you confirmed it was off on <t:${(NOW - 2 * DAY) / 1000}:D>`);
    expect(fields[1]?.value).toContain('⚠️ withdrawal not reported');
  });

  it('shows each key with its status, last check and a summary of what it may do', () => {
    const keys: KeyView[] = [{ record: record(), due: { at: NOW + 60 * DAY, reason: 'age' } }];
    const json = renderKeyList(keys, NOW, 0, names).embeds[0]!.toJSON();
    expect(json.fields?.[0]?.name).toBe('✅ Binance · main …ABCD');
    expect(json.fields?.[0]?.value).toContain(`Working · checked <t:${(NOW - DAY) / 1000}:R>`);
    expect(json.fields?.[0]?.value).toContain('read · spot trade · no withdraw · IP-bound');
    expect(json.fields?.[0]?.value).toContain(`Rotate by <t:${(NOW + 60 * DAY) / 1000}:D>`);
  });

  it('marks a key past its rotation date as overdue', () => {
    const keys: KeyView[] = [{ record: record(), due: { at: NOW - 2 * DAY, reason: 'age' } }];
    const json = renderKeyList(keys, NOW, 0, names).embeds[0]!.toJSON();
    expect(json.fields?.[0]?.value).toContain('⏰ **Rotation overdue**');
    expect(json.description).toContain('1 key overdue for rotation.');
  });

  it('says why a failing key fails and when the exchange says a key expires', () => {
    const keys: KeyView[] = [
      { record: record({ status: 'failing', verdict: 'ip_not_allowed' }) },
      { record: record({ exchange: 'okx', account: 'bot', permissions: perms({ expiresAt: NOW + 5 * DAY }) }), due: { at: NOW + 5 * DAY, reason: 'expiry' } },
    ];
    const json = renderKeyList(keys, NOW, 0, names).embeds[0]!.toJSON();
    expect(json.fields?.[0]?.name).toBe('❌ Binance · main …ABCD');
    expect(json.fields?.[0]?.value).toContain("Failing — this server's IP is not whitelisted");
    expect(json.fields?.[1]?.value).toContain(`Expires <t:${(NOW + 5 * DAY) / 1000}:D>`);
    expect(json.fields?.[1]?.value).toContain("(the exchange's expiry)");
    expect(json.color).toBe(COLOURS.failure);
  });

  it('spells out a key that can withdraw', () => {
    const json = renderKeyList([{ record: record({ permissions: perms({ withdraw: 'yes', ipRestricted: 'no' }) }) }], NOW, 0, names).embeds[0]!.toJSON();
    expect(json.fields?.[0]?.value).toContain('🚨 CAN WITHDRAW · not IP-bound');
  });

  it('shows the exchange id when the name lookup does not know it', () => {
    const json = renderKeyList([{ record: record({ exchange: 'gone' }) }], NOW, 0, () => {
      throw new Error('unknown');
    }).embeds[0]!.toJSON();
    expect(json.fields?.[0]?.name).toBe('✅ gone · main …ABCD');
  });

  it('invites a user with no keys to /connect', () => {
    expect(renderKeyList([], NOW, 0, names).embeds[0]!.toJSON().description).toContain('Start with /connect');
  });

  it("pages 100 keys with long names, every page within Discord's limits", () => {
    const keys: KeyView[] = Array.from({ length: 100 }, (_, i) => ({
      record: record({
        account: `${HOSTILE}${i}`,
        keyHint: '@@@@',
        status: 'failing',
        verdict: 'ip_not_allowed',
        permissions: perms({ expiresAt: NOW + DAY }),
      }),
      due: { at: NOW - DAY, reason: 'expiry' },
    }));
    const first = renderKeyList(keys, NOW, 0, () => HOSTILE);
    expect(first.pageCount).toBeGreaterThanOrEqual(10);
    let shown = 0;
    for (let p = 0; p < first.pageCount; p++) {
      const { embeds } = renderKeyList(keys, NOW, p, () => HOSTILE);
      expectWithinDiscordLimits(embeds);
      expect(textOf(embeds)).not.toMatch(UNESCAPED_AT);
      shown += embeds[0]!.toJSON().fields?.length ?? 0;
    }
    expect(shown).toBe(100);
    expect(renderKeyList(keys, NOW, 1e6, names).page).toBe(first.pageCount - 1);
  });
});

describe('a re-check', () => {
  it('reports what changed since the last check', () => {
    const before = record({ status: 'ok', permissions: perms({ withdraw: 'no', ipRestricted: 'yes' }) });
    const after = record({
      status: 'warning',
      warnings: ['withdraw_enabled', 'no_ip_restriction'],
      permissions: perms({ withdraw: 'yes', ipRestricted: 'no', ipCount: undefined }),
    });
    const embeds = renderKeyTested({
      exchangeName: 'Binance',
      account: 'main',
      before,
      after,
      result: result({ permissions: after.permissions, warnings: ['withdraw_enabled', 'no_ip_restriction'] }),
    });
    const changed = embeds[0]!.toJSON().fields?.find((f) => f.name === 'What changed')?.value ?? '';
    expect(changed).toContain('Status: Working → Working, needs attention');
    expect(changed).toContain('🚨 Withdraw: no → yes');
    expect(changed).toContain('IP restriction: yes → no');
    expect(changed).toContain('New warning: can withdraw');
    expect(embeds[0]!.toJSON().description).toContain('This key can withdraw funds');
  });

  it('says nothing changed when nothing did', () => {
    const embeds = renderKeyTested({ exchangeName: 'Binance', account: 'main', before: record(), after: record({ lastCheckedAt: NOW }), result: result() });
    expect(textOf(embeds)).toContain('nothing changed.');
    expect(embeds[0]!.toJSON().title).toBe('✅ Binance · main …ABCD — Working');
  });

  it('explains a failed check and that the stored key was kept', () => {
    const verdict = { kind: 'bad_credentials' as const, title: 'Binance rejected these credentials.', advice: ['Check the key is active.'] };
    const embeds = renderKeyTested({
      exchangeName: 'Binance',
      account: 'main',
      before: record(),
      after: record({ status: 'failing', verdict: 'bad_credentials' }),
      result: result({ ok: false, verdict, warnings: [] }),
    });
    const json = embeds[0]!.toJSON();
    expect(json.color).toBe(COLOURS.failure);
    expect(json.description).toContain('**Binance rejected these credentials.**');
    expect(json.description).toContain('• Check the key is active.');
    expect(json.fields?.find((f) => f.name === 'What changed')?.value).toContain('Status: Working → Failing');
    expect(json.fields?.some((f) => f.name === 'Checks')).toBe(false);
  });
});

describe('removing and forgetting', () => {
  it('reminds the user to delete a removed key on the exchange, on its API page', () => {
    const embeds = renderRemoved({
      exchangeName: 'Binance',
      account: 'main',
      keyHint: 'ABCD',
      createKeyPath: 'Profile → Account → API Management → Create API',
    });
    const text = textOf(embeds);
    expect(text).toContain('**The key still works on Binance**');
    expect(text).toContain('open Profile → Account → API Management, find the key ending in …ABCD');
  });

  it("still says where to go when the exchange's menu path is unknown", () => {
    expect(textOf(renderRemoved({ exchangeName: 'Gemini', account: 'main', keyHint: 'ABCD' }))).toContain('open the API management page');
  });

  it('counts the keys a user forgot and says they still work on the exchanges', () => {
    const text = textOf(renderForgotten(3));
    expect(text).toContain('3 stored keys');
    expect(text).toContain('still work on the exchanges');
    expect(textOf(renderForgotten(0))).toContain('you had no keys stored');
  });
});

describe('the audit log', () => {
  const event = (over: Partial<AuditEvent>): AuditEvent => ({
    v: 1,
    at: NOW,
    action: 'connect',
    exchange: 'binance',
    account: 'main',
    keyHint: 'ABCD',
    outcome: 'ok',
    ...over,
  });

  it('lists events newest first with relative times', () => {
    const description = renderAudit(
      [event({ at: NOW - 2 * DAY }), event({ at: NOW, action: 'validation_failed', exchange: 'okx', outcome: 'bad_passphrase' })],
      names,
    )[0]!.toJSON().description!;
    expect(description.split('\n')).toEqual([
      `❌ <t:${NOW / 1000}:R> · Refused a key · OKX · main …ABCD · wrong passphrase`,
      `✅ <t:${(NOW - 2 * DAY) / 1000}:R> · Connected · Binance · main …ABCD`,
    ]);
  });

  it('shows an event without an account as just what happened', () => {
    const description = renderAudit([{ v: 1, at: NOW, action: 'forget' }], names)[0]!.toJSON().description!;
    expect(description).toBe(`• <t:${NOW / 1000}:R> · Forgot everything`);
  });

  it('counts the older events that do not fit', () => {
    const events = Array.from({ length: 500 }, (_, i) => event({ at: NOW - i * 1000, account: 'a'.repeat(32) }));
    const embeds = renderAudit(events, () => HOSTILE);
    expectWithinDiscordLimits(embeds);
    expect(embeds[0]!.toJSON().description).toMatch(/…and \d+ older events$/);
    expect(textOf(embeds)).not.toMatch(UNESCAPED_AT);
  });

  it('says so when nothing happened yet', () => {
    expect(renderAudit([], names)[0]!.toJSON().description).toBe('Nothing recorded yet.');
  });
});
