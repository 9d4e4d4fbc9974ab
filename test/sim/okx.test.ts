import { describe, expect, it } from 'vitest';
import ccxt from 'ccxt';
import { parseOkxKeyInfo } from '../../src/exchanges/profiles/okx.js';
import type { KeyProfile } from './types.js';
import { itFollowsEachSkewedClock, itRaisesOnEachFault, itRefusesEach } from './fault-table.js';
import { useSimExchange, type RefusalCase } from './fixture.js';

const ID = 'okx';
const KEY = { apiKey: '5f0c8e2a-3b7d-4c1e-9a6f-2d8b4e7c1a90', secret: '8C2E4F6A1B3D5E7F9A0C2B4D6E8F1A3C', password: 'Kw-sim-Pass#2024' };
const BALANCES = { BTC: { free: 0.25, used: 0.05 }, USDT: { free: 980.5, used: 20 } };

/** The key every test starts from; a test reshapes it with withKey. */
const STANDING = { ...KEY, balances: BALANCES };

const k = useSimExchange(ID, { key: STANDING });
const { register, fresh, preloaded, keyInfo, failure } = k;
const withKey = (patch: Partial<KeyProfile> = {}): void => void register({ ...STANDING, ...patch });

describe('ccxt upgrade canary: okx through real ccxt', () => {
  it('answers a plain fresh fetchBalance with the key balances after seven requests', async () => {
    const balance = await fresh().fetchBalance();
    expect(balance.BTC).toMatchObject({ free: 0.25, used: 0.05, total: 0.3 });
    expect(balance.USDT).toMatchObject({ free: 980.5, used: 20, total: 1000.5 });
    expect(k.sim.stats(ID).requests).toBe(7);
    expect(k.sim.stats(ID).byRoute['GET /api/v5/public/instruments']).toBe(5);
  });

  it('loads spot, swap and futures markets', () => {
    expect(Object.keys(k.markets ?? {})).toEqual(expect.arrayContaining(['BTC/USDT', 'ETH/BTC', 'BTC/USDT:USDT', 'BTC/USD:BTC-261231']));
  });

  it('costs exactly one request for fetchBalance when markets are preloaded', async () => {
    await preloaded().fetchBalance();
    expect(k.sim.stats(ID)).toMatchObject({ requests: 1, privateRequests: 1 });
  });

  it('costs exactly one request for the key-info call', async () => {
    await keyInfo();
    expect(k.sim.stats(ID).byRoute).toEqual({ 'GET /api/v5/account/config': 1 });
  });

  it('prices spot markets through fetchTickers', async () => {
    const tickers = await preloaded().fetchTickers();
    expect(tickers['BTC/USDT']?.last).toBe(64250.1);
  });
});

describe('okx key info', () => {
  it('reports a read and trade key that is bound to no IP', async () => {
    expect(await keyInfo()).toEqual({
      read: 'yes',
      spotTrade: 'yes',
      futuresTrade: 'yes',
      withdraw: 'no',
      transfer: 'unknown',
      ipRestricted: 'no',
      ipCount: 0,
    });
  });

  it('reports a read-only key', async () => {
    withKey({ spotTrade: false });
    expect(await keyInfo()).toMatchObject({ read: 'yes', spotTrade: 'no', futuresTrade: 'no', withdraw: 'no' });
  });

  it('reports a key that may withdraw', async () => {
    withKey({ withdraw: true });
    expect((await keyInfo()).withdraw).toBe('yes');
  });

  it('reports an IP-restricted key with its number of addresses', async () => {
    withKey({ ips: ['127.0.0.1', '203.0.113.7'] });
    expect(await keyInfo()).toMatchObject({ ipRestricted: 'yes', ipCount: 2 });
  });

  it('reports no expiry or creation date, because okx config does not carry them', async () => {
    withKey({ expiresAt: Date.now() + 86_400_000, createdAt: Date.now() - 86_400_000 });
    const info = await keyInfo();
    expect(info.expiresAt).toBeUndefined();
    expect(info.createdAt).toBeUndefined();
  });

  it('leaves every field unknown when the answer carries none', () => {
    expect(parseOkxKeyInfo({ code: '0', data: [{ label: 'x' }] })).toEqual({
      read: 'unknown',
      spotTrade: 'unknown',
      futuresTrade: 'unknown',
      withdraw: 'unknown',
      transfer: 'unknown',
      ipRestricted: 'unknown',
    });
    expect(parseOkxKeyInfo(undefined).read).toBe('unknown');
  });
});

interface Refusal extends RefusalCase {
  code: string;
}

