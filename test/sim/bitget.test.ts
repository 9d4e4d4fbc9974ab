import { describe, expect, it } from 'vitest';
import ccxt from 'ccxt';
import { bitgetProfile, parseBitgetKeyInfo } from '../../src/exchanges/profiles/bitget.js';
import type { KeyProfile } from './types.js';
import { balanceRequestsGiven, learntAccountMode } from './account-mode.js';
import { itFollowsEachSkewedClock, itRaisesOnEachFault, itRefusesEach } from './fault-table.js';
import { useSimExchange, type RefusalCase } from './fixture.js';

const ID = 'bitget';
const KEY = {
  apiKey: 'bg_4f8a2c6e1d3b5a7f9e0c2d4b6a8f1e3c',
  secret: '9d2f6b1e4a8c3f7e0b5d9a2c6f1e4b8d3a7c0f5e9b2d6a1c4f8e3b7d0a5c9f2e',
  password: 'KwSimPass2024',
};
const BALANCES = { BTC: { free: 0.25, used: 0.05 }, USDT: { free: 980.5, used: 20 } };

/** The key every test starts from; a test reshapes it with withKey. */
const STANDING = { ...KEY, balances: BALANCES };

const k = useSimExchange(ID, { key: STANDING });
const { register, fresh, preloaded, keyInfo, failure } = k;
const withKey = (patch: Partial<KeyProfile> = {}): void => void register({ ...STANDING, ...patch });

describe('ccxt upgrade canary: bitget through real ccxt', () => {
  it('answers a plain fresh fetchBalance with the spot assets after eleven requests', async () => {
    const balance = await fresh().fetchBalance();
    expect(balance.BTC).toMatchObject({ free: 0.25, used: 0.05, total: 0.3 });
    expect(balance.USDT).toMatchObject({ free: 980.5, used: 20, total: 1000.5 });
    expect(k.sim.stats(ID).requests).toBe(11);
    expect(k.sim.stats(ID).byRoute['GET /api/v2/mix/market/contracts']).toBe(6);
  });

  it('loads spot and perpetual markets', () => {
    expect(Object.keys(k.markets ?? {})).toEqual(expect.arrayContaining(['BTC/USDT', 'ETH/BTC', 'BTC/USDT:USDT', 'ETH/USDT:USDT']));
  });

  it('spends a second request on the unified-account probe when fetchBalance runs on preloaded markets', async () => {
    await preloaded().fetchBalance();
    expect(k.sim.stats(ID).byRoute).toEqual({ 'GET /api/v3/account/settings': 1, 'GET /api/v2/spot/account/assets': 1 });
  });

  it('costs exactly one request for fetchBalance on an instance given the account kind an earlier one learnt', async () => {
    const learnt = await learntAccountMode(k, bitgetProfile);
    expect(learnt).toEqual({ uta: false });
    expect(await balanceRequestsGiven(k, ID, learnt)).toBe(1);
  });

  it('costs exactly one request for the key-info call', async () => {
    await keyInfo();
    expect(k.sim.stats(ID).byRoute).toEqual({ 'GET /api/v2/spot/account/info': 1 });
  });

  it('prices spot markets through fetchTickers', async () => {
    const exchange = preloaded();
    exchange.options.uta = false;
    const tickers = await exchange.fetchTickers();
    expect(tickers['BTC/USDT']?.last).toBe(64250.12);
  });
});

