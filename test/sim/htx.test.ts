import { describe, expect, it } from 'vitest';
import ccxt from 'ccxt';
import { htxProfile, parseHtxKeyInfo } from '../../src/exchanges/profiles/htx.js';
import { failureKind } from '../../src/exchanges/verdicts.js';
import { fixtures } from '../fixtures/exchanges/htx.js';
import { useGatewayAgainstSim } from '../exchanges/harness.js';
import type { KeyProfile } from './types.js';
import { itRefusesEach } from './fault-table.js';
import { useSimExchange, type RefusalCase } from './fixture.js';

const ID = 'htx';
const KEY = { apiKey: '4ba5cdf2-4a92c5da-718ba144-dbuqg6hkte', secret: 'b0d5c7a1-3e9f4a2b-8c6d1e0f-7a9b2c4d' };
const STANDING = { ...KEY, balances: { BTC: { free: 0.0015, used: 0 }, USDT: { free: 318.42, used: 25 } } };
const DAY = 86_400_000;

const k = useSimExchange(ID, { key: STANDING });
const { register, preloaded, keyInfo, refusal, classify } = k;
const withKey = (patch: Partial<KeyProfile> = {}): void => void register({ ...STANDING, ...patch });

describe('ccxt upgrade canary: htx through real ccxt', () => {
  it('loads the spot markets', () => {
    expect(Object.keys(k.markets)).toEqual(expect.arrayContaining(['BTC/USDT', 'ETH/BTC']));
  });

  it('answers fetchBalance with the key balances', async () => {
    const balance = await preloaded().fetchBalance();
    expect(balance.USDT).toMatchObject({ free: 318.42, used: 25, total: 343.42 });
  });

  it('costs two requests for the key-info call: the uid, then the key', async () => {
    await keyInfo();
    expect(k.sim.stats(ID).byRoute).toEqual({ 'GET /v2/user/uid': 1, 'GET /v2/user/api-key': 1 });
  });
});

describe('htx key info', () => {
  it('reports a read and trade key bound to no IP that never expires', async () => {
    const info = await keyInfo();
    expect(info).toMatchObject({
      read: 'yes',
      spotTrade: 'yes',
      futuresTrade: 'unknown',
      withdraw: 'unknown',
      transfer: 'unknown',
      ipRestricted: 'no',
      ipCount: 0,
    });
    expect(info.expiresAt).toBeUndefined();
    expect(info.createdAt).toEqual(expect.any(Number));
  });

  it('reports a read-only key', async () => {
    withKey({ spotTrade: false });
    expect(await keyInfo()).toMatchObject({ read: 'yes', spotTrade: 'no' });
  });

  it('reports a key that may withdraw', async () => {
    withKey({ withdraw: true });
    expect((await keyInfo()).withdraw).toBe('yes');
  });

  it('reports an IP-bound key with its number of addresses', async () => {
    withKey({ ips: ['127.0.0.1', '::1', '::ffff:127.0.0.1'] });
    expect(await keyInfo()).toMatchObject({ ipRestricted: 'yes', ipCount: 3 });
  });

  it('reads the days htx says the key has left as its expiry', async () => {
    withKey({ expiresAt: Date.now() + 10.5 * DAY });
    const { expiresAt } = await keyInfo();
    expect(expiresAt! - Date.now()).toBeGreaterThan(9.9 * DAY);
    expect(expiresAt! - Date.now()).toBeLessThan(10.1 * DAY);
  });

  it('reads every documented key row as its note says', () => {
    const now = Date.UTC(2026, 0, 1);
    const read = (name: string) => parseHtxKeyInfo(fixtures.keyInfo[name]!.body, '4ba5cdf2-4a92c5da-718ba144-dbuqg6hkte', now);
    expect(read('documented-example')).toMatchObject({
      read: 'yes',
      spotTrade: 'yes',
      withdraw: 'unknown',
      ipRestricted: 'yes',
      ipCount: 2,
      createdAt: 1591348751000,
    });
    expect(read('documented-example').expiresAt).toBeUndefined();
    expect(read('read-only')).toMatchObject({ read: 'yes', spotTrade: 'no' });
    expect(read('withdraw-enabled').withdraw).toBe('yes');
    expect(read('no-ip-counting-down')).toMatchObject({ ipRestricted: 'no', expiresAt: now + 87 * DAY });
    expect(read('expired').expiresAt).toBeLessThan(now);
  });

  it('leaves every field unknown when no row belongs to the key', () => {
    expect(parseHtxKeyInfo({ code: 200, data: [] }, 'k')).toEqual({
      read: 'unknown',
      spotTrade: 'unknown',
      futuresTrade: 'unknown',
      withdraw: 'unknown',
      transfer: 'unknown',
      ipRestricted: 'unknown',
    });
    expect(parseHtxKeyInfo(undefined, 'k').read).toBe('unknown');
  });
});

