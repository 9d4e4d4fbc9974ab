import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { createClient } from '@keyv/redis';
import pg from 'pg';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/clock.js';
import { isAppError } from '../../src/errors.js';
import sodium from 'libsodium-wrappers';
import sqlite3 from 'sqlite3';
import { openStore, type CredentialRecord } from '../../src/store/index.js';
import { encodeAssociatedData, readKeyringFile } from '../../src/vault/index.js';
import { captureLogs } from '../helpers/logs.js';
import { BACKENDS, describeEachBackend } from '../helpers/backends.js';
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
    v: 1,
    userId,
    exchange,
    account,
    keyHint: secrets.apiKey!.slice(-4),
    createdAt: now,
    rotatedAt: now,
    status: 'ok',
    warnings: [],
    permissions: { read: 'yes', spotTrade: 'yes', futuresTrade: 'no', withdraw: 'no', transfer: 'unknown', ipRestricted: 'yes', ipCount: 1 },
    sealed: await t.vault.seal({ userId, exchange, account }, secrets),
    reminders: {},
  };
}

const tamper = (key: string, value: unknown) => rawSet(t.url, key, value);

/** Seals as Keyward did before records carried a counter: associated data format "1", no `n`. */
async function legacySeal(
  place: { userId: string; exchange: string; account: string },
  secrets: Record<string, string>,
): Promise<{ nonce: string; ct: string }> {
  await sodium.ready;
  const master = (await readKeyringFile(t.keyringPath))!.keys.get(1)!;
  const kek = sodium.crypto_kdf_derive_from_key(32, 1, 'kwrdKEK1', master);
  const wrapped = (await t.store.getDataKey(place.userId))!;
  const dek = sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(
    null,
    Buffer.from(wrapped.ct, 'base64'),
    encodeAssociatedData(['keyward/dek', '1', place.userId, String(wrapped.kid)]),
    Buffer.from(wrapped.nonce, 'base64'),
    kek,
  );
  const nonce = sodium.randombytes_buf(24);
  const ct = sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(
    JSON.stringify(secrets),
    encodeAssociatedData(['keyward/cred', '1', place.userId, place.exchange, place.account]),
    null,
    nonce,
    dek,
  );
  return { nonce: Buffer.from(nonce).toString('base64'), ct: Buffer.from(ct).toString('base64') };
}

