import { describe, expect, it } from 'vitest';
import ccxt from 'ccxt';
import { gateProfile, parseGateKeyInfo } from '../../src/exchanges/profiles/gate.js';
import type { KeyProfile } from './types.js';
import { balanceRequestsGiven, learntAccountMode } from './account-mode.js';
import { itFollowsEachSkewedClock, itRaisesOnEachFault, itRefusesEach } from './fault-table.js';
import { useSimExchange, type RefusalCase } from './fixture.js';

const ID = 'gate';
const KEY = {
  apiKey: '7c1e9a4f2b6d8e0a3c5f7b9d1e2a4c6f',
  secret: '4b8e2d6a0c9f3e7b1d5a8c2f6e0b4d9a3c7e1f5b8d2a6c0e4f9b3d7a1c5e8f2b',
};
const BALANCES = { BTC: { free: 0.25, used: 0.05 }, USDT: { free: 980.5, used: 20 } };
const MADE_UP_ORDER = '482913765021';

/** The key every test starts from; a test reshapes it with withKey. */
const STANDING = { ...KEY, balances: BALANCES };

const k = useSimExchange(ID, { key: STANDING });
const { register, fresh, preloaded, keyInfo, failure, classify } = k;
const withKey = (patch: Partial<KeyProfile> = {}): void => void register({ ...STANDING, ...patch });
const tradeProbe = (exchange = preloaded()) => exchange.cancelOrder(MADE_UP_ORDER, gateProfile.tradeProbe!.symbol);

describe('ccxt upgrade canary: gate through real ccxt', () => {
  it('answers a plain fresh fetchBalance with the spot balances after nine requests', async () => {
    const balance = await fresh().fetchBalance();
    expect(balance.BTC).toMatchObject({ free: 0.25, used: 0.05, total: 0.3 });
    expect(balance.USDT).toMatchObject({ free: 980.5, used: 20, total: 1000.5 });
    expect(k.sim.stats(ID)).toMatchObject({ requests: 9, privateRequests: 2 });
  });

  it('loads spot and perpetual markets', () => {
    expect(Object.keys(k.markets ?? {})).toEqual(expect.arrayContaining(['BTC/USDT', 'ETH/BTC', 'BTC/USDT:USDT', 'ETH/USDT:USDT']));
  });

  it('spends a second request on the account-mode lookup when fetchBalance runs on preloaded markets', async () => {
    await preloaded().fetchBalance();
    expect(k.sim.stats(ID).byRoute).toEqual({ 'GET /api/v4/account/detail': 1, 'GET /api/v4/spot/accounts': 1 });
  });

  it('costs exactly one request for fetchBalance on an instance given the account mode an earlier one learnt', async () => {
    const learnt = await learntAccountMode(k, gateProfile);
    expect(learnt).toEqual({ unifiedAccount: false });
    expect(await balanceRequestsGiven(k, ID, learnt)).toBe(1);
  });

  it('costs exactly one request for the key-info call', async () => {
    await keyInfo();
    expect(k.sim.stats(ID).byRoute).toEqual({ 'GET /api/v4/account/detail': 1 });
  });

  it('prices spot markets through fetchTickers', async () => {
    const tickers = await preloaded().fetchTickers();
    expect(tickers['SOL/USDT']?.last).toBe(148.321);
  });
});

describe('gate key info', () => {
  const unknownFlags = { read: 'unknown', spotTrade: 'unknown', futuresTrade: 'unknown', withdraw: 'unknown', transfer: 'unknown' };

  it('reports a key bound to no IP and leaves its permissions unknown, as gate does not list them', async () => {
    expect(await keyInfo()).toEqual({ ...unknownFlags, ipRestricted: 'no', ipCount: 0 });
  });

  it('cannot tell a read-only key from a trading key by key info alone', async () => {
    withKey({ spotTrade: false });
    expect(await keyInfo()).toMatchObject(unknownFlags);
  });

  it('does not claim to know whether a key may withdraw', async () => {
    withKey({ withdraw: true });
    expect((await keyInfo()).withdraw).toBe('unknown');
  });

  it('reports an IP-restricted key with its number of addresses', async () => {
    withKey({ ips: ['127.0.0.1', '203.0.113.7', '198.51.100.20'] });
    expect(await keyInfo()).toMatchObject({ ipRestricted: 'yes', ipCount: 3 });
  });

  it('reports no expiry, because gate account detail does not carry one', async () => {
    withKey({ expiresAt: Date.now() + 86_400_000 });
    expect((await keyInfo()).expiresAt).toBeUndefined();
  });

  it('leaves IP restriction unknown when the answer carries no whitelist', () => {
    expect(parseGateKeyInfo({ user_id: 1, key: { mode: 1 } })).toEqual({ ...unknownFlags, ipRestricted: 'unknown' });
  });

  it('finds a made-up order missing with a key that may trade, which proves trade permission', async () => {
    expect(await failure(tradeProbe())).toBeInstanceOf(ccxt.OrderNotFound);
  });

  it('refuses the trade probe of a read-only key as READ_ONLY', async () => {
    withKey({ spotTrade: false });
    const err = await failure(tradeProbe());
    expect(err).toBeInstanceOf(ccxt.PermissionDenied);
    expect(classify(err)).toBe('permission_missing');
  });
});

