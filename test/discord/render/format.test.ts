import { describe, expect, it } from 'vitest';
import type { Tri } from '../../../src/exchanges/index.js';
import {
  accountLabel,
  assetAmount,
  dateStamp,
  hintText,
  relativeStamp,
  sanitize,
  TRI_MARK,
  triWord,
  truncate,
  usd,
} from '../../../src/discord/render/format.js';
import { clampPage, fitLines, packFields, pageLabel, shrinkFields } from '../../../src/discord/render/paging.js';

describe('numbers and dates', () => {
  it('shows dollars with cents and thousands separators', () => {
    expect(usd(12_345.678)).toBe('$12,345.68');
    expect(usd(0)).toBe('$0.00');
  });

  it('never shows dust as zero dollars', () => {
    expect(usd(0.004)).toBe('< $0.01');
  });

  it('shows asset amounts with at most 8 decimals and no trailing zeros', () => {
    expect(assetAmount(1.5)).toBe('1.5');
    expect(assetAmount(0.123456789123)).toBe('0.12345679');
    expect(assetAmount(1234567)).toBe('1,234,567');
    expect(assetAmount(0.000000001)).toBe('< 0.00000001');
  });

  it("writes Discord timestamps that show in the reader's own time zone", () => {
    expect(dateStamp(1_700_000_000_999)).toBe('<t:1700000000:D>');
    expect(relativeStamp(1_700_000_000_000)).toBe('<t:1700000000:R>');
  });

  it('marks a permission as yes, no or not reported, never a guess', () => {
    expect(['yes', 'no', 'unknown'].map((t) => `${TRI_MARK[t as Tri]} ${triWord(t as Tri)}`)).toEqual(['✅ yes', '❌ no', '❔ not reported']);
  });
});

describe('text from outside', () => {
  it('escapes mentions and markdown so they show as typed', () => {
    expect(sanitize('@everyone **hi** `x` _y_ ~~z~~ ||s|| > q # h [l](u) <@1>')).toBe(
      '\\@everyone \\*\\*hi\\*\\* \\`x\\` \\_y\\_ \\~\\~z\\~\\~ \\|\\|s\\|\\| \\> q \\# h \\[l\\](u) \\<\\@1\\>',
    );
  });

  it('strips control characters, line breaks and invisible direction marks', () => {
    expect(sanitize('a\nb\u0000c\u202ed\u200be')).toBe('abcde');
  });

  it('escapes a backslash, so a name cannot undo an escape', () => {
    expect(sanitize('\\@here')).toBe('\\\\\\@here');
  });

  it('cuts long text with an ellipsis and never splits an emoji', () => {
    expect(truncate('abcdef', 4)).toBe('abc…');
    expect(truncate('ab😀cd', 4)).toBe('ab…');
    expect(truncate('short', 10)).toBe('short');
  });

  it('shows at most the last four characters of a key', () => {
    expect(hintText('WXYZABCD')).toBe('…ABCD');
    expect(hintText('')).toBe('(no key hint)');
    expect(accountLabel('Binance', 'main', 'ABCD')).toBe('Binance · main …ABCD');
  });
});

describe('pages', () => {
  it('starts a new page when the fields would pass the character budget or the count', () => {
    const fields = Array.from({ length: 7 }, (_, i) => ({ name: `n${i}`, value: 'v'.repeat(98) }));
    expect(packFields(fields, 300, 25).map((p) => p.length)).toEqual([3, 3, 1]);
    expect(packFields(fields, 10_000, 2).map((p) => p.length)).toEqual([2, 2, 2, 1]);
    expect(packFields([], 300, 25)).toEqual([[]]);
  });

  it('lands an out-of-range page on the nearest edge', () => {
    expect(clampPage(-3, 4)).toBe(0);
    expect(clampPage(9, 4)).toBe(3);
    expect(clampPage(Number.NaN, 4)).toBe(0);
    expect(clampPage(2, 0)).toBe(0);
    expect(pageLabel(1, 3)).toBe('Page 2/3');
    expect(pageLabel(0, 1)).toBe('');
  });

  it('counts the lines that did not fit instead of cutting one in half', () => {
    const text = fitLines(
      Array.from({ length: 100 }, (_, i) => `line ${i} ${'x'.repeat(40)}`),
      500,
      (n) => `…and ${n} more`,
    );
    expect(text.length).toBeLessThanOrEqual(500);
    const shown = text.split('\n');
    expect(shown.at(-1)).toBe(`…and ${100 - (shown.length - 1)} more`);
  });

  it('shortens the longest field values until the fields fit together', () => {
    const fitted = shrinkFields(
      [
        { name: 'a', value: 'x'.repeat(1000) },
        { name: 'b', value: 'short' },
      ],
      300,
    );
    expect(fitted.reduce((n, f) => n + f.name.length + f.value.length, 0)).toBeLessThanOrEqual(300);
    expect(fitted[1]!.value).toBe('short');
  });
});