describeEachBackend('the store', (backend) => {
  beforeEach(async () => {
    const dir = await tempDir();
    t = await openTestVault(dir, systemClock, captureLogs().log, backend.freshUrl(dir));
  });
  afterEach(async () => {
    await t.store.close();
    await backend.cleanup(t.url);
  });

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

  it('keeps the date a user confirmed withdrawals off, and records that confirmation as a typed audit event', async () => {
    const confirmed = { ...(await credential(alice, 'mexc', 'main', { apiKey: 'MMMM4444', secret: 's4' })), withdrawConfirmedAt: 1_796_000_000_000 };
    confirmed.permissions = { ...confirmed.permissions, withdraw: 'unknown' };
    await t.store.putCredential(confirmed);
    expect((await t.store.getCredential(alice, 'mexc', 'main'))?.withdrawConfirmedAt).toBe(1_796_000_000_000);
    await t.store.appendAudit(alice, { action: 'withdraw_off_confirmed', exchange: 'mexc', account: 'main', keyHint: '4444', outcome: 'ok' });
    await t.store.appendAudit(alice, { action: 'withdraw_confirmation_declined', exchange: 'mexc', account: 'other', keyHint: '5555' });
    expect((await t.store.recentAudit(alice)).map((e) => e.action)).toEqual(['withdraw_confirmation_declined', 'withdraw_off_confirmed']);
    await expect(t.store.putCredential({ ...confirmed, withdrawConfirmedAt: 'yesterday' } as never)).rejects.toThrow();
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
      const err = await t.store.getUser(alice).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(isAppError(err, 'STORE_CORRUPT'), String(err)).toBe(true);
      expect(await t.store.getUser(bob)).toBeUndefined();
    });
  }

  it('rejects a credential record with an unknown master key version when opening it', async () => {
    await t.store.putCredential(await credential(alice, 'okx', 'main', { apiKey: 'AAAA1111', secret: 's' }));
    const user = (await t.store.getUser(alice))!;
    await tamper(`user:${alice}`, { ...user, dek: { ...user.dek!, kid: 99 } });
    const cred = (await t.store.listCredentials(alice))[0]!;
    const err = await t.vault.open({ userId: alice, exchange: 'okx', account: 'main' }, cred.sealed).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isAppError(err, 'DECRYPT_FAILED')).toBe(true);
  });

  it('refuses an older copy of a credential put back over the current one, also after the key was removed and connected again', async () => {
    const place = { userId: alice, exchange: 'okx', account: 'main' };
    const older = await credential(alice, 'okx', 'main', { apiKey: 'OLDER-key-1', secret: 'older' });
    await t.store.putCredential(older);
    const current = await credential(alice, 'okx', 'main', { apiKey: 'CURRENT-key-2', secret: 'current' });
    await t.store.putCredential(current);
    expect((await t.vault.open(place, (await t.store.getCredential(alice, 'okx', 'main'))!.sealed)).apiKey).toBe('CURRENT-key-2');

    await tamper(`cred:${alice}:okx:main`, older); // e.g. copied back from a backup
    const rolledBack = (await t.store.getCredential(alice, 'okx', 'main'))!;
    await expect(t.vault.open(place, rolledBack.sealed)).rejects.toSatisfy((e) => isAppError(e, 'DECRYPT_FAILED'));
    await tamper(`cred:${alice}:okx:main`, { ...older, sealed: { ...older.sealed, n: current.sealed.n } });
    const relabelled = (await t.store.getCredential(alice, 'okx', 'main'))!;
    await expect(t.vault.open(place, relabelled.sealed)).rejects.toSatisfy((e) => isAppError(e, 'DECRYPT_FAILED'));

    await t.store.deleteCredential(alice, 'okx', 'main');
    await t.store.putCredential(await credential(alice, 'okx', 'main', { apiKey: 'AGAIN-key-3', secret: 'again' }));
    await tamper(`cred:${alice}:okx:main`, current);
    const fromBeforeRemoval = (await t.store.getCredential(alice, 'okx', 'main'))!;
    await expect(t.vault.open(place, fromBeforeRemoval.sealed)).rejects.toSatisfy((e) => isAppError(e, 'DECRYPT_FAILED'));
  });

  it('keeps refusing an older copy after the bot writes that copy back (a snooze or a reminder stage), never lowering the counter', async () => {
    const place = { userId: alice, exchange: 'okx', account: 'main' };
    const older = await credential(alice, 'okx', 'main', { apiKey: 'OLDER-key-1', secret: 'older' });
    await t.store.putCredential(older);
    await t.store.putCredential(await credential(alice, 'okx', 'main', { apiKey: 'CURRENT-key-2', secret: 'current' }));
    await tamper(`cred:${alice}:okx:main`, older); // only the key's row is put back, the user's record is untouched
    const rolledBack = (await t.store.getCredential(alice, 'okx', 'main'))!;
    await t.store.putCredential({ ...rolledBack, reminders: { ...rolledBack.reminders, snoozedUntil: Date.now() + 7 * 86_400_000 } });
    const written = (await t.store.getCredential(alice, 'okx', 'main'))!;
    await expect(t.vault.open(place, written.sealed)).rejects.toSatisfy((e) => isAppError(e, 'DECRYPT_FAILED'));
  });

  it("does not find a removed key's row put back in place, which the user's record no longer lists", async () => {
    await t.store.putCredential(await credential(alice, 'okx', 'other', { apiKey: 'KEPT-key-0', secret: 'kept' }));
    const removed = await credential(alice, 'okx', 'main', { apiKey: 'REMOVED-key-1', secret: 'removed' });
    await t.store.putCredential(removed);
    await t.store.deleteCredential(alice, 'okx', 'main');
    await tamper(`cred:${alice}:okx:main`, removed); // e.g. copied back from a backup
    expect(await t.store.getCredential(alice, 'okx', 'main')).toBeUndefined();
    expect((await t.store.listCredentials(alice)).map((c) => c.account)).toEqual(['other']);
  });

  it('still opens a credential sealed before records carried a counter, and refuses that copy once the key was sealed again', async () => {
    const place = { userId: alice, exchange: 'okx', account: 'main' };
    await t.vault.seal(place, { apiKey: 'x', secret: 'x' }); // creates alice's data key
    const legacy = {
      ...(await credential(alice, 'okx', 'main', { apiKey: 'LEGACY-key-0', secret: 'x' })),
      sealed: await legacySeal(place, { apiKey: 'LEGACY-key-0', secret: 'legacy' }),
    };
    await tamper(`user:${alice}`, { ...(await t.store.getUser(alice))!, credentials: [{ exchange: 'okx', account: 'main' }] });
    await tamper(`cred:${alice}:okx:main`, legacy);
    expect(await t.vault.open(place, (await t.store.getCredential(alice, 'okx', 'main'))!.sealed)).toEqual({ apiKey: 'LEGACY-key-0', secret: 'legacy' });
    await t.store.putCredential(await credential(alice, 'okx', 'main', { apiKey: 'RESEALED-key-1', secret: 'new' }));
    await tamper(`cred:${alice}:okx:main`, legacy);
    await expect(t.vault.open(place, (await t.store.getCredential(alice, 'okx', 'main'))!.sealed)).rejects.toSatisfy((e) => isAppError(e, 'DECRYPT_FAILED'));
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
  beforeEach(async () => {
    t = await openTestVault(await tempDir());
  });
  afterEach(async () => {
    await t.store.close();
  });

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
    for (const needle of [
      aliceCred.sealed.ct,
      aliceCred.sealed.ct.slice(0, 24),
      aliceDek.ct,
      aliceSecrets.apiKey,
      aliceSecrets.secret,
      `cred:${alice}`,
      `user:${alice}`,
    ]) {
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

  /** Another connection (a backup, an operator's sqlite3 shell) holding a read transaction open. */
  async function heldReader(): Promise<() => Promise<void>> {
    const db = new sqlite3.Database(t.dbFile);
    const run = (sql: string) => new Promise<void>((resolve, reject) => db.all(sql, (e) => (e ? reject(e) : resolve())));
    await run('BEGIN');
    await run('SELECT count(*) FROM keyv');
    return async () => {
      await run('COMMIT');
      await new Promise<void>((resolve) => db.close(() => resolve()));
    };
  }

  async function connectAlice(): Promise<string[]> {
    const secrets = { apiKey: 'ALICEKEY-reader-7f3a9c', secret: 'ALICESECRET-reader-1b2c3d4e5f' };
    const cred = await credential(alice, 'binance', 'main', secrets);
    await t.store.putCredential(cred);
    return [cred.sealed.ct, (await t.store.getDataKey(alice))!.ct, `cred:${alice}`];
  }

  it('clears the -wal file on forget even while another connection holds a read transaction longer than one busy timeout', async () => {
    const needles = await connectAlice();
    const release = await heldReader();
    const released = new Promise((resolve) => setTimeout(resolve, 6_000)).then(release);
    await t.vault.shred(alice);
    const result = await t.store.forgetUser(alice);
    await released;
    const wal = await readFile(`${t.dbFile}-wal`).catch(() => Buffer.alloc(0));
    for (const needle of needles) expect(wal.includes(Buffer.from(needle)), `found ${needle.slice(0, 12)}…`).toBe(false);
    expect(result.clean).toBe(true);
  }, 20_000);

  it('tells the operator when a reader kept the -wal file from being truncated within the wait', async () => {
    await connectAlice();
    const logs = captureLogs();
    const patient = await openStore(t.url, systemClock, { compactWaitMs: 500, log: logs.log });
    const release = await heldReader();
    try {
      const result = await patient.forgetUser(alice);
      expect(result.clean).toBe(false);
      expect(result.detail).toContain('read transaction');
      const warning = logs.lines.map((l) => JSON.parse(l)).find((l) => l.level === 40);
      expect(warning?.msg).toBe("a forgotten user may remain in the store's files");
    } finally {
      await release();
      await patient.close();
    }
  }, 20_000);

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
    const garbage = Buffer.from("this is not a database, but it is somebody's data ".repeat(200));
    await writeFile(file, garbage, { mode: 0o600 });
    const err = await openStore(`sqlite://${file}`, systemClock).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isAppError(err, 'STORE_CORRUPT'), String(err)).toBe(true);
    expect((await readFile(file)).equals(garbage)).toBe(true);
  });

  it('reports a location that cannot hold the database, naming the file', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'a-file'), 'x');
    const file = join(dir, 'a-file', 'keyward.sqlite');
    const err = await openStore(`sqlite://${file}`, systemClock).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isAppError(err, 'STORE_OPEN_FAILED'), String(err)).toBe(true);
    expect((err as Error).message).toBe(
      `The store (sqlite at ${file}) could not be opened: its directory cannot be created there. Point STORE_URL at a path inside a directory that exists.`,
    );
  });

  it('refuses an unknown STORE_URL scheme by name', async () => {
    const err = await openStore('mongodb://localhost/keyward', systemClock).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isAppError(err, 'STORE_URL_UNSUPPORTED')).toBe(true);
    expect((err as Error).message).toContain('mongodb');
  });
});