interface Refusal extends RefusalCase {
  label: string;
}

const refusals: Refusal[] = [
  {
    name: 'a wrong secret',
    creds: { secret: KEY.secret.replace(/^4b/, '5b') },
    error: ccxt.AuthenticationError,
    label: 'INVALID_SIGNATURE',
    verdict: 'bad_secret',
  },
  {
    name: 'a secret pasted with a trailing space',
    creds: { secret: `${KEY.secret} ` },
    error: ccxt.AuthenticationError,
    label: 'INVALID_SIGNATURE',
    verdict: 'bad_secret',
  },
  {
    name: 'a key gate does not know',
    creds: { apiKey: '00000000000000000000000000000000' },
    error: ccxt.AuthenticationError,
    label: 'INVALID_KEY',
    verdict: 'bad_key',
  },
  { name: 'a revoked key as unknown', profile: { state: 'revoked' }, error: ccxt.AuthenticationError, label: 'INVALID_KEY', verdict: 'bad_key' },
  { name: 'a lapsed key as unknown', profile: { expiresAt: Date.now() - 1000 }, error: ccxt.AuthenticationError, label: 'INVALID_KEY', verdict: 'bad_key' },
  { name: 'a locked account', profile: { state: 'suspended' }, error: ccxt.AccountSuspended, label: 'ACCOUNT_LOCKED', verdict: 'account_suspended' },
  {
    name: 'a caller outside the IP whitelist',
    profile: { ips: ['203.0.113.7'] },
    error: ccxt.AuthenticationError,
    label: 'IP_FORBIDDEN',
    verdict: 'ip_not_allowed',
  },
  {
    name: 'a balance read by a key without read permission',
    profile: { read: false },
    call: (e) => e.fetchBalance(),
    error: ccxt.PermissionDenied,
    label: 'FORBIDDEN',
    verdict: 'permission_missing',
  },
  {
    name: 'a cancel by a read-only key',
    profile: { spotTrade: false },
    call: (e) => tradeProbe(e),
    error: ccxt.PermissionDenied,
    label: 'READ_ONLY',
    verdict: 'permission_missing',
  },
  { name: 'a request whose timestamp it rejects', rejectTimestamps: true, error: ccxt.AuthenticationError, label: 'REQUEST_EXPIRED', verdict: 'clock_skew' },
];

describe('gate refusals', () => {
  itRefusesEach(k, refusals, { title: (r) => `refuses ${r.name} with gate label ${r.label}`, says: (r) => `"label":"${r.label}"` });

  it('never echoes the secret in a refusal', async () => {
    const err = await failure(keyInfo(preloaded({ ...KEY, secret: `${KEY.secret} ` })));
    expect(err.message).not.toContain(KEY.secret);
  });
});

describe('gate faults', () => {
  itRaisesOnEachFault(k, ID, () => keyInfo(), [
    {
      name: 'raises RateLimitExceeded on 429 with label TOO_MANY_REQUESTS',
      fault: { rateLimit: { retryAfterSec: 2 } },
      error: ccxt.RateLimitExceeded,
      verdict: 'rate_limited',
    },
    { name: 'raises ExchangeNotAvailable on a 502', fault: { serverError: 502 }, error: ccxt.ExchangeNotAvailable },
    {
      name: 'raises ExchangeNotAvailable during maintenance, which gate does not tell apart from an outage',
      fault: { maintenance: true },
      error: ccxt.ExchangeNotAvailable,
      verdict: 'exchange_down',
    },
    { name: 'turns a key-info body that is not JSON into a ccxt error', fault: { malformedJson: true }, error: ccxt.BadResponse },
    {
      name: 'refuses a restricted location with a verdict of wrong region, told apart from FORBIDDEN by its text',
      fault: { restrictedLocation: true },
      error: ccxt.PermissionDenied,
      verdict: 'wrong_region',
    },
  ]);

  it('ccxt upgrade canary: lets ccxt fail with a plain TypeError when the balance body is not JSON', async () => {
    const exchange = preloaded();
    exchange.options.unifiedAccount = false;
    k.sim.setFault(ID, { malformedJson: true });
    const err = await failure(exchange.fetchBalance());
    expect(err).toBeInstanceOf(TypeError);
    expect(err).not.toBeInstanceOf(ccxt.BaseError);
  });

  itFollowsEachSkewedClock(k, ID, { exchange: () => preloaded(), signed: (exchange) => keyInfo(exchange), shows: { ipRestricted: 'no' } }, [
    { name: 'reports the skewed clock through fetchTime', skewMs: 5_000, serverTimeAhead: { above: 4_000 } },
    { name: 'survives a clock 5 s ahead after loadTimeDifference', skewMs: 5_000, timeDifference: { below: -4_000 } },
    { name: 'refuses a clock 75 s ahead until loadTimeDifference corrects the nonce', skewMs: 75_000, refusedWith: ccxt.AuthenticationError },
  ]);
});
