import { describe, expect, it } from 'vitest';
import ccxt from 'ccxt';
import { kucoinProfile, parseKucoinKeyInfo } from '../../src/exchanges/profiles/kucoin.js';
import type { KeyProfile } from './types.js';
import { balanceRequestsGiven, learntAccountMode } from './account-mode.js';
import { itFollowsEachSkewedClock, itRaisesOnEachFault, itRefusesEach } from './fault-table.js';
import { useSimExchange, type RefusalCase } from './fixture.js';

const ID = 'kucoin';
const KEY = { apiKey: '6632a1f0c5e8b30001a7f4e2', secret: '3f9e1c2a-7b4d-4e8f-a1c6-0d2b5e9f7a13', password: 'Kw-sim-Pass#2024' };
const BALANCES = { BTC: { free: 0.25, used: 0.05 }, USDT: { free: 980.5, used: 20 } };
const CREATED = Date.UTC(2024, 2, 14, 9, 30);

/** The key every test starts from; a test reshapes it with withKey. */
const STANDING = { ...KEY, balances: BALANCES, createdAt: CREATED };

const k = useSimExchange(ID, { key: STANDING });
const { register, fresh, preloaded, keyInfo, failure } = k;
const withKey = (patch: Partial<KeyProfile> = {}): void => void register({ ...STANDING, ...patch });

describe('ccxt upgrade canary: kucoin through real ccxt', () => {
  it('answers a plain fresh fetchBalance with the trade-account balances after nine requests', async () => {
    const balance = await fresh().fetchBalance();
    expect(balance.BTC).toMatchObject({ free: 0.25, used: 0.05, total: 0.3 });
    expect(balance.USDT).toMatchObject({ free: 980.5, used: 20, total: 1000.5 });
    expect(k.sim.stats(ID)).toMatchObject({ requests: 9, privateRequests: 5 });
  });

  it('loads spot and perpetual markets', () => {
    expect(Object.keys(k.markets ?? {})).toEqual(expect.arrayContaining(['BTC/USDT', 'ETH/BTC', 'BTC/USDT:USDT', 'ETH/USDT:USDT']));
  });

  it('spends a second request on the account-mode lookup when fetchBalance runs on preloaded markets', async () => {
    await preloaded().fetchBalance();
    expect(k.sim.stats(ID).byRoute).toEqual({ 'GET /api/ua/v1/account/mode': 1, 'GET /api/v1/accounts': 1 });
  });

  it('costs exactly one request for fetchBalance on an instance given the account mode an earlier one learnt', async () => {
    const learnt = await learntAccountMode(k, kucoinProfile);
    expect(learnt.uta).toBe(false);
    expect(await balanceRequestsGiven(k, ID, learnt)).toBe(1);
  });

  it('costs two requests for the key-info call: the key, and whether the account is HF', async () => {
    await keyInfo();
    expect(k.sim.stats(ID).byRoute).toEqual({ 'GET /api/v1/user/api-key': 1, 'GET /api/v1/hf/accounts/opened': 1 });
  });

  it('asks nothing more about HF once an earlier call learnt it', async () => {
    const exchange = preloaded();
    exchange.options.hf = false;
    await keyInfo(exchange);
    expect(k.sim.stats(ID).byRoute).toEqual({ 'GET /api/v1/user/api-key': 1 });
  });

  it('prices spot markets through fetchTickers', async () => {
    const tickers = await preloaded().fetchTickers();
    expect(tickers['ETH/USDT']?.last).toBe(3120.55);
  });
});