describe.skipIf(!process.env.REDIS_URL)('the Redis store', () => {
  const redis = BACKENDS.find((b) => b.name === 'redis')!;
  beforeEach(async () => {
    const dir = await tempDir();
    t = await openTestVault(dir, systemClock, captureLogs().log, redis.freshUrl(dir));
  });
  afterEach(async () => {
    await t.store.close();
    await redis.cleanup(t.url);
  });

  it("rewrites the append-only file on forget, so it no longer holds the user's ciphertext or data key", async (ctx) => {
    const admin = createClient({ url: process.env.REDIS_URL });
    await admin.connect();
    try {
      const [, aof] = (await admin.sendCommand(['CONFIG', 'GET', 'appendonly'])) as string[];
      if (aof !== 'yes') ctx.skip(); // .ci/services.sh starts Redis with the append-only file on
      const [, dir] = (await admin.sendCommand(['CONFIG', 'GET', 'dir'])) as string[];
      const [, sub] = (await admin.sendCommand(['CONFIG', 'GET', 'appenddirname'])) as string[];
      const cred = await credential(alice, 'okx', 'main', { apiKey: 'AOF-canary-key-1234', secret: 'AOF-canary-secret' });
      await t.store.putCredential(cred);
      const needles = [cred.sealed.ct, (await t.store.getDataKey(alice))!.ct];
      const files = async () =>
        Buffer.concat(await Promise.all((await readdir(join(dir!, sub!))).map((f) => readFile(join(dir!, sub!, f)).catch(() => Buffer.alloc(0)))));
      await expect.poll(async () => (await files()).includes(Buffer.from(needles[0]!))).toBe(true); // written once a second
      await t.vault.shred(alice);
      const result = await t.store.forgetUser(alice);
      const after = await files();
      for (const needle of needles) expect(after.includes(Buffer.from(needle)), `found ${needle.slice(0, 12)}…`).toBe(false);
      expect(result).toMatchObject({ clean: true });
    } finally {
      await admin.quit();
    }
  }, 30_000);
  it('saves a new RDB snapshot on forget when snapshots are configured, so the last one no longer holds the user', async (ctx) => {
    const admin = createClient({ url: process.env.REDIS_URL });
    await admin.connect();
    const [, save] = (await admin.sendCommand(['CONFIG', 'GET', 'save'])) as string[];
    try {
      if (save !== '') ctx.skip(); // only on the test server, which .ci/services.sh starts without snapshots
      await admin.sendCommand(['CONFIG', 'SET', 'save', '3600 1']);
      const [, dir] = (await admin.sendCommand(['CONFIG', 'GET', 'dir'])) as string[];
      const [, name] = (await admin.sendCommand(['CONFIG', 'GET', 'dbfilename'])) as string[];
      await t.store.putCredential(await credential(alice, 'okx', 'main', { apiKey: 'RDB-canary-key-1234', secret: 'RDB-canary-secret' }));
      const started = Date.now();
      await t.vault.shred(alice);
      const result = await t.store.forgetUser(alice);
      expect(result).toMatchObject({ clean: true });
      expect(result.detail).toContain('a new RDB snapshot replaced the last one');
      expect((await stat(join(dir!, name!))).mtimeMs).toBeGreaterThanOrEqual(Math.floor(started / 1000) * 1000);
    } finally {
      await admin.sendCommand(['CONFIG', 'SET', 'save', save ?? '']);
      await admin.quit();
    }
  }, 30_000);
});

