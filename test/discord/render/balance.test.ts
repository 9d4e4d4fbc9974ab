import { describe, expect, it } from 'vitest';
import type { AccountSection, PortfolioView } from '../../../src/keys/balance-service.js';
import { renderPortfolio } from '../../../src/discord/render/balance.js';
import { balance, HOSTILE, manyAssets, NOW } from './fixtures.js';
import { expectWithinDiscordLimits, textOf, UNESCAPED_AT } from './limits.js';

function ok(account: string, over: Partial<AccountSection> = {}): AccountSection {
  return { exchange: 'binance', exchangeName: 'Binance', account, keyHint: 'ABCD', outcome: { ok: true, balance: balance(), fetchedAt: NOW }, ...over };
}

function failed(account: string): AccountSection {
  return {
    exchange: 'okx',
    exchangeName: 'OKX',
    account,
    keyHint: 'WXYZ',
    outcome: {
      ok: false,
      verdict: {
        kind: 'ip_not_allowed',
        title: 'The key is bound to IP addresses, and this server is not one of them.',
        advice: ["Add the server's IP to the whitelist.", 'Wait a few minutes.'],
      },
    },
  };
}

const view = (sections: AccountSection[], totalUsd?: number): PortfolioView => ({ sections, totalUsd, fetchedAt: NOW });

describe('the portfolio', () => {
  it('shows each account with its assets, its estimate and the grand total', () => {
    const { embeds, page, pageCount } = renderPortfolio(view([ok('main'), ok('scalp')], 80_469), 0);
    const json = embeds[0]!.toJSON();
    expect([page, pageCount]).toEqual([0, 1]);
    expect(json.description).toContain('Estimated total: **$80,469.00** across 2 accounts.');
    expect(json.description).toContain(`Fetched <t:${NOW / 1000}:R>.`);
    expect(json.fields?.map((f) => f.name)).toEqual(['Binance · main …ABCD', 'Binance · scalp …ABCD']);
    expect(json.fields?.[0]?.value).toContain('**BTC** 0.5 · $30,000.00');
    expect(json.fields?.[0]?.value).toContain('Estimated total: **$40,234.50**');
  });

  it('shows one total for one account, in its own section, not a second time above it', () => {
    const json = renderPortfolio(view([ok('main')], 40_234.5), 0).embeds[0]!.toJSON();
    expect(JSON.stringify(json).match(/Estimated total/g)).toHaveLength(1);
    expect(json.fields?.[0]?.value).toContain('Estimated total: **$40,234.50**');
    expect(json.description).toBe(`Fetched <t:${NOW / 1000}:R>.`);
  });

  it('folds dust into N other assets', () => {
    const section = ok('main', { outcome: { ok: true, balance: balance({ otherAssets: 42, otherUsd: 0.004 }), fetchedAt: NOW } });
    const value = renderPortfolio(view([section], 1), 0).embeds[0]!.toJSON().fields?.[0]?.value;
    expect(value).toContain('42 other assets · < $0.01');
  });

  it('lists a failed account with the verdict and the first thing to try', () => {
    const json = renderPortfolio(view([ok('main'), failed('bot')], 40_234.5), 0).embeds[0]!.toJSON();
    const field = json.fields?.find((f) => f.name.startsWith('❌'));
    expect(field?.name).toBe('❌ OKX · bot …WXYZ');
    expect(field?.value).toBe("The key is bound to IP addresses, and this server is not one of them.\nAdd the server's IP to the whitelist.");
    expect(json.description).toContain('1 account could not be read');
  });

  it('says when nothing could be priced instead of showing $0', () => {
    const section = ok('main', {
      outcome: { ok: true, balance: balance({ assets: [{ asset: 'XYZ', free: 5, used: 0, total: 5 }], totalUsd: undefined, unpriced: 1 }), fetchedAt: NOW },
    });
    const text = textOf(renderPortfolio(view([section]), 0).embeds);
    expect(text).toContain('No USD estimate');
    expect(text).not.toContain('$0.00');
  });

  it("pages 60 accounts of 200 assets each, every page within Discord's limits", () => {
    const sections = Array.from({ length: 60 }, (_, i) =>
      i % 7 === 0
        ? failed(`bot${i}`)
        : ok(`acct${i}`, { outcome: { ok: true, balance: balance({ assets: manyAssets(200), otherAssets: 300 }), fetchedAt: NOW } }),
    );
    const first = renderPortfolio(view(sections, 1e9), 0);
    expect(first.pageCount).toBeGreaterThan(1);
    const seen = new Set<string>();
    for (let p = 0; p < first.pageCount; p++) {
      const rendered = renderPortfolio(view(sections, 1e9), p);
      expect(rendered.page).toBe(p);
      expectWithinDiscordLimits(rendered.embeds);
      expect(rendered.embeds[0]!.toJSON().footer?.text).toContain(`Page ${p + 1}/${first.pageCount}`);
      for (const f of rendered.embeds[0]!.toJSON().fields ?? []) seen.add(f.name);
    }
    expect(seen.size).toBe(60);
  });

  it('clamps a page past the end to the last one', () => {
    const sections = Array.from({ length: 30 }, (_, i) => ok(`a${i}`));
    const last = renderPortfolio(view(sections, 1), 999);
    expect(last.page).toBe(last.pageCount - 1);
    expect(renderPortfolio(view(sections, 1), -5).page).toBe(0);
  });

  it('stays within limits and mentions nobody with hostile names', () => {
    const sections = Array.from({ length: 60 }, (_, i) =>
      ok(HOSTILE + String(i), {
        exchangeName: HOSTILE,
        keyHint: '@@@@',
        outcome: { ok: true, balance: balance({ assets: manyAssets(200).map((a) => ({ ...a, asset: HOSTILE })) }), fetchedAt: NOW },
      }),
    );
    const { embeds, pageCount } = renderPortfolio(view(sections, 5), 3);
    expect(pageCount).toBeGreaterThan(3);
    expectWithinDiscordLimits(embeds);
    expect(textOf(embeds)).not.toMatch(UNESCAPED_AT);
  });

  it('renders an empty view as one page that says so', () => {
    const { embeds, pageCount } = renderPortfolio(view([]), 0);
    expect(pageCount).toBe(1);
    expect(embeds[0]!.toJSON().description).toBe('No accounts to show.');
  });
});
