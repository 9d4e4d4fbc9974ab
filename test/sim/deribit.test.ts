import { describe, expect, it } from 'vitest';
import ccxt from 'ccxt';
import { parseDeribitKeyInfo } from '../../src/exchanges/profiles/deribit.js';
import { fixtures } from '../fixtures/exchanges/deribit.js';
import type { KeyProfile } from './types.js';
import { itRaisesOnEachFault, itRefusesEach } from './fault-table.js';
import { useSimExchange, type RefusalCase } from './fixture.js';

const ID = 'deribit';
const KEY = { apiKey: 'Kw7xQ2-p', secret: 'p0Vq3xR8sT1uW4yZ7aB2cD5eF8gH1iJ4kL7mN0oP3qR' };
const BALANCES = { BTC: { free: 0.25, used: 0.05 } };
const STANDING = { ...KEY, balances: BALANCES };

const k = useSimExchange(ID, { key: STANDING });
const { register, preloaded, keyInfo, failure } = k;
const withKey = (patch: Partial<KeyProfile> = {}): void => void register({ ...STANDING, ...patch });

describe('ccxt upgrade canary: deribit through real ccxt', () => {
  it('costs exactly one request for the key-info call', async () => {
    await keyInfo();
    expect(k.sim.stats(ID).byRoute).toEqual({ 'GET /api/v2/private/list_api_keys': 1 });
  });

  it('reads the balance from the account summaries', async () => {
    const balance = await preloaded().fetchBalance();
    expect(balance.BTC).toMatchObject({ free: 0.25, used: 0.05, total: 0.3 });
    expect(k.sim.stats(ID).requests).toBe(1);
  });

  it('tells a made-up order apart from a missing permission when a trading key cancels', async () => {
    expect(await failure(preloaded().cancelOrder('ETH-349280', 'BTC/USD:BTC'))).toBeInstanceOf(ccxt.OrderNotFound);
  });
});

describe('deribit key info', () => {
  it('reports a read and trade key from its own row of the account, without reporting an IP list', async () => {
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

  it('reports a key whose wallet scope may withdraw', async () => {
    withKey({ withdraw: true });
    expect(await keyInfo()).toMatchObject({ withdraw: 'yes' });
  });

  it('reports an IP whitelist with its number of addresses', async () => {
    withKey({ ips: ['127.0.0.1', '::1'] });
    expect(await keyInfo()).toMatchObject({ ipRestricted: 'yes', ipCount: 2 });
  });

  it('keeps no secret of any key from the list it reads', async () => {
    const info = await keyInfo();
    expect(JSON.stringify(info)).not.toContain(KEY.secret);
  });

  it('reads the documented example: the enabled key 2 may trade and withdraw', () => {
    const body = fixtures.keyInfo['documented-example']!.body;
    expect(parseDeribitKeyInfo(body, 'aD-KFx-H')).toMatchObject({ read: 'yes', spotTrade: 'yes', withdraw: 'yes', ipRestricted: 'unknown' });
    expect(parseDeribitKeyInfo(body, 'TiA4AyLPq3')).toMatchObject({ spotTrade: 'yes', withdraw: 'no' });
  });

  it('reads a documented read-only scope and a documented IP whitelist', () => {
    expect(parseDeribitKeyInfo(fixtures.keyInfo['read-only']!.body, 'aD-KFx-H')).toMatchObject({ spotTrade: 'no', withdraw: 'no' });
    expect(parseDeribitKeyInfo(fixtures.keyInfo['ip-bound']!.body, 'aD-KFx-H')).toMatchObject({ ipRestricted: 'yes', ipCount: 1 });
  });

  it('knows nothing when the list holds only other keys of the account', () => {
    expect(parseDeribitKeyInfo(fixtures.keyInfo['documented-example']!.body, KEY.apiKey)).toEqual({
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
  { name: 'a wrong secret', creds: { secret: KEY.secret.replace(/^p0/, 'q0') }, error: ccxt.AuthenticationError, code: '13009', verdict: 'bad_credentials' },
  { name: 'a key Deribit does not know', creds: { apiKey: 'Zz7xQ2-p' }, error: ccxt.AuthenticationError, code: '13004', verdict: 'bad_credentials' },
  { name: 'a revoked key', profile: { state: 'revoked' }, error: ccxt.AuthenticationError, code: '13004', verdict: 'bad_credentials' },
  { name: 'a key without account:read', profile: { read: false }, error: ccxt.PermissionDenied, code: '13021', verdict: 'permission_missing' },
  {
    name: 'a cancel by a key without trade:read_write',
    profile: { spotTrade: false },
    call: (e) => e.cancelOrder('ETH-349280', 'BTC/USD:BTC'),
    error: ccxt.PermissionDenied,
    code: '13021',
    verdict: 'permission_missing',
  },
];

describe('deribit refusals', () => {
  itRefusesEach(k, refusals, { title: (r) => `refuses ${r.name} with Deribit code ${r.code}`, says: (r) => `"code":${r.code}` });

  it('never echoes the secret in a refusal', async () => {
    const err = await failure(keyInfo(preloaded(KEY, 'WRONGSECRETWRONGSECRET')));
    expect(err.message).not.toContain('WRONGSECRET');
    expect(err.message).not.toContain(KEY.secret);
  });
});

describe('deribit faults', () => {
  itRaisesOnEachFault(k, ID, () => keyInfo(), [
    { name: 'reads too_many_requests as a rate limit', fault: { rateLimit: { retryAfterSec: 2 } }, error: ccxt.DDoSProtection, verdict: 'rate_limited' },
    { name: 'reads system_maintenance as maintenance', fault: { maintenance: true }, error: ccxt.OnMaintenance, verdict: 'maintenance' },
    { name: 'turns a key-list body that is not JSON into a ccxt error', fault: { malformedJson: true }, error: ccxt.BadResponse },
  ]);
});