describe.skipIf(!process.env.POSTGRES_URL)('the Postgres store', () => {
  const postgres = BACKENDS.find((b) => b.name === 'postgres')!;
  beforeEach(async () => {
    const dir = await tempDir();
    t = await openTestVault(dir, systemClock, captureLogs().log, postgres.freshUrl(dir));
  });
  afterEach(async () => {
    await t.store.close();
    await postgres.cleanup(t.url);
  });

  it('vacuums every table on forget, and says that Postgres keeps deleted bytes in its files until they are reused', async () => {
    await t.store.putCredential(await credential(alice, 'okx', 'main', { apiKey: 'PG-canary-key-1234', secret: 'PG-canary-secret' }));
    await t.store.appendAudit(alice, { action: 'connect', exchange: 'okx', account: 'main', outcome: 'ok' });
    await t.vault.shred(alice);
    const result = await t.store.forgetUser(alice);
    const schema = new URL(t.url).searchParams.get('schema');
    const client = new pg.Client({ connectionString: process.env.POSTGRES_URL });
    await client.connect();
    try {
      const rows = (await client.query('SELECT relname, vacuum_count, n_dead_tup FROM pg_stat_user_tables WHERE schemaname = $1 ORDER BY relname', [schema]))
        .rows;
      expect(rows.map((r) => r.relname)).toEqual(['keyv', 'keyward_counters', 'keyward_due', 'keyward_leases', 'keyward_once']);
      for (const r of rows) expect(Number(r.vacuum_count), r.relname).toBeGreaterThan(0);
      expect(rows.find((r) => r.relname === 'keyv').n_dead_tup).toBe('0');
    } finally {
      await client.end();
    }
    expect(result.clean).toBe(false);
    expect(result.detail).toContain('until they are overwritten');
  });
});
