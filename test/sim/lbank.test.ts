import { describe, expect, it } from 'vitest';
import ccxt from 'ccxt';
import { DAY } from '../../src/clock.js';
import { parseLbankKeyInfo } from '../../src/exchanges/profiles/lbank.js';
import { fixtures } from '../fixtures/exchanges/lbank.js';
import { useGatewayAgainstSim } from '../exchanges/harness.js';
import { itRaisesOnEachFault } from './fault-table.js';
import { lbankSign } from './exchanges/lbank.js';
import type { KeyProfile } from './types.js';
import { useSimExchange, type RefusalCase } from './fixture.js';

const ID = 'lbank';
const KEY = { apiKey: '6a8d4f1a-b040-4ac4-9bda-534d71f4cb28', secret: '9e4a2c7f0b6d8e1a3c5f7b9d2e4a6c80' };
const BALANCES = { USDT: { free: 120.5, used: 10 }, BTC: { free: 0.0032, used: 0 } };
const STANDING = { ...KEY, balances: BALANCES };

const k = useSimExchange(ID, { key: STANDING });
const { register, preloaded, keyInfo, failure, refusal, classify } = k;
const withKey = (patch: Partial<KeyProfile> = {}): void => void register({ ...STANDING, ...patch });

describe('ccxt upgrade canary: lbank through real ccxt', () => {
  it('loads the spot markets', () => {
    expect(Object.keys(k.markets)).toEqual(expect.arrayContaining(['BTC/USDT', 'ETH/BTC']));
  });

  it('reads the balance as usable and frozen amounts', async () => {
    const balance = await preloaded().fetchBalance();
    expect(balance.USDT).toMatchObject({ free: 120.5, used: 10, total: 130.5 });
    expect(k.sim.stats(ID).requests).toBe(1);
  });

  it('costs exactly one request for the key-info call', async () => {
    await keyInfo();
    expect(k.sim.stats(ID).byRoute).toEqual({ 'POST /v2/supplement/api_Restrictions.do': 1 });
  });

  it('checks the signature as LBank documents it: MD5 of the sorted parameters, then HMAC-SHA256', () => {
    // the docs' own parameter string for user_info, with a made-up secret
    const params = {
      api_key: 'c821db84-6fbd-11e4-a9e3-c86000d26d7c',
      echostr: 'P3LHfw6tUIYWc8R2VQNy0ilKmdg5pjhbxC7',
      signature_method: 'HmacSHA256',
      timestamp: '1585119477235',
    };
    expect(lbankSign(params, KEY.secret)).toMatch(/^[0-9a-f]{64}$/);
    expect(lbankSign({ ...params, sign: 'ignored' }, KEY.secret)).toBe(lbankSign(params, KEY.secret));
    expect(lbankSign(params, KEY.secret.replace(/^9/, '8'))).not.toBe(lbankSign(params, KEY.secret));
  });
});

describe('lbank key info', () => {
  it('reports a spot-trading key bound to no IP, with the date LBank expires it', async () => {
    const createdAt = Date.now() - 3 * DAY;
    withKey({ createdAt });
    expect(await keyInfo()).toEqual({
      read: 'yes',
      spotTrade: 'yes',
      futuresTrade: 'unknown',
      withdraw: 'no',
      transfer: 'unknown',
      ipRestricted: 'no',
      createdAt,
      expiresAt: createdAt + 30 * DAY,
    });
  });

  it('reports a read-only key', async () => {
    withKey({ spotTrade: false });
    expect(await keyInfo()).toMatchObject({ read: 'yes', spotTrade: 'no', withdraw: 'no' });
  });

  it('reports a key that may withdraw', async () => {
    withKey({ withdraw: true, ips: ['127.0.0.1', '::1'] });
    expect(await keyInfo()).toMatchObject({ withdraw: 'yes' });
  });

  it('reports an IP-bound key without an expiry, and without a count of its addresses', async () => {
    withKey({ ips: ['127.0.0.1', '::1', '203.0.113.7'] });
    const info = await keyInfo();
    expect(info).toMatchObject({ ipRestricted: 'yes' });
    expect(info.expiresAt).toBeUndefined();
    expect(info.ipCount).toBeUndefined();
  });

  it('claims no expiry for an unbound key that still answers after its 30 days', async () => {
    withKey({ createdAt: Date.now() - 40 * DAY });
    expect((await keyInfo()).expiresAt).toBeUndefined();
  });

  it('reads the documented example: read, trade and withdrawal on an IP-bound key', () => {
    expect(parseLbankKeyInfo(fixtures.keyInfo['documented-example']!.body, 1643091005000)).toEqual({
      read: 'yes',
      spotTrade: 'yes',
      futuresTrade: 'unknown',
      withdraw: 'yes',
      transfer: 'unknown',
      ipRestricted: 'yes',
      createdAt: 1643091005000,
    });
  });

  it('reads every documented variant as its note says', () => {
    const at = 1643091005000;
    expect(parseLbankKeyInfo(fixtures.keyInfo['read-trade-no-ip']!.body, at)).toMatchObject({
      spotTrade: 'yes',
      withdraw: 'no',
      ipRestricted: 'no',
      expiresAt: at + 30 * DAY,
    });
    expect(parseLbankKeyInfo(fixtures.keyInfo['read-only']!.body, at)).toMatchObject({ read: 'yes', spotTrade: 'no', withdraw: 'no', ipRestricted: 'yes' });
  });

  it('leaves every field unknown when the answer carries none', () => {
    expect(parseLbankKeyInfo({ result: 'true', data: {} }, 0)).toEqual({
      read: 'unknown',
      spotTrade: 'unknown',
      futuresTrade: 'unknown',
      withdraw: 'unknown',
      transfer: 'unknown',
      ipRestricted: 'unknown',
    });
  });
});

