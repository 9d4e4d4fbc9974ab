import { afterEach, beforeEach, expect, it } from 'vitest';
import { ManualClock, MINUTE } from '../../src/clock.js';
import { isAppError } from '../../src/errors.js';
import type { CatalogEntry, ValidationResult } from '../../src/exchanges/index.js';
import { unknownPermissions } from '../../src/exchanges/types.js';
import { KeyService } from '../../src/keys/key-service.js';
import type { ExchangePort } from '../../src/keys/ports.js';
import { ValidationQuota } from '../../src/keys/validation-quota.js';
import { describeEachBackend } from '../helpers/backends.js';
import { captureLogs } from '../helpers/logs.js';
import { closeBackendVault, openBackendVault, type TestVault } from '../helpers/stores.js';
import { useTempDirs } from '../helpers/temp.js';

const tempDir = useTempDirs();
const OWNER = '700000000000000001';
const STRANGER = '700000000000000002';
const API_KEY = 'A'.repeat(60) + 'WXYZ';

const passed = (now: number): ValidationResult => ({
  ok: true,
  permissions: { ...unknownPermissions(), read: 'yes', spotTrade: 'yes', withdraw: 'no', ipRestricted: 'yes' },
  warnings: [],
  checkedAt: now,
});
const refused = (now: number): ValidationResult => ({
  ok: false,
  permissions: unknownPermissions(),
  warnings: [],
  checkedAt: now,
  verdict: { kind: 'bad_key', title: 'The exchange does not know this API key.', advice: [] },
});

/** An exchange that answers as the test says, and remembers the credentials each check signed with. */
interface FakeExchange extends ExchangePort {
  answer: 'pass' | 'refuse' | 'unreported';
  signedWith: Record<string, string>[];
  /** runs while a check is under way: what the user does meanwhile */
  meanwhile?: () => Promise<unknown>;
}

function fakeExchange(clock: ManualClock): FakeExchange {
  const port: FakeExchange = {
    answer: 'pass',
    signedWith: [],
    entry: (id: string) => ({ id, name: id === 'binance' ? 'Binance' : id, fields: [{ key: 'apiKey' }, { key: 'secret' }] }) as CatalogEntry,
    normalize: (_id: string, raw: Record<string, string | undefined>) => raw as Record<string, string>,
    validate: async (_id: string, credentials: Record<string, string>) => {
      port.signedWith.push(credentials);
      const meanwhile = port.meanwhile;
      port.meanwhile = undefined;
      await meanwhile?.();
      if (port.answer === 'unreported') return { ...passed(clock.now()), permissions: { ...passed(0).permissions, withdraw: 'unknown' } };
      return port.answer === 'pass' ? passed(clock.now()) : refused(clock.now());
    },
    balance: async () => ({ ok: true as const, balance: { assets: [], totalUsd: 0, otherAssets: 0 } as never, fetchedAt: clock.now() }),
  };
  return port;
}