interface Refusal extends RefusalCase {
  text: string;
}

const refusals: Refusal[] = [
  {
    name: 'a wrong secret',
    creds: { secret: KEY.secret.replace(/^./, 'c') },
    error: ccxt.AuthenticationError,
    text: 'Verification failure',
    verdict: 'bad_credentials',
  },
  {
    name: 'a key htx does not know',
    creds: { apiKey: KEY.apiKey.replace(/.$/, 'x') },
    error: ccxt.AuthenticationError,
    text: 'Incorrect Access key',
    verdict: 'bad_key',
  },
  { name: 'a lapsed key', profile: { expiresAt: Date.now() - 1000 }, error: ccxt.AuthenticationError, text: 'Incorrect Access key', verdict: 'bad_key' },
  {
    name: 'a balance read by a key without read permission',
    profile: { read: false },
    call: (e) => e.fetchBalance(),
    error: ccxt.PermissionDenied,
    text: 'API key has no permission',
    verdict: 'permission_missing',
  },
];

describe('htx refusals', () => {
  itRefusesEach(k, refusals, { title: (r) => `refuses ${r.name} with "${r.text}"`, says: (r) => r.text, verdictOf: (err) => failureKind(err, htxProfile) });

  it('refuses a caller outside the IP whitelist with an authentication error', async () => {
    const err = await refusal({ name: 'ip', profile: { ips: ['203.0.113.7'] }, error: ccxt.AuthenticationError, verdict: 'ip_not_allowed' });
    expect(err).toBeInstanceOf(ccxt.AuthenticationError);
    expect(err.message).toContain('Invalid IP');
    // htx's IP wording is unsourced, so Keyward does not claim to know it: the class decides
    expect(failureKind(err, htxProfile)).toBe('bad_credentials');
  });

  it('tells a made-up order apart from a missing permission when a trading key cancels', async () => {
    expect(await k.failure(preloaded().cancelOrder('61245189601', 'BTC/USDT'))).toBeInstanceOf(ccxt.OrderNotFound);
    withKey({ spotTrade: false });
    const err = await k.failure(preloaded().cancelOrder('61245189601', 'BTC/USDT'));
    expect(classify(err)).toBe('permission_missing');
  });

  it('reads its rate limit and maintenance answers', async () => {
    k.sim.setFault(ID, { rateLimit: { retryAfterSec: 2 } });
    expect(classify(await k.failure(keyInfo()))).toBe('rate_limited');
    k.sim.setFault(ID, { maintenance: true });
    expect(classify(await k.failure(keyInfo()))).toBe('maintenance');
  });
});

describe('htx key check through the gateway', () => {
  const h = useGatewayAgainstSim({ validationTimeoutMs: 2_500 });

  it('proves a key and reads its permissions with two signed requests', async () => {
    const { creds } = h.key(ID, { ips: ['127.0.0.1', '::1', '::ffff:127.0.0.1'] });
    const result = await h.gateway.validate(ID, creds);
    expect(result.ok).toBe(true);
    expect(result.permissions).toMatchObject({ read: 'yes', spotTrade: 'yes', ipRestricted: 'yes' });
    expect(h.sim.stats(ID).privateRequests).toBe(2);
  });

  it('refuses to store a key that may withdraw', async () => {
    const { creds } = h.key(ID, { withdraw: true });
    expect((await h.gateway.validate(ID, creds)).verdict?.kind).toBe('withdraw_enabled');
  });

  it('refuses a key htx reports as expired', async () => {
    const { creds } = h.key(ID, { expiresAt: Date.now() - 1000 });
    expect((await h.gateway.validate(ID, creds)).verdict?.kind).toBe('bad_key');
  });
});
