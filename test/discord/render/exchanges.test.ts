import { describe, expect, it } from 'vitest';
import { listExchanges } from '../../../src/exchanges/catalog.js';
import { COLOURS } from '../../../src/discord/render/format.js';
import { renderExchangeDetail, renderExchangeList } from '../../../src/discord/render/exchanges.js';
import { entry, HOSTILE } from './fixtures.js';
import { expectWithinDiscordLimits, textOf, UNESCAPED_AT } from './limits.js';

describe('the exchange list', () => {
  it('shows the fields each exchange needs and marks unsupported ones with their reason', () => {
    const unsupported = entry({ id: 'paradex', name: 'Paradex', supported: false, unsupportedReason: "it signs with your main wallet's key." });
    const description = renderExchangeList([entry(), unsupported], undefined, 0).embeds[0]!.toJSON().description!;
    expect(description).toContain('**OKX** (okx) — API key + Secret key + Passphrase');
    expect(description).toContain("🚫 **Paradex** (paradex) — not supported: it signs with your main wallet's key.");
    expect(description).toContain('2 exchanges, 1 of them can be connected.');
  });

  it("pages every exchange of the installed catalog, each page within Discord's limits", () => {
    const all = listExchanges();
    const first = renderExchangeList(all, undefined, 0);
    expect(first.pageCount).toBe(Math.ceil(all.length / 20));
    const lines = new Set<string>();
    for (let p = 0; p < first.pageCount; p++) {
      const { embeds, page } = renderExchangeList(all, undefined, p);
      expect(page).toBe(p);
      expectWithinDiscordLimits(embeds);
      for (const line of embeds[0]!.toJSON().description!.split('\n\n')[1]!.split('\n')) lines.add(line);
    }
    expect(lines.size).toBe(all.length);
  });

  it('titles a search with its query and says when nothing matched', () => {
    const { embeds, pageCount } = renderExchangeList([], 'bnance', 4);
    expect(pageCount).toBe(1);
    expect(embeds[0]!.toJSON().title).toBe('Exchanges matching “bnance”');
    expect(embeds[0]!.toJSON().description).toContain('No exchange matches “bnance”');
  });

  it('stays within limits with 104 absurd entries and mentions nobody', () => {
    const entries = Array.from({ length: 104 }, (_, i) =>
      entry({
        id: `x${i}`,
        name: HOSTILE,
        supported: i % 2 === 0,
        unsupportedReason: HOSTILE,
        fields: Array(4)
          .fill(entry().fields[0]!)
          .map((f) => ({ ...f, label: HOSTILE })),
      }),
    );
    for (const page of [0, 3, 100]) {
      const { embeds } = renderExchangeList(entries, HOSTILE, page);
      expectWithinDiscordLimits(embeds);
      expect(textOf(embeds)).not.toMatch(UNESCAPED_AT);
    }
  });
});

describe('one exchange in detail', () => {
  it('lists each field with its hint and marks the secrets', () => {
    const fields = renderExchangeDetail(entry())[0]!.toJSON().fields!;
    expect(fields.map((f) => f.name)).toEqual([
      'API key',
      'Secret key 🔒',
      'Passphrase 🔒',
      'What Keyward checks',
      'Where to create a key',
      'Good to know',
      'Not the same as',
      'Test network',
    ]);
    expect(fields[2]!.value).toBe('The passphrase you set for this key.');
    expect(fields[4]!.value).toBe('Profile → API → Create API key');
    expect(fields[6]!.value).toContain('• myokx\n• okxus');
  });

  it('says whether the exchange tells what a key may do, or only that it works', () => {
    const checks = (e: ReturnType<typeof entry>) =>
      renderExchangeDetail(e)[0]!
        .toJSON()
        .fields!.find((f) => f.name === 'What Keyward checks')!.value;
    expect(checks(entry())).toContain('A full check');
    expect(checks(entry({ fullCheck: false }))).toContain('documents no call that describes a key');
  });

  it('marks the exchanges with a full check in the list', () => {
    const description = renderExchangeList([entry(), entry({ id: 'bitvavo', name: 'Bitvavo', fullCheck: false })], undefined, 0).embeds[0]!.toJSON()
      .description!;
    expect(description).toContain('**OKX** (okx) — API key + Secret key + Passphrase · full check');
    expect(description).not.toContain('**Bitvavo** (bitvavo) — API key + Secret key + Passphrase · full check');
  });

  it('says a PEM block is welcome where the exchange takes one', () => {
    const pem = entry({ fields: [{ key: 'secret', label: 'Private key', hint: 'The PEM.', sensitive: true, multiline: true, maxLength: 4000 }] });
    expect(textOf(renderExchangeDetail(pem))).toContain('A multi-line PEM block is accepted.');
  });

  it('shows an unsupported exchange in red with its reason', () => {
    const json = renderExchangeDetail(entry({ supported: false, unsupportedReason: 'it signs in with your login.' }))[0]!.toJSON();
    expect(json.title).toBe('OKX — not supported');
    expect(json.description).toBe('Keyward cannot connect OKX: it signs in with your login.');
    expect(json.color).toBe(COLOURS.failure);
  });

  it('stays within limits however long the notes and hints', () => {
    const huge = entry({
      name: HOSTILE,
      notes: Array(60).fill(HOSTILE),
      createKeyPath: HOSTILE,
      siblings: Array(30).fill(HOSTILE),
      unsupportedReason: HOSTILE,
      fields: entry().fields.map((f) => ({ ...f, label: HOSTILE, hint: HOSTILE })),
    });
    for (const supported of [true, false]) {
      const embeds = renderExchangeDetail({ ...huge, supported });
      expectWithinDiscordLimits(embeds);
      expect(textOf(embeds)).not.toMatch(UNESCAPED_AT);
    }
  });

  it('renders every exchange of the installed catalog within limits', () => {
    for (const e of listExchanges()) expectWithinDiscordLimits(renderExchangeDetail(e));
  });
});
