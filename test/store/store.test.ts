import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/clock.js';
import { isAppError } from '../../src/errors.js';
import { openStore, type CredentialRecord } from '../../src/store/index.js';
import { captureLogs } from '../helpers/logs.js';
import { describeEachBackend } from '../helpers/backends.js';
import { rawSet } from '../helpers/raw-store.js';
import { openTestVault, type TestVault } from '../helpers/stores.js';
import { useTempDirs } from '../helpers/temp.js';

const tempDir = useTempDirs();
const alice = '100000000000000001';
const bob = '100000000000000002';
const mode = async (path: string) => ((await stat(path)).mode & 0o777).toString(8);

let t: TestVault;

async function credential(userId: string, exchange: string, account: string, secrets: Record<string, string>): Promise<CredentialRecord> {
  const now = Date.now();
  return {
    v: 1, userId, exchange, account, keyHint: secrets.apiKey!.slice(-4), createdAt: now, rotatedAt: now, status: 'ok', warnings: [],
    permissions: { read: 'yes', spotTrade: 'yes', futuresTrade: 'no', withdraw: 'no', transfer: 'unknown', ipRestricted: 'yes', ipCount: 1 },
    sealed: await t.vault.seal({ userId, exchange, account }, secrets), reminders: {},
  };
}

const tamper = (key: string, value: unknown) => rawSet(t.url, key, value);

describeEachBackend('the store', (backend) => {
  beforeEach(async () => {
    const dir = await tempDir();
    t = await openTestVault(dir, systemClock, captureLogs().log, backend.freshUrl(dir));
  });
  afterEach(async () => { await t.store.close(); await backend.cleanup(t.url); });

  it("lists a user's credentials from the user's own index, in the order connected", async () => {
    await t.store.putCredential(await credential(alice, 'binance', 'main', { apiKey: 'AAAA1111', secret: 's1' }));
    await t.store.putCredential(await credential(alice, 'okx', 'main', { apiKey: 'BBBB2222', secret: 's2' }));
    await t.store.putCredential(await credential(bob, 'okx', 'main', { apiKey: 'CCCC3333', secret: 's3' }));
    expect((await t.store.listCredentials(alice)).map((c) => `${c.exchange}/${c.account}/${c.keyHint}`)).toEqual(['binance/main/1111', 'okx/main/2222']);
    expect(await t.store.deleteCredential(alice, 'binance', 'main')).toBe(true);
    expect(await t.store.deleteCredential(alice, 'binance', 'main')).toBe(false);
    expect((await t.store.listCredentials(alice)).map((c) => c.exchange)).toEqual(['okx']);
  });

  it('replaces a credential at the same place in one write', async () => {
    await t.store.putCredential(await credential(alice, 'binance', 'main', { apiKey: 'OLD-1111', secret: 'old' }));
    await t.store.putCredential(await credential(alice, 'binance', 'main', { apiKey: 'NEW-2222', secret: 'new' }));
    const all = await t.store.listCredentials(alice);
    expect(all).toHaveLength(1);
    expect(await t.vault.open({ userId: alice, exchange: 'binance', account: 'main' }, all[0]!.sealed)).toEqual({ apiKey: 'NEW-2222', secret: 'new' });
  });

  it('keeps an append-only audit log capped per user, newest first', async () => {
    const store = await openStore(t.url, systemClock, { auditCap: 5 });
    for (let i = 0; i < 8; i++) await store.appendAudit(alice, { action: 'test', exchange: 'okx', account: 'main', outcome: i % 2 ? 'ok' : 'bad_secret' });
    await store.appendAudit(bob, { action: 'connect', exchange: 'binance', account: 'main', keyHint: 'ZZZZ', outcome: 'ok' });
    const events = await store.recentAudit(alice, 50);
    expect(events).toHaveLength(5);
    expect(events.map((e) => e.outcome)).toEqual(['ok', 'bad_secret', 'ok', 'bad_secret', 'ok']);
    expect(await store.recentAudit(bob)).toHaveLength(1);
    await store.close();
  });

  it('refuses an audit event carrying free text', async () => {
    await expect(t.store.appendAudit(alice, { action: 'test', outcome: 'secret is hunter2!' })).rejects.toThrow();
    await expect(t.store.appendAudit(alice, { action: 'test', note: 'x' } as never)).rejects.toThrow();
  });

  const malformed: Array<[string, unknown]> = [
    ['a truncated record', { v: 1, id: alice }],
    ['bad base64 in the data key', { v: 1, id: alice, createdAt: 1, credentials: [], settings: {}, dm: {}, dek: { kid: 1, nonce: '***', ct: '***' } }],
    ['wrong types', { v: 1, id: 42, createdAt: 'yesterday', credentials: 'all', settings: {}, dm: {} }],
    ['an unknown format version', { v: 2, id: alice, createdAt: 1, credentials: [], settings: {}, dm: {} }],
    ['a __proto__ key', JSON.parse(`{"v":1,"id":"${alice}","createdAt":1,"credentials":[],"settings":{},"dm":{},"__proto__":{"admin":true}}`)],
    ['a string instead of an object', 'garbage'],
  ];
  for (const [what, value] of malformed) {
    it(`rejects ${what} with a clear error instead of crashing`, async () => {
      await tamper(`user:${alice}`, value);
      const err = await t.store.getUser(alice).then(() => undefined, (e: unknown) => e);
      expect(isAppError(err, 'STORE_CORRUPT'), String(err)).toBe(true);
      expect(await t.store.getUser(bob)).toBeUndefined();
    });
  }

  it('rejects a credential record with an unknown master key version when opening it', async () => {
    await t.store.putCredential(await credential(alice, 'okx', 'main', { apiKey: 'AAAA1111', secret: 's' }));
    const user = (await t.store.getUser(alice))!;
    await tamper(`user:${alice}`, { ...user, dek: { ...user.dek!, kid: 99 } });
    const cred = (await t.store.listCredentials(alice))[0]!;
    const err = await t.vault.open({ userId: alice, exchange: 'okx', account: 'main' }, cred.sealed).then(() => undefined, (e: unknown) => e);
    expect(isAppError(err, 'DECRYPT_FAILED')).toBe(true);
  });

  it('forgets a user: no data key, credential, audit event or registry entry remains, and others are unaffected', async () => {
    await t.store.putCredential(await credential(alice, 'okx', 'main', { apiKey: 'AAAA1111', secret: 's' }));
    await t.store.appendAudit(alice, { action: 'connect', exchange: 'okx', account: 'main', outcome: 'ok' });
    await t.store.putCredential(await credential(bob, 'okx', 'main', { apiKey: 'BBBB2222', secret: 'b' }));
    await t.vault.shred(alice);
    await t.store.forgetUser(alice);
    expect(await t.store.getUser(alice)).toBeUndefined();
    expect(await t.store.getCredential(alice, 'okx', 'main')).toBeUndefined();
    expect(await t.store.recentAudit(alice)).toEqual([]);
    const users: string[] = [];
    for await (const u of t.store.users()) users.push(u);
    expect(users).toEqual([bob]);
    expect(await t.store.listCredentials(bob)).toHaveLength(1);
  });
});

