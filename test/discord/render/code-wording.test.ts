import { describe, expect, it } from 'vitest';
import { VERDICT_KINDS, WARNING_CODES, type VerdictKind, type WarningCode } from '../../../src/exchanges/codes.js';
import { STATUS, VERDICT_WORDS, WARNING_WORDS, verdictWords, warningWords } from '../../../src/discord/render/words.js';
import { credentialSchema } from '../../../src/store/records.js';
import { record } from './fixtures.js';

// A code added to a union without wording is a compile error: `npm test` runs tsc over this file.
// @ts-expect-error a warning code that has no words in WARNING_WORDS
const newWarning: Readonly<Record<WarningCode | 'brand_new_warning', string>> = WARNING_WORDS;
// @ts-expect-error a verdict kind that has no words in VERDICT_WORDS
const newVerdict: Readonly<Record<VerdictKind | 'brand_new_verdict', string>> = VERDICT_WORDS;

describe('every stored code reads as words', () => {
  it('names each warning from its table, the unproven key included', () => {
    for (const code of WARNING_CODES) expect(Object.hasOwn(WARNING_WORDS, code), code).toBe(true);
    expect(warningWords('key_unproven')).toBe('wallet proven, key not yet');
  });

  it('names each verdict from its table', () => {
    for (const kind of VERDICT_KINDS) expect(verdictWords(kind), kind).toBe(VERDICT_WORDS[kind]);
  });

  it('has a mark for every status a key can be stored with', () => {
    expect(Object.keys(STATUS).sort()).toEqual(['failing', 'ok', 'warning']);
  });

  it('keeps both type-level cases above in the compiled file', () => {
    expect([newWarning, newVerdict].every((table) => Object.keys(table).length > 0)).toBe(true);
  });
});

describe('the store refuses codes it does not know', () => {
  it('rejects a credential record with an unknown warning, verdict or status', () => {
    const stored = { ...record(), sealed: { nonce: 'AA==', ct: 'AA==' } };
    expect(credentialSchema.safeParse(stored).success).toBe(true);
    expect(credentialSchema.safeParse({ ...stored, warnings: ['brand_new_warning'] }).success).toBe(false);
    expect(credentialSchema.safeParse({ ...stored, verdict: 'brand_new_verdict' }).success).toBe(false);
    expect(credentialSchema.safeParse({ ...stored, status: 'unknown' }).success).toBe(false);
  });
});
