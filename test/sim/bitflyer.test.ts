import { describe, expect, it } from 'vitest';
import ccxt from 'ccxt';
import { getExchange } from '../../src/exchanges/catalog.js';
import { parseBitflyerPermissions } from '../../src/exchanges/profiles/bitflyer.js';
import { useGatewayAgainstSim } from '../exchanges/harness.js';
import { fixtures } from '../fixtures/exchanges/bitflyer.js';
import { itRaisesOnEachFault } from './fault-table.js';
import type { KeyProfile } from './types.js';
import { useSimExchange, type RefusalCase } from './fixture.js';

const ID = 'bitflyer';
const KEY = { apiKey: 'Gk3YtQ9wXe2RbN7vLm4PzA', secret: 'Hq8Vn2Jt6Yw0Xc4Bm9Lk1Rs5Dg7Fp3Za2Ue8Ti6Ow0=' };
const BALANCES = { JPY: { free: 508000, used: 516078 }, BTC: { free: 4.12, used: 6.12 } };
const STANDING = { ...KEY, balances: BALANCES };

const k = useSimExchange(ID, { key: STANDING });
const { register, preloaded, keyInfo, failure, refusal, classify } = k;
const withKey = (patch: Partial<KeyProfile> = {}): void => void register({ ...STANDING, ...patch });

describe('ccxt upgrade canary: bitflyer through real ccxt', () => {
  it('costs exactly one request for the key-info call', async () => {
    await keyInfo();
    expect(k.sim.stats(ID).byRoute).toEqual({ 'GET /v1/me/getpermissions': 1 });
  });

  it('reads the balance as amounts and available amounts', async () => {
    const balance = await preloaded().fetchBalance();
    expect(balance.JPY).toMatchObject({ free: 508000, total: 1024078 });
    expect(k.sim.stats(ID).requests).toBe(1);
  });

  it('loads markets from the Japanese, US and European lists', () => {
    expect(Object.keys(k.markets)).toEqual(expect.arrayContaining(['BTC/JPY', 'BTC/USD', 'BTC/EUR', 'BTC/JPY:JPY']));
  });
});

describe('bitflyer key info', () => {
  it('reports a read and trade key, and nothing about IP addresses', async () => {
    expect(await keyInfo()).toEqual({
      read: 'yes',
      spotTrade: 'yes',
      futuresTrade: 'yes',
      withdraw: 'no',
      transfer: 'unknown',
      ipRestricted: 'unknown',
    });
  });

  it('reports a read-only key', async () => {
    withKey({ spotTrade: false });
    expect(await keyInfo()).toMatchObject({ read: 'yes', spotTrade: 'no', futuresTrade: 'no', withdraw: 'no' });
  });

  it('reports a key that may withdraw', async () => {
    withKey({ withdraw: true });
    expect(await keyInfo()).toMatchObject({ withdraw: 'yes' });
  });

  it('reports a key that may not read the balance', async () => {
    withKey({ read: false, spotTrade: false });
    expect(await keyInfo()).toMatchObject({ read: 'no', spotTrade: 'no', withdraw: 'no' });
  });

  it('reads the documented example as a key that may read but neither order nor withdraw', () => {
    expect(parseBitflyerPermissions(fixtures.keyInfo['documented-example']!.body)).toEqual({
      read: 'yes',
      spotTrade: 'no',
      futuresTrade: 'no',
      withdraw: 'no',
      transfer: 'unknown',
      ipRestricted: 'unknown',
    });
  });

  it('counts sending coins out as withdrawing', () => {
    expect(parseBitflyerPermissions(fixtures.keyInfo['coin-sending']!.body)).toMatchObject({ withdraw: 'yes', spotTrade: 'no' });
  });

  it('leaves withdrawal open when the list holds a path bitFlyer does not document', () => {
    expect(parseBitflyerPermissions(fixtures.keyInfo['unlisted-path']!.body)).toMatchObject({ read: 'yes', withdraw: 'unknown' });
  });

  it('knows nothing from an empty or malformed list', () => {
    expect(parseBitflyerPermissions([])).toMatchObject({ read: 'unknown', withdraw: 'unknown' });
    expect(parseBitflyerPermissions({ status: -500 })).toMatchObject({ read: 'unknown', withdraw: 'unknown' });
  });
});

interface Refusal extends RefusalCase {
  text: string;
}