const refusals: Refusal[] = [
  { name: 'a wrong secret', creds: { secret: '0C2E4F6A1B3D5E7F9A0C2B4D6E8F1A3C' }, error: ccxt.AuthenticationError, code: '50113', verdict: 'bad_secret' },
  { name: 'a secret pasted with a trailing space', creds: { secret: `${KEY.secret} ` }, error: ccxt.AuthenticationError, code: '50113', verdict: 'bad_secret' },
  {
    name: 'a key okx does not know',
    creds: { apiKey: '00000000-0000-4000-8000-000000000000' },
    error: ccxt.AuthenticationError,
    code: '50111',
    verdict: 'bad_key',
  },
  { name: 'a wrong passphrase', creds: { password: 'Kw-sim-Pass#2025' }, error: ccxt.AuthenticationError, code: '50105', verdict: 'bad_passphrase' },
  { name: 'a revoked key as unknown', profile: { state: 'revoked' }, error: ccxt.AuthenticationError, code: '50111', verdict: 'bad_key' },
  {
    name: 'a lapsed key as unknown, since okx deletes it',
    profile: { expiresAt: Date.now() - 1000 },
    error: ccxt.AuthenticationError,
    code: '50111',
    verdict: 'bad_key',
  },
  { name: 'a blocked account', profile: { state: 'suspended' }, error: ccxt.AccountSuspended, code: '50007', verdict: 'account_suspended' },
  { name: 'a caller outside the IP whitelist', profile: { ips: ['203.0.113.7'] }, error: ccxt.PermissionDenied, code: '50110', verdict: 'ip_not_allowed' },
  {
    name: 'a balance read by a key without read permission',
    profile: { read: false },
    call: (e) => e.fetchBalance(),
    error: ccxt.ExchangeError,
    code: '50120',
    verdict: 'permission_missing',
  },
  {
    name: 'a cancel by a key without trade permission',
    profile: { spotTrade: false },
    call: (e) => e.cancelOrder('6124518960', 'BTC/USDT'),
    error: ccxt.ExchangeError,
    code: '50120',
    verdict: 'permission_missing',
  },
  { name: 'a request whose timestamp it rejects', rejectTimestamps: true, error: ccxt.InvalidNonce, code: '50102', verdict: 'clock_skew' },
];

describe('okx refusals', () => {
  itRefusesEach(k, refusals, { title: (r) => `refuses ${r.name} with okx code ${r.code}`, says: (r) => `"code":"${r.code}"` });

  it('tells a made-up order apart from a missing permission when a trading key cancels', async () => {
    const err = await failure(preloaded().cancelOrder('6124518960', 'BTC/USDT'));
    expect(err).toBeInstanceOf(ccxt.OrderNotFound);
  });

  it('never echoes the secret or passphrase in a refusal', async () => {
    const err = await failure(keyInfo(preloaded({ ...KEY, password: 'wrong-pass' })));
    expect(err.message).not.toContain(KEY.secret);
    expect(err.message).not.toContain('wrong-pass');
  });
});

describe('okx faults', () => {
  itRaisesOnEachFault(k, ID, () => keyInfo(), [
    {
      name: 'raises RateLimitExceeded on 429 with okx code 50011',
      fault: { rateLimit: { retryAfterSec: 2 } },
      error: ccxt.RateLimitExceeded,
      verdict: 'rate_limited',
    },
    { name: 'raises ExchangeNotAvailable on a 502', fault: { serverError: 502 }, error: ccxt.ExchangeNotAvailable },
    { name: 'raises OnMaintenance during maintenance', fault: { maintenance: true }, error: ccxt.OnMaintenance, verdict: 'maintenance' },
    { name: 'turns a key-info body that is not JSON into a ccxt error', fault: { malformedJson: true }, error: ccxt.BadResponse },
    {
      name: 'refuses a restricted location with a verdict of wrong region',
      fault: { restrictedLocation: true },
      error: ccxt.ExchangeError,
      verdict: 'wrong_region',
    },
  ]);

  it('hands back an empty balance, not an error, when the balance body is not JSON', async () => {
    k.sim.setFault(ID, { malformedJson: true });
    const balance = await preloaded().fetchBalance();
    expect(typeof balance.info).toBe('string');
    expect(balance.total).toEqual({});
  });

  itFollowsEachSkewedClock(k, ID, { exchange: () => preloaded(), signed: (exchange) => keyInfo(exchange), shows: { read: 'yes' } }, [
    { name: 'reports the skewed clock through fetchTime', skewMs: 5_000, serverTimeAhead: { above: 4_000 } },
    { name: 'survives a clock 5 s ahead after loadTimeDifference', skewMs: 5_000, timeDifference: { below: -4_000 } },
    { name: 'refuses a clock 45 s ahead until loadTimeDifference corrects the nonce', skewMs: 45_000, refusedWith: ccxt.InvalidNonce },
  ]);
});