interface Refusal extends RefusalCase {
  text: string;
}

const balanceCall = (exchange: { fetchBalance: () => Promise<unknown> }) => exchange.fetchBalance();

const refusals: Refusal[] = [
  {
    name: 'a wrong secret',
    creds: { secret: KEY.secret.replace(/^9e/, '8e') },
    error: ccxt.AuthenticationError,
    text: 'Invalid signature',
    verdict: 'bad_secret',
  },
  {
    name: 'a key LBank does not know',
    creds: { apiKey: '6a8d4f1a-b040-4ac4-9bda-534d71f4cb29' },
    error: ccxt.AuthenticationError,
    text: 'Secret key does not exist',
    verdict: 'bad_key',
  },
  { name: 'a deleted key', profile: { state: 'revoked' }, error: ccxt.AuthenticationError, text: 'Secret key does not exist', verdict: 'bad_key' },
  {
    name: "a caller outside the key's IP list",
    profile: { ips: ['203.0.113.9'] },
    error: ccxt.PermissionDenied,
    text: 'Invalid authorization',
    verdict: 'permission_missing',
  },
  {
    name: 'a balance read by a key without read permission',
    profile: { read: false },
    call: balanceCall,
    error: ccxt.PermissionDenied,
    text: 'Invalid authorization',
    verdict: 'permission_missing',
  },
  {
    name: 'a request whose timestamp LBank rejects',
    rejectTimestamps: true,
    error: ccxt.BadRequest,
    text: 'intercepted by replay attacks filter, check timestamp',
    verdict: 'clock_skew',
  },
];

describe('lbank refusals', () => {
  for (const r of refusals)
    it(`refuses ${r.name} with "${r.text}"`, async () => {
      const err = await refusal(r);
      expect(err.constructor).toBe(r.error);
      expect(err.message).toBe(r.text);
      expect(classify(err)).toBe(r.verdict);
    });

  it('reports a key without read permission as one that cannot read', async () => {
    withKey({ read: false });
    expect((await keyInfo()).read).toBe('no');
  });

  it('never echoes the secret in a refusal', async () => {
    const err = await failure(keyInfo(preloaded(KEY, 'WRONGSECRETWRONGSECRET00000000ab')));
    expect(err.message).not.toContain('WRONGSECRET');
    expect(err.message).not.toContain(KEY.secret);
  });
});

describe('lbank faults', () => {
  itRaisesOnEachFault(k, ID, () => keyInfo(), [
    { name: 'reads a rate limit as one', fault: { rateLimit: { retryAfterSec: 2 } }, error: ccxt.RateLimitExceeded, verdict: 'rate_limited' },
    { name: "reads LBank's upgrade answer as maintenance", fault: { maintenance: true }, error: ccxt.ExchangeError, verdict: 'maintenance' },
    { name: 'turns a permission answer that is not JSON into a ccxt error', fault: { malformedJson: true }, error: ccxt.NullResponse, verdict: null },
    // ccxt signs LBank requests with the local clock (milliseconds(), not timeDifference), so no offset can correct it
    { name: 'refuses a clock 10 s ahead as a timestamp problem', fault: { clockSkewMs: 10_000 }, error: ccxt.BadRequest, verdict: 'clock_skew' },
  ]);
});

describe('lbank key check through the gateway', () => {
  const h = useGatewayAgainstSim({ validationTimeoutMs: 2_500 });

  it('proves an IP-bound key and reads its permissions with one signed request', async () => {
    const { creds } = h.key(ID, { ips: ['127.0.0.1', '::1', '::ffff:127.0.0.1'] });
    const result = await h.gateway.validate(ID, creds);
    expect(result.ok).toBe(true);
    expect(result.permissions).toMatchObject({ read: 'yes', spotTrade: 'yes', withdraw: 'no', ipRestricted: 'yes' });
    expect(result.warnings).not.toContain('expiry_rule');
    expect(h.sim.stats(ID).privateRequests).toBe(1);
  });

  it('warns that an unbound key expires 30 days after LBank created it', async () => {
    const createdAt = Date.now() - 3 * DAY;
    const { creds } = h.key(ID, { createdAt });
    const result = await h.gateway.validate(ID, creds);
    expect(result.ok).toBe(true);
    expect(result.permissions.expiresAt).toBe(createdAt + 30 * DAY);
    expect(result.warnings).toEqual(expect.arrayContaining(['no_ip_restriction', 'expiry_rule']));
  });

  it('refuses to store a key that may withdraw', async () => {
    const { creds } = h.key(ID, { withdraw: true, ips: ['127.0.0.1', '::1', '::ffff:127.0.0.1'] });
    const result = await h.gateway.validate(ID, creds);
    expect(result.ok).toBe(false);
    expect(result.verdict?.kind).toBe('withdraw_enabled');
  });

  it("refuses a key that may not read, and says LBank's answer may also mean an IP outside the key's list", async () => {
    const { creds } = h.key(ID, { read: false });
    const readless = await h.gateway.validate(ID, creds);
    expect(readless.verdict?.kind).toBe('permission_missing');
    const { creds: elsewhere } = h.key(ID, { ips: ['203.0.113.9'] });
    const outside = await h.gateway.validate(ID, elsewhere);
    expect(outside.verdict?.kind).toBe('permission_missing');
    expect(outside.verdict?.advice.join(' ')).toContain('not bound to');
  });
});
