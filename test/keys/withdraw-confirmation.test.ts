import { afterEach, beforeEach, expect, it } from 'vitest';
import { ManualClock, MINUTE } from '../../src/clock.js';
import { isAppError } from '../../src/errors.js';
import type { CatalogEntry, KeyPermissions, ValidationResult } from '../../src/exchanges/index.js';
import { unknownPermissions } from '../../src/exchanges/types.js';
import { KeyService } from '../../src/keys/key-service.js';
import type { ExchangePort } from '../../src/keys/ports.js';
import { ValidationQuota } from '../../src/keys/validation-quota.js';
import type { UnverifiedWithdrawPolicy } from '../../src/keys/withdraw-confirmation.js';
import { describeEachBackend } from '../helpers/backends.js';
import { captureLogs } from '../helpers/logs.js';
import { closeBackendVault, openBackendVault, type TestVault } from '../helpers/stores.js';
import { useTempDirs } from '../helpers/temp.js';

const tempDir = useTempDirs();
const OWNER = '700000000000000001';
const STRANGER = '700000000000000002';
const SECRET = 'CANARYSECRET0123456789abcdef0123456789';
const typed = { apiKey: 'mx0vKEYKEYKEYWXYZ', secret: SECRET };

/** What mexc's check answers today: it reads and trades, and nobody says whether it can withdraw. */
const unreported = (): KeyPermissions => ({ ...unknownPermissions(), read: 'yes', spotTrade: 'yes' });

/** An exchange whose answer the test sets; the key service cannot tell it from the gateway. */
function fakeExchange(clock: ManualClock): ExchangePort & { answer: ValidationResult } {
  const port = {
    answer: { ok: true, permissions: unreported(), warnings: [], checkedAt: clock.now() } as ValidationResult,
    entry: (id: string) => ({ id, name: 'MEXC', fields: [{ key: 'apiKey' }, { key: 'secret' }] }) as CatalogEntry,
    normalize: (_id: string, raw: Record<string, string | undefined>) => raw as Record<string, string>,
    validate: async () => ({ ...port.answer, checkedAt: clock.now() }),
    balance: async () => ({ ok: true as const, balance: { assets: [], totalUsd: 0, otherAssets: 0 } as never, fetchedAt: clock.now() }),
  };
  return port;
}