describe('bitget key info', () => {
  it('reports a read and spot-trade key bound to no IP', async () => {
    expect(await keyInfo()).toEqual({
      read: 'yes',
      spotTrade: 'yes',
      futuresTrade: 'no',
      withdraw: 'no',
      transfer: 'no',
      ipRestricted: 'no',
      ipCount: 0,
    });
  });

  it('reports a read-only key', async () => {
    withKey({ spotTrade: false });
    expect(await keyInfo()).toMatchObject({ read: 'yes', spotTrade: 'no', futuresTrade: 'no' });
  });

  it('reports a key that may withdraw, trade futures and transfer', async () => {
    withKey({ withdraw: true, futuresTrade: true, transfer: true });
    expect(await keyInfo()).toMatchObject({ withdraw: 'yes', futuresTrade: 'yes', transfer: 'yes' });
  });

  it('reports an IP-restricted key with its number of addresses', async () => {
    withKey({ ips: ['127.0.0.1', '203.0.113.7'] });
    expect(await keyInfo()).toMatchObject({ ipRestricted: 'yes', ipCount: 2 });
  });

  it('reports no expiry or creation date, because bitget account info does not carry them', async () => {
    withKey({ expiresAt: Date.now() + 86_400_000 });
    const info = await keyInfo();
    expect(info.expiresAt).toBeUndefined();
    expect(info.createdAt).toBeUndefined();
  });

  it('leaves every field unknown when the answer carries none', () => {
    expect(parseBitgetKeyInfo({ code: '00000', data: { userId: '1' } })).toEqual({
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
  code: string;
}

const refusals: Refusal[] = [
  { name: 'a wrong secret', creds: { secret: KEY.secret.replace(/^9d/, '8d') }, error: ccxt.AuthenticationError, code: '40009', verdict: 'bad_secret' },
  { name: 'a secret pasted with a trailing space', creds: { secret: `${KEY.secret} ` }, error: ccxt.AuthenticationError, code: '40009', verdict: 'bad_secret' },
  {
    name: 'a key bitget does not know',
    creds: { apiKey: 'bg_00000000000000000000000000000000' },
    error: ccxt.AuthenticationError,
    code: '40006',
    verdict: 'bad_key',
  },
  { name: 'a wrong passphrase', creds: { password: 'KwSimPass2025' }, error: ccxt.AuthenticationError, code: '40012', verdict: 'bad_passphrase' },
  { name: 'a revoked key as one that no longer exists', profile: { state: 'revoked' }, error: ccxt.AuthenticationError, code: '40037', verdict: 'bad_key' },
  {
    name: 'a lapsed key as one that no longer exists',
    profile: { expiresAt: Date.now() - 1000 },
    error: ccxt.AuthenticationError,
    code: '40037',
    verdict: 'bad_key',
  },
  { name: 'a frozen user', profile: { state: 'suspended' }, error: ccxt.ExchangeError, code: '40013', verdict: 'account_suspended' },
  { name: 'a caller outside the IP whitelist', profile: { ips: ['203.0.113.7'] }, error: ccxt.PermissionDenied, code: '40018', verdict: 'ip_not_allowed' },
  {
    name: 'a balance read by a key without read permission',
    profile: { read: false },
    call: (e) => e.fetchBalance(),
    error: ccxt.PermissionDenied,
    code: '40014',
    verdict: 'permission_missing',
  },
  {
    name: 'a cancel by a key without trade permission',
    profile: { spotTrade: false },
    call: (e) => e.cancelOrder('1187654321098765432', 'BTC/USDT'),
    error: ccxt.PermissionDenied,
    code: '40014',
    verdict: 'permission_missing',
  },
  { name: 'a request whose timestamp it rejects', rejectTimestamps: true, error: ccxt.InvalidNonce, code: '40008', verdict: 'clock_skew' },
];

describe('bitget refusals', () => {
  itRefusesEach(k, refusals, { title: (r) => `refuses ${r.name} with bitget code ${r.code}`, says: (r) => `"code":"${r.code}"` });

  it('tells a made-up order apart from a missing permission when a trading key cancels', async () => {
    expect(await failure(preloaded().cancelOrder('1187654321098765432', 'BTC/USDT'))).toBeInstanceOf(ccxt.OrderNotFound);
  });

  it('never echoes the secret or passphrase in a refusal', async () => {
    const err = await failure(keyInfo(preloaded({ ...KEY, password: 'wrong-pass' })));
    expect(err.message).not.toContain(KEY.secret);
    expect(err.message).not.toContain('wrong-pass');
  });
});

describe('bitget faults', () => {
  itRaisesOnEachFault(k, ID, () => keyInfo(), [
    {
      name: 'raises DDoSProtection on 429 with bitget code 429',
      fault: { rateLimit: { retryAfterSec: 2 } },
      error: ccxt.DDoSProtection,
      verdict: 'rate_limited',
    },
    { name: 'raises ExchangeNotAvailable on a 502', fault: { serverError: 502 }, error: ccxt.ExchangeNotAvailable },
    { name: 'raises OnMaintenance during a server upgrade', fault: { maintenance: true }, error: ccxt.OnMaintenance, verdict: 'maintenance' },
    { name: 'turns a key-info body that is not JSON into a ccxt error', fault: { malformedJson: true }, error: ccxt.BadResponse },
    {
      name: 'raises RestrictedLocation from a restricted location',
      fault: { restrictedLocation: true },
      error: ccxt.RestrictedLocation,
      verdict: 'wrong_region',
    },
  ]);

  it('hands back an empty balance, not an error, when the balance body is not JSON', async () => {
    const exchange = preloaded();
    exchange.options.uta = false;
    k.sim.setFault(ID, { malformedJson: true });
    const balance = await exchange.fetchBalance();
    expect(balance.total).toEqual({});
  });

  itFollowsEachSkewedClock(k, ID, { exchange: () => preloaded(), signed: (exchange) => keyInfo(exchange), shows: { read: 'yes' } }, [
    { name: 'reports the skewed clock through fetchTime', skewMs: 5_000, serverTimeAhead: { above: 4_000 } },
    { name: 'survives a clock 5 s ahead after loadTimeDifference', skewMs: 5_000, timeDifference: { below: -4_000 } },
    { name: 'refuses a clock 45 s ahead until loadTimeDifference corrects the nonce', skewMs: 45_000, refusedWith: ccxt.InvalidNonce },
  ]);
});