describe('the SQLite store', () => {
  beforeEach(async () => { t = await openTestVault(await tempDir()); });
  afterEach(async () => { await t.store.close(); });

  it('forgets a user so that none of their bytes remain in the raw .sqlite and -wal files, and others are unaffected', async () => {
    const aliceSecrets = { apiKey: 'ALICEKEY-canary-7f3a9c', secret: 'ALICESECRET-canary-1b2c3d4e5f' };
    const aliceCred = await credential(alice, 'binance', 'main', aliceSecrets);
    await t.store.putCredential(aliceCred);
    await t.store.appendAudit(alice, { action: 'connect', exchange: 'binance', account: 'main', keyHint: '9c00', outcome: 'ok' });
    const bobCred = await credential(bob, 'okx', 'main', { apiKey: 'BOBKEY-0000', secret: 'BOBSECRET' });
    await t.store.putCredential(bobCred);
    const aliceDek = (await t.store.getDataKey(alice))!;

    await t.vault.shred(alice);
    await t.store.forgetUser(alice);

    const raw = Buffer.concat(await Promise.all([t.dbFile, `${t.dbFile}-wal`].map((f) => readFile(f).catch(() => Buffer.alloc(0)))));
    for (const needle of [aliceCred.sealed.ct, aliceCred.sealed.ct.slice(0, 24), aliceDek.ct, aliceSecrets.apiKey, aliceSecrets.secret, `cred:${alice}`, `user:${alice}`]) {
      expect(raw.includes(Buffer.from(needle)), `found ${needle.slice(0, 12)}…`).toBe(false);
    }
    expect(await t.store.getUser(alice)).toBeUndefined();
    expect(await t.store.recentAudit(alice)).toEqual([]);
    const users: string[] = [];
    for await (const u of t.store.users()) users.push(u);
    expect(users).toEqual([bob]);
    const bobStored = (await t.store.listCredentials(bob))[0]!;
    expect(await t.vault.open({ userId: bob, exchange: 'okx', account: 'main' }, bobStored.sealed)).toEqual({ apiKey: 'BOBKEY-0000', secret: 'BOBSECRET' });
  });

  it('keeps its data directory 0700 and its database, -wal and -shm files 0600', async () => {
    await t.store.putCredential(await credential(alice, 'okx', 'main', { apiKey: 'AAAA1111', secret: 's' }));
    expect(await mode(join(t.dbFile, '..'))).toBe('700');
    for (const f of [t.dbFile, `${t.dbFile}-wal`, `${t.dbFile}-shm`]) expect(await mode(f)).toBe('600');
  });
});

describe('a store that cannot be used', () => {
  it('reports a damaged database file clearly and leaves its bytes alone', async () => {
    const dir = await tempDir();
    const file = join(dir, 'broken.sqlite');
    const garbage = Buffer.from('this is not a database, but it is somebody\'s data '.repeat(200));
    await writeFile(file, garbage, { mode: 0o600 });
    const err = await openStore(`sqlite://${file}`, systemClock).then(() => undefined, (e: unknown) => e);
    expect(isAppError(err, 'STORE_CORRUPT'), String(err)).toBe(true);
    expect((await readFile(file)).equals(garbage)).toBe(true);
  });

  it('reports a location that cannot hold the database, naming the file', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'a-file'), 'x');
    const file = join(dir, 'a-file', 'keyward.sqlite');
    const err = await openStore(`sqlite://${file}`, systemClock).then(() => undefined, (e: unknown) => e);
    expect(isAppError(err, 'STORE_OPEN_FAILED'), String(err)).toBe(true);
    expect((err as Error).message).toBe(`The store (sqlite at ${file}) could not be opened: its directory cannot be created there. Point STORE_URL at a path inside a directory that exists.`);
  });

  it('refuses an unknown STORE_URL scheme by name', async () => {
    const err = await openStore('mongodb://localhost/keyward', systemClock).then(() => undefined, (e: unknown) => e);
    expect(isAppError(err, 'STORE_URL_UNSUPPORTED')).toBe(true);
    expect((err as Error).message).toContain('mongodb');
  });
});
