import { describe, expect, it } from 'vitest';
import ccxt from 'ccxt';
import { parseBingxKeyInfo } from '../../src/exchanges/profiles/bingx.js';
import { fixtures } from '../fixtures/exchanges/bingx.js';
import { useGatewayAgainstSim } from '../exchanges/harness.js';
import type { KeyProfile } from './types.js';
import { itRefusesEach } from './fault-table.js';
import { useSimExchange, type RefusalCase } from './fixture.js';

const ID = 'bingx';
const KEY = {
  apiKey: 'Zsm4DcrHBTewmVaElrdwA67PmivPv6VDK6JAkiECZ9QfcUnmn67qjCOgvRuZVOzU',
  secret: 'UuGuyEGt6ZEkpUObCYCmIfh0elYsZVh80jlYwpJuRZEw70t6vomMH7Sjmf94ztSI',
};
const STANDING = { ...KEY, balances: { BTC: { free: 0.0032, used: 0 }, USDT: { free: 120.5, used: 10 } } };

const k = useSimExchange(ID, { key: STANDING });
const { register, preloaded, keyInfo, refusal, classify } = k;
const withKey = (patch: Partial<KeyProfile> = {}): void => void register({ ...STANDING, ...patch });

describe('ccxt upgrade canary: bingx through real ccxt', () => {
  it('loads the spot markets', () => {
    expect(Object.keys(k.markets)).toEqual(expect.arrayContaining(['BTC/USDT', 'ETH/BTC']));
  });

  it('answers fetchBalance with the key balances', async () => {
    const balance = await preloaded().fetchBalance();
    expect(balance.USDT).toMatchObject({ free: 120.5, used: 10, total: 130.5 });
  });

  it('costs exactly one request for the key-info call', async () => {
    await keyInfo();
    expect(k.sim.stats(ID).byRoute).toEqual({ 'GET /openApi/v1/account/apiPermissions': 1 });
  });
});

describe('bingx key info', () => {
  it('reports a spot-trading key bound to no IP', async () => {
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

  it('reports perpetual-futures trading, universal transfer and withdrawal', async () => {
    withKey({ futuresTrade: true, transfer: true, withdraw: true, ips: ['127.0.0.1', '::1', '::ffff:127.0.0.1'] });
    expect(await keyInfo()).toMatchObject({ futuresTrade: 'yes', transfer: 'yes', withdraw: 'yes', ipRestricted: 'yes', ipCount: 3 });
  });

  it('reads every documented permission body as its note says', () => {
    expect(parseBingxKeyInfo(fixtures.keyInfo['read-only']!.body)).toMatchObject({ read: 'yes', spotTrade: 'no', ipRestricted: 'no' });
    expect(parseBingxKeyInfo(fixtures.keyInfo['spot-and-futures-trade-no-ip']!.body)).toMatchObject({
      spotTrade: 'yes',
      futuresTrade: 'yes',
      withdraw: 'no',
      ipRestricted: 'no',
    });
    expect(parseBingxKeyInfo(fixtures.keyInfo['spot-trade-ip-bound']!.body)).toMatchObject({ spotTrade: 'yes', ipRestricted: 'yes', ipCount: 1 });
    expect(parseBingxKeyInfo(fixtures.keyInfo['withdraw-enabled']!.body).withdraw).toBe('yes');
    expect(parseBingxKeyInfo(fixtures.keyInfo['transfer-enabled']!.body)).toMatchObject({ transfer: 'yes', withdraw: 'no', spotTrade: 'no' });
  });

  it('leaves every field unknown when the answer carries none, and reports no expiry', () => {
    expect(parseBingxKeyInfo({ code: 0, data: { apiKey: 'x' } })).toEqual({
      read: 'unknown',
      spotTrade: 'unknown',
      futuresTrade: 'unknown',
      withdraw: 'unknown',
      transfer: 'unknown',
      ipRestricted: 'unknown',
    });
    expect(parseBingxKeyInfo(undefined).read).toBe('unknown');
    expect(parseBingxKeyInfo(fixtures.keyInfo['read-only']!.body).expiresAt).toBeUndefined();
  });
});

interface Refusal extends RefusalCase {
  code: string;
}

const refusals: Refusal[] = [
  { name: 'a wrong secret', creds: { secret: KEY.secret.replace(/^./, 'x') }, error: ccxt.AuthenticationError, code: '100001', verdict: 'bad_credentials' },
  { name: 'a key bingx does not know', creds: { apiKey: KEY.apiKey.replace(/.$/, 'A') }, error: ccxt.ExchangeError, code: '100413', verdict: 'bad_key' },
  { name: 'a deleted key as unknown', profile: { state: 'revoked' }, error: ccxt.ExchangeError, code: '100413', verdict: 'bad_key' },
  { name: 'a caller outside the IP whitelist', profile: { ips: ['203.0.113.7'] }, error: ccxt.PermissionDenied, code: '100419', verdict: 'ip_not_allowed' },
  { name: 'an account under risk control', profile: { state: 'suspended' }, error: ccxt.AccountSuspended, code: '100414', verdict: 'account_suspended' },
  { name: 'a request whose timestamp it rejects', rejectTimestamps: true, error: ccxt.BadSymbol, code: '100421', verdict: 'clock_skew' },
];

describe('bingx refusals', () => {
  itRefusesEach(k, refusals, { title: (r) => `refuses ${r.name} with bingx code ${r.code}`, says: (r) => `"code":${r.code}` });

  it('reads its rate limit on the permissions call as a rate limit, and "system busy" as the exchange being down', async () => {
    k.sim.setFault(ID, { rateLimit: { retryAfterSec: 2 } });
    const limited = await k.failure(keyInfo());
    expect(classify(limited)).toBe('rate_limited');
    k.sim.setFault(ID, { maintenance: true });
    expect(classify(await k.failure(keyInfo()))).toBe('exchange_down');
  });

  it('never echoes the secret in a refusal', async () => {
    const err = await refusal(refusals[0]!);
    expect(err.message).not.toContain(KEY.secret);
  });
});

describe('bingx key check through the gateway', () => {
  const h = useGatewayAgainstSim({ validationTimeoutMs: 2_500 });

  it('proves a key and reads its permissions with one signed request', async () => {
    const { creds } = h.key(ID, { ips: ['127.0.0.1', '::1', '::ffff:127.0.0.1'] });
    const result = await h.gateway.validate(ID, creds);
    expect(result.ok).toBe(true);
    expect(result.permissions).toMatchObject({ read: 'yes', spotTrade: 'yes', ipRestricted: 'yes' });
    expect(h.sim.stats(ID).privateRequests).toBe(1);
  });

  it('refuses to store a key that may withdraw', async () => {
    const { creds } = h.key(ID, { withdraw: true });
    const result = await h.gateway.validate(ID, creds);
    expect(result.ok).toBe(false);
    expect(result.verdict?.kind).toBe('withdraw_enabled');
  });
});
