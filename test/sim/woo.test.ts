import { describe, expect, it } from 'vitest';
import ccxt from 'ccxt';
import { parseWooKeyInfo } from '../../src/exchanges/profiles/woo.js';
import { fixtures } from '../fixtures/exchanges/woo.js';
import type { KeyProfile } from './types.js';
import { itFollowsEachSkewedClock, itRaisesOnEachFault, itRefusesEach } from './fault-table.js';
import { useSimExchange, type RefusalCase } from './fixture.js';

const ID = 'woo';
const KEY = { apiKey: 'AbmyVJGUpN064ks5ELjLfA==', secret: 'QHKRXHPAW1MC9YGZMAT8YDJG2HPR' };
const BALANCES = { USDT: { free: 230.5, used: 20 }, BTC: { free: 0.1, used: 0 } };
const STANDING = { ...KEY, balances: BALANCES };

const k = useSimExchange(ID, { key: STANDING });
const { register, preloaded, keyInfo, failure } = k;
const withKey = (patch: Partial<KeyProfile> = {}): void => void register({ ...STANDING, ...patch });

describe('ccxt upgrade canary: woo through real ccxt', () => {
  it('costs exactly one request for the key-info call', async () => {
    await keyInfo();
    expect(k.sim.stats(ID).byRoute).toEqual({ 'GET /v3/account/credentials': 1 });
  });

  it('reads the balance as holding and available amounts', async () => {
    const balance = await preloaded().fetchBalance();
    expect(balance.USDT).toMatchObject({ free: 230.5, total: 250.5 });
    expect(k.sim.stats(ID).requests).toBe(1);
  });
});

describe('woo key info', () => {
  it('reports a read and trade key without an IP restriction from its own row of the account', async () => {
    expect(await keyInfo()).toEqual({
      read: 'yes',
      spotTrade: 'yes',
      futuresTrade: 'yes',
      withdraw: 'no',
      transfer: 'unknown',
      ipRestricted: 'no',
      ipCount: undefined,
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

  it('reports an IP-restricted key with its number of addresses', async () => {
    withKey({ ips: ['127.0.0.1', '::1', '203.0.113.7'] });
    expect(await keyInfo()).toMatchObject({ ipRestricted: 'yes', ipCount: 3 });
  });

  it('reads the documented example row: read, trade and withdrawal with two allowed addresses', () => {
    const body = fixtures.keyInfo['documented-example']!.body;
    expect(parseWooKeyInfo(body, '+Pxxxxxxxxxxxxxxxxxxxx==')).toMatchObject({
      read: 'yes',
      spotTrade: 'yes',
      withdraw: 'yes',
      ipRestricted: 'yes',
      ipCount: 2,
    });
  });

  it('reads a key whose allowedIPs field is hidden as one without an IP restriction', () => {
    const body = fixtures.keyInfo['no-ip-restriction']!.body;
    expect(parseWooKeyInfo(body, '+Pxxxxxxxxxxxxxxxxxxxx==')).toMatchObject({ ipRestricted: 'no', spotTrade: 'yes', withdraw: 'no' });
  });

  it('knows nothing when the list holds only other keys of the account', () => {
    const body = fixtures.keyInfo['documented-example']!.body;
    expect(parseWooKeyInfo(body, KEY.apiKey)).toEqual({
      read: 'unknown',
      spotTrade: 'unknown',
      futuresTrade: 'unknown',
      withdraw: 'unknown',
      transfer: 'unknown',
      ipRestricted: 'unknown',
    });
  });

  it('leaves withdrawal open when the key lists a permission word WOO does not document', () => {
    const body = { success: true, data: { rows: [{ apiKey: 'k', permissions: ['READ', 'TRADE', 'TRANSFER'] }] } };
    expect(parseWooKeyInfo(body, 'k')).toMatchObject({ spotTrade: 'yes', withdraw: 'unknown' });
  });
});

interface Refusal extends RefusalCase {
  code: string;
}

const refusals: Refusal[] = [
  { name: 'a wrong secret', creds: { secret: KEY.secret.replace(/^QH/, 'RH') }, error: ccxt.AuthenticationError, code: '-1002', verdict: 'bad_credentials' },
  {
    name: 'a key WOO does not know',
    creds: { apiKey: 'ZZmyVJGUpN064ks5ELjLfA==' },
    error: ccxt.AuthenticationError,
    code: '-1002',
    verdict: 'bad_credentials',
  },
  { name: 'a revoked key', profile: { state: 'revoked' }, error: ccxt.AuthenticationError, code: '-1002', verdict: 'bad_credentials' },
  { name: 'a key without read permission', profile: { read: false }, error: ccxt.AuthenticationError, code: '-1002', verdict: 'bad_credentials' },
  { name: 'a request outside its receive window', rejectTimestamps: true, error: ccxt.BadRequest, code: '317179', verdict: 'clock_skew' },
];

describe('woo refusals', () => {
  itRefusesEach(k, refusals, { title: (r) => `refuses ${r.name} with WOO code ${r.code}`, says: (r) => `"code":${r.code}` });

  it('never echoes the secret in a refusal', async () => {
    const err = await failure(keyInfo(preloaded(KEY, 'WRONGSECRETWRONGSECRET')));
    expect(err.message).not.toContain('WRONGSECRET');
    expect(err.message).not.toContain(KEY.secret);
  });
});

describe('woo faults', () => {
  itRaisesOnEachFault(k, ID, () => keyInfo(), [
    { name: 'reads a rate limit as one', fault: { rateLimit: { retryAfterSec: 2 } }, error: ccxt.RateLimitExceeded, verdict: 'rate_limited' },
    { name: 'reads maintenance as maintenance', fault: { maintenance: true }, error: ccxt.OnMaintenance, verdict: 'maintenance' },
    { name: 'turns a credentials body that is not JSON into a ccxt error', fault: { malformedJson: true }, error: ccxt.BadResponse },
  ]);

  itFollowsEachSkewedClock(k, ID, { exchange: () => preloaded(), signed: (exchange) => keyInfo(exchange), shows: { read: 'yes' } }, [
    { name: 'refuses a clock 10 s ahead until loadTimeDifference corrects the timestamp', skewMs: 10_000, refusedAs: 'clock_skew' },
  ]);
});