describeEachBackend('keys waiting for their owner to confirm withdrawals are off', (backend) => {
  let clock: ManualClock;
  let t: TestVault;
  let exchange: ReturnType<typeof fakeExchange>;
  const service = (policy: UnverifiedWithdrawPolicy = 'confirm') =>
    new KeyService({
      store: t.store,
      vault: t.vault,
      exchanges: exchange,
      clock,
      log: captureLogs().log,
      quota: new ValidationQuota(t.store.coordination, clock, 100, 10 * MINUTE),
      policy: { maxAccountsPerUser: 20, defaultRotationDays: 90, unverifiedWithdraw: policy },
    });
  const ask = async (keys: KeyService) => {
    const outcome = await keys.connect(OWNER, 'mexc', 'main', typed, false);
    if (outcome.ok || outcome.unreported !== 'ask') throw new Error(`expected the withdrawal question, got ${JSON.stringify(outcome)}`);
    return outcome.pendingId;
  };

  beforeEach(async () => {
    clock = new ManualClock(Date.UTC(2026, 10, 30, 12));
    t = await openBackendVault(backend, await tempDir(), clock);
    exchange = fakeExchange(clock);
  });
  afterEach(() => closeBackendVault(backend, t));

  it('holds the waiting key sealed: the store never sees the secret in plaintext', async () => {
    const pendingId = await ask(service());
    const raw = await t.store.coordination.peekOnce(`pending-key:${OWNER}:${pendingId}`);
    expect(raw).toBeDefined();
    expect(raw).not.toContain(SECRET);
    expect(raw).not.toContain(SECRET.slice(12, 24));
    expect(await t.store.listCredentials(OWNER)).toEqual([]);
  });

  it('lets nobody but the owner answer, and the owner only once', async () => {
    const pendingId = await ask(service());
    const stranger = await service()
      .confirmWithdrawOff(STRANGER, pendingId)
      .catch((e: unknown) => e);
    expect(isAppError(stranger, 'CONFIRMATION_EXPIRED')).toBe(true);
    const saved = await service().confirmWithdrawOff(OWNER, pendingId);
    expect(saved.record).toMatchObject({ withdrawConfirmedAt: clock.now(), status: 'ok' });
    const again = await service()
      .confirmWithdrawOff(OWNER, pendingId)
      .catch((e: unknown) => e);
    expect(isAppError(again, 'CONFIRMATION_EXPIRED')).toBe(true);
    expect(await t.vault.open({ userId: OWNER, exchange: 'mexc', account: 'main' }, saved.record.sealed)).toEqual(typed);
  });

  it("a declined key's sealed copy, put in place of the stored key by someone who can write to the store, does not open", async () => {
    const keys = service();
    await keys.confirmWithdrawOff(OWNER, await ask(keys));
    const declinedTyped = { apiKey: 'mx0vDECLINEDKEY0000', secret: 'DECLINEDSECRET0123456789abcdef' };
    const outcome = await keys.rotate(OWNER, 'mexc', 'main', declinedTyped);
    if (outcome.ok || outcome.unreported !== 'ask') throw new Error('expected the withdrawal question');
    const waiting = JSON.parse((await t.store.coordination.peekOnce(`pending-key:${OWNER}:${outcome.pendingId}`))!) as {
      sealed: { nonce: string; ct: string; n: number };
    };
    await keys.declineWithdrawConfirmation(OWNER, outcome.pendingId);
    const stored = (await t.store.getCredential(OWNER, 'mexc', 'main'))!;
    await t.store.putCredential({ ...stored, sealed: waiting.sealed });
    const opened = await t.vault.open({ userId: OWNER, exchange: 'mexc', account: 'main' }, waiting.sealed).catch((e: unknown) => e);
    expect(isAppError(opened, 'DECRYPT_FAILED')).toBe(true);
  });

  it('tells the owner their key changed meanwhile, and keeps the newer key, when a rotation landed while the question waited', async () => {
    const keys = service();
    await keys.confirmWithdrawOff(OWNER, await ask(keys));
    const waiting = await keys.rotate(OWNER, 'mexc', 'main', { apiKey: 'mx0vWAITINGKEY00001', secret: 'WAITINGSECRET0123456789abcdef' });
    if (waiting.ok || waiting.unreported !== 'ask') throw new Error('expected the withdrawal question');
    const newer = { apiKey: 'mx0vNEWERKEY000002', secret: 'NEWERSECRET0123456789abcdefgh' };
    exchange.answer = { ok: true, permissions: { ...unreported(), withdraw: 'no' }, warnings: [], checkedAt: clock.now() };
    expect((await keys.rotate(OWNER, 'mexc', 'main', newer)).ok).toBe(true);
    const late = await keys.confirmWithdrawOff(OWNER, waiting.pendingId).catch((e: unknown) => e);
    expect(isAppError(late, 'KEY_CHANGED_MEANWHILE')).toBe(true);
    const stored = (await t.store.getCredential(OWNER, 'mexc', 'main'))!;
    expect(await t.vault.open({ userId: OWNER, exchange: 'mexc', account: 'main' }, stored.sealed)).toEqual(newer);
    // the audit log records only the confirmation that stored a key
    expect((await t.store.recentAudit(OWNER, 20)).filter((e) => e.action === 'withdraw_off_confirmed')).toHaveLength(1);
  });

  it('answers only one of a confirm and a cancel pressed at the same moment, and two confirms store the key once', async () => {
    const keys = service();
    const first = await ask(keys);
    const answers = await Promise.allSettled([keys.confirmWithdrawOff(OWNER, first), keys.declineWithdrawConfirmation(OWNER, first)]);
    expect(answers.filter((a) => a.status === 'fulfilled')).toHaveLength(1);
    expect(answers.filter((a) => a.status === 'rejected' && isAppError(a.reason, 'CONFIRMATION_EXPIRED'))).toHaveLength(1);
    await keys.remove(OWNER, 'mexc', 'main').catch(() => undefined);
    const second = await ask(keys);
    const twice = await Promise.allSettled([keys.confirmWithdrawOff(OWNER, second), keys.confirmWithdrawOff(OWNER, second)]);
    expect(twice.filter((a) => a.status === 'fulfilled')).toHaveLength(1);
    expect(await t.store.listCredentials(OWNER)).toHaveLength(1);
  });

  it('stores nothing when the operator switched to UNVERIFIED_WITHDRAW=refuse while the question waited', async () => {
    const pendingId = await ask(service('confirm'));
    const late = await service('refuse')
      .confirmWithdrawOff(OWNER, pendingId)
      .catch((e: unknown) => e);
    expect(isAppError(late, 'WITHDRAW_UNREPORTED_REFUSED')).toBe(true);
    expect(await t.store.listCredentials(OWNER)).toEqual([]);
  });

  it('records a confirmation in the audit log only when it stored a key', async () => {
    const keys = service();
    const [first, second] = [await ask(keys), await ask(keys)]; // two forms for the same account
    await keys.confirmWithdrawOff(OWNER, first);
    const refused = await keys.confirmWithdrawOff(OWNER, second).catch((e: unknown) => e);
    expect(isAppError(refused, 'ACCOUNT_EXISTS')).toBe(true);
    expect((await t.store.recentAudit(OWNER, 20)).filter((e) => e.action === 'withdraw_off_confirmed')).toHaveLength(1);
  });

  it('forgets the waiting key after 15 minutes', async () => {
    const pendingId = await ask(service());
    clock.advance(15 * MINUTE + 1);
    const late = await service()
      .confirmWithdrawOff(OWNER, pendingId)
      .catch((e: unknown) => e);
    expect(isAppError(late, 'CONFIRMATION_EXPIRED')).toBe(true);
    expect(await t.store.listCredentials(OWNER)).toEqual([]);
  });

  it('refuses a confirmed key as before once its exchange reports withdrawals enabled, and keeps the marker', async () => {
    const keys = service();
    await keys.confirmWithdrawOff(OWNER, await ask(keys));
    const confirmedAt = clock.now();
    clock.advance(MINUTE);
    exchange.answer = {
      ok: false,
      permissions: { ...unreported(), withdraw: 'yes' },
      warnings: [],
      checkedAt: 0,
      verdict: { kind: 'withdraw_enabled', title: 'This key can withdraw funds, so Keyward refused it.', advice: [] },
    };
    const { after } = await keys.recheck(OWNER, 'mexc', 'main');
    expect(after).toMatchObject({ status: 'failing', verdict: 'withdraw_enabled', withdrawConfirmedAt: confirmedAt });
  });

  it("marks a stored key without the owner's word as needing attention (allow), and stores nothing under refuse", async () => {
    const allowed = await service('allow').connect(OWNER, 'mexc', 'main', typed, false);
    expect(allowed.ok && allowed.record.status).toBe('warning');
    const refused = await service('refuse').connect(OWNER, 'mexc', 'second', typed, false);
    expect(!refused.ok && refused.unreported).toBe('refused');
    expect((await t.store.listCredentials(OWNER)).map((c) => c.account)).toEqual(['main']);
  });
});