describeEachBackend('key pairs Keyward creates for an exchange', (backend) => {
  let clock: ManualClock;
  let t: TestVault;
  let exchange: ReturnType<typeof fakeExchange>;
  const service = () =>
    new KeyService({
      store: t.store,
      vault: t.vault,
      exchanges: exchange,
      clock,
      log: captureLogs().log,
      quota: new ValidationQuota(t.store.coordination, clock, 100, 10 * MINUTE),
      policy: { maxAccountsPerUser: 20, defaultRotationDays: 90, unverifiedWithdraw: 'confirm' },
    });
  const place = { userId: OWNER, exchange: 'binance', account: 'main' };
  const failsToOpen = (e: unknown) => isAppError(e, 'DECRYPT_FAILED');
  const waiting = (id: string) => t.store.coordination.peekOnce(`pending-key-pair:${id}`);

  beforeEach(async () => {
    clock = new ManualClock(Date.UTC(2026, 10, 30, 12));
    t = await openBackendVault(backend, await tempDir(), clock);
    exchange = fakeExchange(clock);
  });
  afterEach(() => closeBackendVault(backend, t));

  it('creates an Ed25519 pair for binance and keeps only its sealed private key, waiting 30 minutes', async () => {
    const pair = await service().createKeyPair(OWNER, 'binance', 'main', 'connect');
    expect(pair).toMatchObject({ keyType: 'ed25519', expiresAt: clock.now() + 30 * MINUTE });
    expect(pair.publicKey).toMatch(/^-----BEGIN PUBLIC KEY-----\n/);
    const raw = await waiting(pair.pendingId);
    expect(raw).toBeDefined();
    expect(raw).not.toContain('PRIVATE KEY');
    expect(await t.store.listCredentials(OWNER)).toEqual([]);
  });

  it('creates an RSA pair for bybit, and refuses an exchange that takes no uploaded key', async () => {
    expect((await service().createKeyPair(OWNER, 'bybit', 'main', 'connect')).keyType).toBe('rsa');
    const okx = await service()
      .createKeyPair(OWNER, 'okx', 'main', 'connect')
      .catch((e: unknown) => e);
    expect(isAppError(okx, 'KEY_PAIR_UNSUPPORTED')).toBe(true);
  });

  it('stores the key once the check signed with the waiting private key, promoting its ciphertext unchanged', async () => {
    const keys = service();
    const pair = await keys.createKeyPair(OWNER, 'binance', 'main', 'connect', '700000000000000099');
    const sealedAtCreation = JSON.parse((await waiting(pair.pendingId))!).sealed;
    const outcome = await keys.completeKeyPair(OWNER, pair.pendingId, { apiKey: API_KEY });
    expect(outcome.ok).toBe(true);
    expect(exchange.signedWith[0]!.secret).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    expect(exchange.signedWith[0]!.apiKey).toBe(API_KEY);
    const [record] = await t.store.listCredentials(OWNER);
    expect(record!.sealed).toEqual(sealedAtCreation);
    expect(record!.selfGenerated).toEqual({ keyType: 'ed25519', publicKey: pair.publicKey });
    expect(record!.keyHint).toBe('WXYZ');
    expect(record!.guildId).toBe('700000000000000099'); // the server the pair was made in
    expect(await waiting(pair.pendingId)).toBeUndefined();
    const opened = await t.vault.openParts({ userId: OWNER, exchange: 'binance', account: 'main' }, [record!.sealed, record!.sealedApiKey]);
    expect(opened).toEqual(exchange.signedWith[0]);
  });

  it('keeps the pair after a failed check, so the same pair can be tried again', async () => {
    const keys = service();
    const pair = await keys.createKeyPair(OWNER, 'binance', 'main', 'connect');
    exchange.answer = 'refuse';
    const first = await keys.completeKeyPair(OWNER, pair.pendingId, { apiKey: API_KEY });
    expect(first.ok).toBe(false);
    expect(await t.store.listCredentials(OWNER)).toEqual([]);
    exchange.answer = 'pass';
    clock.advance(10 * MINUTE);
    expect((await keys.completeKeyPair(OWNER, pair.pendingId, { apiKey: API_KEY })).ok).toBe(true);
    expect(exchange.signedWith[0]!.secret).toBe(exchange.signedWith[1]!.secret);
  });

  it('destroys the pair after 30 minutes', async () => {
    const keys = service();
    const pair = await keys.createKeyPair(OWNER, 'binance', 'main', 'connect');
    clock.advance(30 * MINUTE + 1);
    const late = await keys.completeKeyPair(OWNER, pair.pendingId, { apiKey: API_KEY }).catch((e: unknown) => e);
    expect(isAppError(late, 'KEY_PAIR_EXPIRED')).toBe(true);
    expect(exchange.signedWith).toEqual([]);
    expect(await waiting(pair.pendingId)).toBeUndefined();
  });

  it('destroys the pair when its owner cancels, and a stranger can neither use nor cancel it', async () => {
    const keys = service();
    const pair = await keys.createKeyPair(OWNER, 'binance', 'main', 'connect');
    const stranger = await keys.completeKeyPair(STRANGER, pair.pendingId, { apiKey: API_KEY }).catch((e: unknown) => e);
    expect(isAppError(stranger, 'KEY_PAIR_EXPIRED')).toBe(true);
    expect(isAppError(await keys.discardKeyPair(STRANGER, pair.pendingId).catch((e: unknown) => e), 'KEY_PAIR_EXPIRED')).toBe(true);
    expect(await waiting(pair.pendingId)).toBeDefined();
    expect(await keys.discardKeyPair(OWNER, pair.pendingId)).toEqual({ exchange: 'binance', account: 'main' });
    expect(await waiting(pair.pendingId)).toBeUndefined();
    const after = await keys.completeKeyPair(OWNER, pair.pendingId, { apiKey: API_KEY }).catch((e: unknown) => e);
    expect(isAppError(after, 'KEY_PAIR_EXPIRED')).toBe(true);
    expect((await keys.recentAudit(OWNER)).map((e) => e.action)).toEqual(['key_pair_discarded', 'key_pair_created']);
  });

  it('rotates to a fresh pair only after the new key passed, keeping the old key until then', async () => {
    const keys = service();
    const first = await keys.createKeyPair(OWNER, 'binance', 'main', 'connect');
    await keys.completeKeyPair(OWNER, first.pendingId, { apiKey: API_KEY });
    const before = (await t.store.listCredentials(OWNER))[0]!;
    const next = await keys.createKeyPair(OWNER, 'binance', 'main', 'rotate');
    expect(next.publicKey).not.toBe(first.publicKey);
    exchange.answer = 'refuse';
    await keys.completeKeyPair(OWNER, next.pendingId, { apiKey: 'B'.repeat(60) + 'NEW1' });
    expect((await t.store.listCredentials(OWNER))[0]).toEqual(before);
    exchange.answer = 'pass';
    const rotated = await keys.completeKeyPair(OWNER, next.pendingId, { apiKey: 'B'.repeat(60) + 'NEW1' });
    expect(rotated.ok && rotated.previousHint).toBe('WXYZ');
    const after = (await t.store.listCredentials(OWNER))[0]!;
    expect(after).toMatchObject({ keyHint: 'NEW1', selfGenerated: { publicKey: next.publicKey } });
  });

  it("asks whether withdrawals are off where the exchange does not say, and still stores the pair's own ciphertext", async () => {
    const keys = service();
    const pair = await keys.createKeyPair(OWNER, 'binance', 'main', 'connect');
    const sealedAtCreation = JSON.parse((await waiting(pair.pendingId))!).sealed;
    exchange.answer = 'unreported';
    const asked = await keys.completeKeyPair(OWNER, pair.pendingId, { apiKey: API_KEY });
    if (asked.ok || asked.unreported !== 'ask') throw new Error(`expected the withdrawal question, got ${JSON.stringify(asked)}`);
    expect(await t.store.listCredentials(OWNER)).toEqual([]);
    const saved = await keys.confirmWithdrawOff(OWNER, asked.pendingId);
    expect(saved.record.sealed).toEqual(sealedAtCreation);
    expect(saved.record.selfGenerated?.publicKey).toBe(pair.publicKey);
    expect(saved.record.withdrawConfirmedAt).toBe(clock.now());
  });

  it('checks a stored self-generated key again with both of its sealed parts', async () => {
    const keys = service();
    const pair = await keys.createKeyPair(OWNER, 'binance', 'main', 'connect');
    await keys.completeKeyPair(OWNER, pair.pendingId, { apiKey: API_KEY });
    await keys.recheck(OWNER, 'binance', 'main');
    expect(exchange.signedWith[1]).toEqual(exchange.signedWith[0]);
  });

  it('opens a pair promoted after another key was sealed at its place, and still refuses the older key put back', async () => {
    const keys = service();
    await keys.connect(OWNER, 'binance', 'main', { apiKey: 'P'.repeat(60) + 'OLD1', secret: 'pasted-first' }, false);
    const pair = await keys.createKeyPair(OWNER, 'binance', 'main', 'rotate');
    // sealed after the pair: the user rotated by pasting a key while the pair waited
    await keys.rotate(OWNER, 'binance', 'main', { apiKey: 'P'.repeat(60) + 'OLD2', secret: 'pasted-second' });
    const older = (await t.store.getCredential(OWNER, 'binance', 'main'))!;
    const promoted = await keys.completeKeyPair(OWNER, pair.pendingId, { apiKey: API_KEY });
    expect(promoted.ok).toBe(true);
    const record = (await t.store.getCredential(OWNER, 'binance', 'main'))!;
    expect(record.sealed.n).toBeLessThan(older.sealed.n!);
    expect(await t.vault.openParts(place, [record.sealed, record.sealedApiKey])).toEqual(exchange.signedWith.at(-1));
    await expect(t.vault.open(place, older.sealed)).rejects.toSatisfy(failsToOpen);
  });

  it("refuses a stored pair's API key part next to another private key part", async () => {
    const keys = service();
    const first = await keys.createKeyPair(OWNER, 'binance', 'main', 'connect');
    await keys.completeKeyPair(OWNER, first.pendingId, { apiKey: API_KEY });
    const old = (await t.store.getCredential(OWNER, 'binance', 'main'))!;
    const next = await keys.createKeyPair(OWNER, 'binance', 'main', 'rotate');
    await keys.completeKeyPair(OWNER, next.pendingId, { apiKey: 'B'.repeat(60) + 'NEW1' });
    const current = (await t.store.getCredential(OWNER, 'binance', 'main'))!;
    await expect(t.vault.openParts(place, [old.sealed, old.sealedApiKey])).rejects.toSatisfy(failsToOpen);
    await expect(t.vault.openParts(place, [old.sealed, current.sealedApiKey])).rejects.toSatisfy(failsToOpen);
    expect((await t.vault.openParts(place, [current.sealed, current.sealedApiKey])).apiKey).toBe('B'.repeat(60) + 'NEW1');
  });

  it('never promotes a pair made before the user was forgotten, and its private key no longer opens', async () => {
    const keys = service();
    const pair = await keys.createKeyPair(OWNER, 'binance', 'main', 'connect');
    const sealed = JSON.parse((await waiting(pair.pendingId))!).sealed;
    await keys.forget(OWNER);
    clock.advance(MINUTE);
    await keys.connect(OWNER, 'binance', 'other', { apiKey: 'P'.repeat(60) + 'BACK', secret: 'back-again' }, false); // back with a new data key
    exchange.signedWith = [];
    const late = await keys.completeKeyPair(OWNER, pair.pendingId, { apiKey: API_KEY }).catch((e: unknown) => e);
    expect(isAppError(late, 'KEY_PAIR_EXPIRED')).toBe(true);
    expect(exchange.signedWith).toEqual([]);
    expect(await waiting(pair.pendingId)).toBeUndefined();
    expect(await t.store.getCredential(OWNER, 'binance', 'main')).toBeUndefined();
    await expect(t.vault.openWaiting(place, sealed)).rejects.toSatisfy(failsToOpen);
  });

  it("stores nothing when the user forgets everything or removes the key while the pair's check runs", async () => {
    const keys = service();
    const pair = await keys.createKeyPair(OWNER, 'binance', 'main', 'connect');
    exchange.meanwhile = () => keys.forget(OWNER);
    const forgotten = await keys.completeKeyPair(OWNER, pair.pendingId, { apiKey: API_KEY }).catch((e: unknown) => e);
    expect(forgotten).toSatisfy((e) => isAppError(e, 'FORGOTTEN_MEANWHILE'));
    expect(await t.store.listCredentials(OWNER)).toEqual([]);

    await keys.connect(OWNER, 'binance', 'main', { apiKey: 'P'.repeat(60) + 'OLD1', secret: 'pasted' }, false);
    const rotation = await keys.createKeyPair(OWNER, 'binance', 'main', 'rotate');
    exchange.meanwhile = () => keys.remove(OWNER, 'binance', 'main');
    const removed = await keys.completeKeyPair(OWNER, rotation.pendingId, { apiKey: API_KEY }).catch((e: unknown) => e);
    expect(isAppError(removed, 'KEY_CHANGED_MEANWHILE')).toBe(true);
    expect(await t.store.getCredential(OWNER, 'binance', 'main')).toBeUndefined();
  });

  it('keeps "already exists" and the account cap when a paste lands while the pair\'s check runs', async () => {
    const keys = service();
    const pair = await keys.createKeyPair(OWNER, 'binance', 'main', 'connect');
    exchange.meanwhile = () => keys.connect(OWNER, 'binance', 'main', { apiKey: 'P'.repeat(60) + 'PAST', secret: 'pasted' }, false);
    const raced = await keys.completeKeyPair(OWNER, pair.pendingId, { apiKey: API_KEY }).catch((e: unknown) => e);
    expect(isAppError(raced, 'ACCOUNT_EXISTS')).toBe(true);
    expect((await t.store.getCredential(OWNER, 'binance', 'main'))!.keyHint).toBe('PAST');

    const capped = new KeyService({
      store: t.store,
      vault: t.vault,
      exchanges: exchange,
      clock,
      log: captureLogs().log,
      quota: new ValidationQuota(t.store.coordination, clock, 100, 10 * MINUTE),
      policy: { maxAccountsPerUser: 2, defaultRotationDays: 90, unverifiedWithdraw: 'confirm' },
    });
    const second = await capped.createKeyPair(OWNER, 'binance', 'second', 'connect');
    exchange.meanwhile = () => capped.connect(OWNER, 'binance', 'third', { apiKey: 'P'.repeat(60) + 'THRD', secret: 'pasted' }, false);
    const full = await capped.completeKeyPair(OWNER, second.pendingId, { apiKey: API_KEY }).catch((e: unknown) => e);
    expect(isAppError(full, 'ACCOUNT_LIMIT')).toBe(true);
    expect((await t.store.listCredentials(OWNER)).map((r) => r.account)).toEqual(['main', 'third']);
  });
});
