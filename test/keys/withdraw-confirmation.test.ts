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
import { openTestVault, type TestVault } from '../helpers/stores.js';
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
  const service = (policy: UnverifiedWithdrawPolicy = 'confirm') => new KeyService({
    store: t.store, vault: t.vault, exchanges: exchange, clock, log: captureLogs().log,
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
    const dir = await tempDir();
    t = await openTestVault(dir, clock, undefined, backend.freshUrl(dir));
    exchange = fakeExchange(clock);
  });
  afterEach(async () => {
    await t.store.close();
    await backend.cleanup(t.url);
  });

  it('holds the waiting key sealed: the store never sees the secret in plaintext', async () => {
    const pendingId = await ask(service());
    const raw = await t.store.coordination.peekOnce(`pending-key:${pendingId}`);
    expect(raw).toBeDefined();
    expect(raw).not.toContain(SECRET);
    expect(raw).not.toContain(SECRET.slice(12, 24));
    expect(await t.store.listCredentials(OWNER)).toEqual([]);
  });

  it('lets nobody but the owner answer, and the owner only once', async () => {
    const pendingId = await ask(service());
    const stranger = await service().confirmWithdrawOff(STRANGER, pendingId).catch((e: unknown) => e);
    expect(isAppError(stranger, 'CONFIRMATION_EXPIRED')).toBe(true);
    const saved = await service().confirmWithdrawOff(OWNER, pendingId);
    expect(saved.record).toMatchObject({ withdrawConfirmedAt: clock.now(), status: 'ok' });
    const again = await service().confirmWithdrawOff(OWNER, pendingId).catch((e: unknown) => e);
    expect(isAppError(again, 'CONFIRMATION_EXPIRED')).toBe(true);
    expect(await t.vault.open({ userId: OWNER, exchange: 'mexc', account: 'main' }, saved.record.sealed)).toEqual(typed);
  });

  it('forgets the waiting key after 15 minutes', async () => {
    const pendingId = await ask(service());
    clock.advance(15 * MINUTE + 1);
    const late = await service().confirmWithdrawOff(OWNER, pendingId).catch((e: unknown) => e);
    expect(isAppError(late, 'CONFIRMATION_EXPIRED')).toBe(true);
    expect(await t.store.listCredentials(OWNER)).toEqual([]);
  });

  it('refuses a confirmed key as before once its exchange reports withdrawals enabled, and keeps the marker', async () => {
    const keys = service();
    await keys.confirmWithdrawOff(OWNER, await ask(keys));
    const confirmedAt = clock.now();
    clock.advance(MINUTE);
    exchange.answer = {
      ok: false, permissions: { ...unreported(), withdraw: 'yes' }, warnings: [], checkedAt: 0,
      verdict: { kind: 'withdraw_enabled', title: 'This key can withdraw funds, so Keyward refused it.', advice: [] },
    };
    const { after } = await keys.recheck(OWNER, 'mexc', 'main');
    expect(after).toMatchObject({ status: 'failing', verdict: 'withdraw_enabled', withdrawConfirmedAt: confirmedAt });
  });

  it('marks a stored key without the owner\'s word as needing attention (allow), and stores nothing under refuse', async () => {
    const allowed = await service('allow').connect(OWNER, 'mexc', 'main', typed, false);
    expect(allowed.ok && allowed.record.status).toBe('warning');
    const refused = await service('refuse').connect(OWNER, 'mexc', 'second', typed, false);
    expect(!refused.ok && refused.unreported).toBe('refused');
    expect((await t.store.listCredentials(OWNER)).map((c) => c.account)).toEqual(['main']);
  });
});
