import { describe, expect, it } from 'vitest';
import { findNamedKey } from '../../src/keys/key-lookup.js';
import { keyView, listKeys, removeKey, savedView, testKey, type KeyCheck, type KeyRecords, type KeyView, type SavedView } from '../../src/keys/views.js';
import type { CredentialRecord } from '../../src/store/index.js';
import { DAY, NOW, perms, record, result } from '../discord/render/fixtures.js';

/** Made-up sealed values, recognisable if any of them leaked into a view. */
const SEALED = { nonce: 'TEFLLU5PTkNF', ct: 'TEFLLUNJUEhFUlRFWFQ=', n: 7 };
const SEALED_API_KEY = { nonce: 'QVBJLU5PTkNF', ct: 'QVBJLUNJUEhFUlRFWFQ=', n: 7 };
const PUBLIC_KEY = '-----BEGIN PUBLIC KEY-----\nTUNvd0JRWURLMlZ3QXlFQQ==\n-----END PUBLIC KEY-----\n';

/** A stored record carrying everything a view must leave behind. */
const stored = (over: Partial<CredentialRecord> = {}): CredentialRecord =>
  record({
    sealed: SEALED,
    sealedApiKey: SEALED_API_KEY,
    selfGenerated: { keyType: 'ed25519', publicKey: PUBLIC_KEY },
    guildId: '223456789012345678',
    hints: { unified: true },
    reminders: { lastStage: 'd14', snoozedUntil: NOW + DAY },
    ...over,
  });

/** Field names that would mean a view carries something sealed or private to the store. */
const FORBIDDEN = ['sealed', 'sealedApiKey', 'ct', 'nonce', 'ciphertext', 'publicKey', 'userId', 'hints', 'reminders', 'guildId'] as const;
type Forbidden = (typeof FORBIDDEN)[number];

/** Every field name anywhere inside a value. */
function fieldNames(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(fieldNames);
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([name, inner]) => [name, ...fieldNames(inner)]);
}

function expectNothingSealed(value: unknown): void {
  const names = fieldNames(value);
  for (const name of FORBIDDEN) expect(names).not.toContain(name);
  const text = JSON.stringify(value);
  for (const secret of [SEALED.ct, SEALED.nonce, SEALED_API_KEY.ct, SEALED_API_KEY.nonce, PUBLIC_KEY])
    expect(text).not.toContain(JSON.stringify(secret).slice(1, -1));
}

// Compile-time half of the check: a forbidden field added to a view type stops `tsc` (and so `npm test`).
type NoneOf<T, K> = [Extract<keyof T, K>] extends [never] ? true : false;
const viewHasNoSealedField: NoneOf<KeyView, Forbidden> = true;
const savedHasNoRecord: NoneOf<SavedView, Forbidden | 'record'> = true;
const checkHasNoRecord: NoneOf<KeyCheck, Forbidden | 'record'> = true;

describe('what a reply is given about a stored key', () => {
  it('never carries the ciphertext, its nonce or anything else sealed, by type or at run time', () => {
    expect([viewHasNoSealedField, savedHasNoRecord, checkHasNoRecord]).toEqual([true, true, true]);
    const view = keyView(stored(), { at: NOW + 60 * DAY, reason: 'age' });
    // @ts-expect-error a view has no sealed part to read
    expect(view.sealed).toBeUndefined();
    expectNothingSealed(view);
  });

  it('keeps what the reply shows: place, last 4 of the key, status, permissions, dates and the key type', () => {
    const view = keyView(stored({ status: 'failing', verdict: 'ip_not_allowed', warnings: ['no_ip_restriction'], withdrawConfirmedAt: NOW - DAY }), {
      at: NOW,
      reason: 'expiry',
    });
    expect(view).toEqual({
      exchange: 'binance',
      account: 'main',
      keyHint: 'ABCD',
      status: 'failing',
      verdict: 'ip_not_allowed',
      warnings: ['no_ip_restriction'],
      permissions: perms(),
      createdAt: NOW - 30 * DAY,
      rotatedAt: NOW - 30 * DAY,
      lastCheckedAt: NOW - DAY,
      withdrawConfirmedAt: NOW - DAY,
      selfGenerated: { keyType: 'ed25519' },
      due: { at: NOW, reason: 'expiry' },
    });
  });

  it("gives a stored key's result card the view, not the record", () => {
    const card = savedView({ ok: true, result: result(), record: stored(), due: { at: NOW + 90 * DAY, reason: 'age' }, previousHint: 'OLD1' });
    expect(card.key.due).toEqual({ at: NOW + 90 * DAY, reason: 'age' });
    expect(card.previousHint).toBe('OLD1');
    expectNothingSealed(card);
  });
});

/** The key service's record-returning calls, answered from one stored record. */
function service(records: CredentialRecord[]): KeyRecords {
  return {
    list: async () => records.map((record) => ({ record, due: { at: NOW + DAY, reason: 'age' as const } })),
    test: async () => ({ before: records[0]!, after: { ...records[0]!, lastCheckedAt: NOW }, result: result() }),
    remove: async () => records[0]!,
  };
}

describe('the key services hand out views', () => {
  it('lists, re-checks and removes keys without handing out a record', async () => {
    const keys = service([stored(), stored({ exchange: 'okx', account: 'bot' })]);
    const listed = await listKeys(keys, '1');
    expect(listed.map((k) => `${k.exchange}/${k.account}`)).toEqual(['binance/main', 'okx/bot']);
    const checked = await testKey(keys, '1', 'binance', 'main');
    expect(checked.after.lastCheckedAt).toBe(NOW);
    const removed = await removeKey(keys, '1', 'binance', 'main');
    expect(removed.keyHint).toBe('ABCD');
    expectNothingSealed([listed, checked, removed]);
  });
});

describe('/keys remove finds the key the user named', () => {
  const keys = service([stored(), stored({ exchange: 'okx', account: 'bot', keyHint: 'WXYZ' })]);

  it('finds it by "exchange/account", whatever the case and spacing', async () => {
    const key = await findNamedKey(keys, '1', ' OKX/Bot ');
    expect([key.exchange, key.account, key.keyHint]).toEqual(['okx', 'bot', 'WXYZ']);
    expectNothingSealed(key);
  });

  it('says the user has no such key when it names none of theirs', async () => {
    await expect(findNamedKey(keys, '1', 'okx/main')).rejects.toMatchObject({ code: 'ACCOUNT_NOT_FOUND' });
  });

  it('refuses a value that cannot name a key before asking for the list', async () => {
    let asked = false;
    const watching = {
      list: async () => {
        asked = true;
        return [];
      },
    };
    for (const typed of ['binance', 'binance/main/x', '../x/main', '']) {
      await expect(findNamedKey(watching, '1', typed)).rejects.toMatchObject({ code: 'KEY_CHOICE_UNKNOWN' });
    }
    expect(asked).toBe(false);
  });
});