describe('kucoin key info', () => {
  it('reports a general and spot key bound to no IP, with its creation time', async () => {
    expect(await keyInfo()).toEqual({
      read: 'yes',
      spotTrade: 'yes',
      futuresTrade: 'no',
      withdraw: 'no',
      transfer: 'no',
      ipRestricted: 'no',
      ipCount: 0,
      createdAt: CREATED,
    });
  });

  it('reports a read-only (General) key', async () => {
    withKey({ spotTrade: false });
    expect(await keyInfo()).toMatchObject({ read: 'yes', spotTrade: 'no', futuresTrade: 'no' });
  });

  it('reports futures, withdraw and transfer permissions', async () => {
    withKey({ futuresTrade: true, withdraw: true, transfer: true });
    expect(await keyInfo()).toMatchObject({ futuresTrade: 'yes', withdraw: 'yes', transfer: 'yes' });
  });

  it('counts masked whitelist addresses of an IP-restricted key', async () => {
    withKey({ ips: ['127.0.0.1', '203.0.113.7', '198.51.100.20'] });
    expect(await keyInfo()).toMatchObject({ ipRestricted: 'yes', ipCount: 3 });
  });

  it('reports no expiry, because kucoin key info does not carry one', async () => {
    withKey({ expiresAt: Date.now() + 86_400_000 });
    expect((await keyInfo()).expiresAt).toBeUndefined();
  });

  it('leaves every field unknown when the answer carries none', () => {
    expect(parseKucoinKeyInfo({ code: '200000', data: { remark: 'x' } })).toEqual({
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
  // the passphrase header is an HMAC keyed by the secret, so kucoin sees a wrong secret as a wrong passphrase
  {
    name: 'a wrong secret',
    creds: { secret: '3f9e1c2a-7b4d-4e8f-a1c6-0d2b5e9f7a14' },
    error: ccxt.AuthenticationError,
    code: '400004',
    verdict: 'bad_credentials',
  },
  {
    name: 'a secret pasted with a trailing space',
    creds: { secret: `${KEY.secret} ` },
    error: ccxt.AuthenticationError,
    code: '400004',
    verdict: 'bad_credentials',
  },
  { name: 'a wrong passphrase', creds: { password: 'Kw-sim-Pass#2025' }, error: ccxt.AuthenticationError, code: '400004', verdict: 'bad_credentials' },
  {
    name: 'a key spot does not know, such as a KuCoin Futures key',
    creds: { apiKey: '6632a1f0c5e8b30001a7f4ff' },
    error: ccxt.AuthenticationError,
    code: '400003',
    verdict: 'bad_key',
  },
  { name: 'a revoked key as unknown', profile: { state: 'revoked' }, error: ccxt.AuthenticationError, code: '400003', verdict: 'bad_key' },
  { name: 'a lapsed key as unknown', profile: { expiresAt: Date.now() - 1000 }, error: ccxt.AuthenticationError, code: '400003', verdict: 'bad_key' },
  { name: 'a frozen user', profile: { state: 'suspended' }, error: ccxt.AccountSuspended, code: '411100', verdict: 'account_suspended' },
  { name: 'a caller outside the IP whitelist', profile: { ips: ['203.0.113.7'] }, error: ccxt.AuthenticationError, code: '400006', verdict: 'ip_not_allowed' },
  {
    name: 'a balance read by a key without General permission',
    profile: { read: false },
    call: (e) => e.fetchBalance(),
    error: ccxt.AuthenticationError,
    code: '400007',
    verdict: 'permission_missing',
  },
  {
    name: 'a cancel by a key without Spot permission',
    profile: { spotTrade: false },
    call: (e) => e.cancelOrder('6632b7e1d4f0a20007c3e1f9', 'BTC/USDT'),
    error: ccxt.AuthenticationError,
    code: '400007',
    verdict: 'permission_missing',
  },
  { name: 'a request whose timestamp it rejects', rejectTimestamps: true, error: ccxt.InvalidNonce, code: '400002', verdict: 'clock_skew' },
];

describe('kucoin refusals', () => {
  itRefusesEach(k, refusals, { title: (r) => `refuses ${r.name} with kucoin code ${r.code}`, says: (r) => `"code":"${r.code}"` });

  it('tells a made-up order apart from a missing permission when a trading key cancels', async () => {
    expect(await failure(preloaded().cancelOrder('6632b7e1d4f0a20007c3e1f9', 'BTC/USDT'))).toBeInstanceOf(ccxt.OrderNotFound);
  });

  it('never echoes the secret or passphrase in a refusal', async () => {
    const err = await failure(keyInfo(preloaded({ ...KEY, password: 'wrong-pass' })));
    expect(err.message).not.toContain(KEY.secret);
    expect(err.message).not.toContain('wrong-pass');
  });
});

describe('kucoin faults', () => {
  itRaisesOnEachFault(k, ID, () => keyInfo(), [
    {
      name: 'raises a plain ExchangeError on 429, which only the kucoin code 429000 marks as rate limiting',
      fault: { rateLimit: { retryAfterSec: 2 } },
      error: ccxt.ExchangeError,
      verdict: 'rate_limited',
    },
    { name: 'raises ExchangeNotAvailable on a 502', fault: { serverError: 502 }, error: ccxt.ExchangeNotAvailable },
    {
      name: 'cannot tell maintenance from an outage, since kucoin documents no maintenance code',
      fault: { maintenance: true },
      error: ccxt.ExchangeNotAvailable,
      verdict: null,
    },
    { name: 'turns a key-info body that is not JSON into a ccxt error', fault: { malformedJson: true }, error: ccxt.BadResponse },
    {
      name: 'raises RestrictedLocation for a restricted location (400500), read as wrong region',
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
    expect(typeof balance.info).toBe('string');
    expect(balance.total).toEqual({});
  });

  itFollowsEachSkewedClock(k, ID, { exchange: () => preloaded(), signed: (exchange) => keyInfo(exchange), shows: { read: 'yes' } }, [
    { name: 'reports the skewed clock through fetchTime', skewMs: 5_000, serverTimeAhead: { above: 4_000 } },
    { name: 'survives a clock 5 s ahead after loadTimeDifference', skewMs: 5_000, timeDifference: { below: -4_000 } },
    { name: 'refuses a clock 8 s ahead, beyond its 5 s window, until loadTimeDifference corrects the nonce', skewMs: 8_000, refusedWith: ccxt.InvalidNonce },
  ]);
});