const refusals: Refusal[] = [
  {
    name: 'a wrong secret',
    creds: { secret: KEY.secret.replace(/^Hq/, 'Jq') },
    error: ccxt.ExchangeError,
    text: 'Invalid signature',
    verdict: 'bad_credentials',
  },
  {
    name: 'a key bitFlyer does not know',
    creds: { apiKey: 'Zk3YtQ9wXe2RbN7vLm4PzA' },
    error: ccxt.ExchangeError,
    text: 'Invalid signature',
    verdict: 'bad_credentials',
  },
  { name: 'a revoked key', profile: { state: 'revoked' }, error: ccxt.ExchangeError, text: 'Invalid signature', verdict: 'bad_credentials' },
  {
    name: 'a balance read by a key not granted it',
    profile: { read: false },
    call: (e) => e.fetchBalance(),
    error: ccxt.ExchangeError,
    text: 'Permission denied',
    verdict: 'permission_missing',
  },
];

describe('bitflyer refusals', () => {
  for (const r of refusals)
    it(`refuses ${r.name} with "${r.text}"`, async () => {
      const err = await refusal(r);
      expect(err.constructor).toBe(r.error);
      expect(err.message).toContain(`"error_message":"${r.text}"`);
      expect(classify(err)).toBe(r.verdict);
    });

  it('never echoes the secret in a refusal', async () => {
    const err = await failure(keyInfo(preloaded(KEY, 'WRONGSECRETWRONGSECRET')));
    expect(err.message).not.toContain('WRONGSECRET');
    expect(err.message).not.toContain(KEY.secret);
  });
});

describe('bitflyer faults', () => {
  itRaisesOnEachFault(k, ID, () => keyInfo(), [
    // ccxt maps no status but -2: the rate limit is read from its text
    {
      name: 'reads "Over API limit" as a rate limit although ccxt raises a plain error',
      fault: { rateLimit: { retryAfterSec: 2 } },
      error: ccxt.ExchangeError,
      verdict: 'rate_limited',
    },
    { name: 'reads status -2 as maintenance', fault: { maintenance: true }, error: ccxt.OnMaintenance, verdict: undefined },
    { name: 'turns a permissions body that is not JSON into a ccxt error', fault: { malformedJson: true }, error: ccxt.BadResponse, verdict: null },
  ]);
});

describe('bitflyer key check through the gateway', () => {
  const h = useGatewayAgainstSim({ validationTimeoutMs: 2_500 });

  it('proves a key and reads its permissions with one signed request', async () => {
    const { creds } = h.key(ID);
    const result = await h.gateway.validate(ID, creds);
    expect(result.ok).toBe(true);
    expect(result.permissions).toMatchObject({ read: 'yes', spotTrade: 'yes', withdraw: 'no' });
    expect(h.sim.stats(ID).privateRequests).toBe(1);
  });

  it('refuses to store a key that may withdraw', async () => {
    const { creds } = h.key(ID, { withdraw: true });
    const result = await h.gateway.validate(ID, creds);
    expect(result.ok).toBe(false);
    expect(result.verdict?.kind).toBe('withdraw_enabled');
  });

  it('refuses a key not granted the balance call as missing a permission', async () => {
    const { creds } = h.key(ID, { read: false, spotTrade: false });
    const result = await h.gateway.validate(ID, creds);
    expect(result.ok).toBe(false);
    expect(result.verdict?.kind).toBe('permission_missing');
  });

  it('accepts a key without order calls with a "cannot trade" warning, its balance read alongside', async () => {
    const { creds } = h.key(ID, { spotTrade: false });
    const result = await h.gateway.validate(ID, creds, undefined, undefined, { preview: true });
    expect(result.ok).toBe(true);
    expect(result.warnings).toContain('cannot_trade');
    expect(result.balance).toBeDefined();
  });

  it('refuses a wrong secret as a wrong key or secret', async () => {
    const { creds } = h.key(ID);
    // a secret differing in its first character, whatever that character is
    const wrong = creds.secret!.replace(/^./, (c) => (c === 'x' ? 'y' : 'x'));
    const result = await h.gateway.validate(ID, { ...creds, secret: wrong });
    expect(result.ok).toBe(false);
    expect(result.verdict?.kind).toBe('bad_credentials');
  });

  it('is marked as a full check in /exchanges', () => {
    expect(getExchange(ID)?.fullCheck).toBe(true);
  });
});
