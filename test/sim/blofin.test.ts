import { describe, expect, it } from 'vitest';
import ccxt from 'ccxt';
import { getExchange } from '../../src/exchanges/catalog.js';
import { ruleApplies, withRuleExpiry } from '../../src/exchanges/expiry-rules.js';
import { parseBlofinKeyInfo } from '../../src/exchanges/profiles/blofin.js';
import { profileFor } from '../../src/exchanges/profiles/index.js';
import { fixtures } from '../fixtures/exchanges/blofin.js';
import { useGatewayAgainstSim } from '../exchanges/harness.js';
import type { KeyProfile } from './types.js';
import { itRaisesOnEachFault } from './fault-table.js';
import { useSimExchange, type RefusalCase } from './fixture.js';

const ID = 'blofin';
const KEY = { apiKey: '5c1f2e9a7b3d4e8f9a0b1c2d3e4f5a6b', secret: '9f8e7d6c5b4a39281706f5e4d3c2b1a0', password: 'Kw-sim-Blofin#1' };
const BALANCES = { USDT: { free: 980.5, used: 20 } };
const CREATED = Date.UTC(2026, 9, 1);
/** The key every test starts from: it may trade, is bound to no IP and carries no expiry. */
const STANDING = { ...KEY, balances: BALANCES, createdAt: CREATED };
const DAY = 86_400_000;

const k = useSimExchange(ID, { key: STANDING });
const { register, preloaded, keyInfo, failure, refusal, classify } = k;
const withKey = (patch: Partial<KeyProfile> = {}): void => void register({ ...STANDING, ...patch });

describe('ccxt upgrade canary: blofin through real ccxt', () => {
  it('loads the perpetual markets', () => {
    expect(Object.keys(k.markets)).toEqual(expect.arrayContaining(['BTC/USDT:USDT', 'ETH/USDT:USDT']));
  });

  it('answers fetchBalance with the futures account balances', async () => {
    const balance = await preloaded().fetchBalance();
    expect(balance.USDT).toMatchObject({ free: 980.5, total: 1000.5 });
    expect(k.sim.stats(ID).requests).toBe(1);
  });

  it('costs exactly one request for the key-info call', async () => {
    await keyInfo();
    expect(k.sim.stats(ID).byRoute).toEqual({ 'GET /api/v1/user/query-apikey': 1 });
  });
});

describe('blofin key info', () => {
  it('reports a key that may do more than read as read and write, leaving trade and withdrawal to the user', async () => {
    expect(await keyInfo()).toEqual({
      read: 'yes',
      spotTrade: 'unknown',
      futuresTrade: 'unknown',
      withdraw: 'unknown',
      transfer: 'unknown',
      ipRestricted: 'no',
      ipCount: 0,
      createdAt: CREATED,
    });
  });

  it('reports a read-only key as one that can neither trade, transfer nor withdraw', async () => {
    withKey({ spotTrade: false });
    expect(await keyInfo()).toMatchObject({ read: 'yes', spotTrade: 'no', futuresTrade: 'no', withdraw: 'no', transfer: 'no' });
  });

  it('reports a key bound to IPs with its addresses', async () => {
    withKey({ ips: ['127.0.0.1', '::1', '::ffff:127.0.0.1'] });
    expect(await keyInfo()).toMatchObject({ ipRestricted: 'yes', ipCount: 3, ipWhitelist: ['127.0.0.1', '::1', '::ffff:127.0.0.1'] });
  });

  it('reports the expiry BloFin gives for the key', async () => {
    const expiresAt = Date.now() + 30 * DAY;
    withKey({ expiresAt });
    expect((await keyInfo()).expiresAt).toBe(expiresAt);
  });

  it('reads the documented example: read and write, two placeholder IPs it cannot compare, an expiry in 2020', () => {
    const info = parseBlofinKeyInfo(fixtures.keyInfo['documented-example']!.body);
    expect(info).toMatchObject({
      read: 'yes',
      spotTrade: 'unknown',
      withdraw: 'unknown',
      ipRestricted: 'yes',
      ipCount: 2,
      expiresAt: 1597026383085,
      createdAt: 1597026383085,
    });
    expect(info.ipWhitelist).toBeUndefined();
  });

  it('reads the documented read-only and IP-bound bodies as their notes say', () => {
    expect(parseBlofinKeyInfo(fixtures.keyInfo['read-only-no-ip']!.body)).toMatchObject({
      read: 'yes',
      spotTrade: 'no',
      futuresTrade: 'no',
      withdraw: 'no',
      transfer: 'no',
      ipRestricted: 'no',
      expiresAt: Date.UTC(2027, 0, 1),
    });
    const bound = parseBlofinKeyInfo(fixtures.keyInfo['read-write-ip-bound']!.body);
    expect(bound).toMatchObject({ read: 'yes', withdraw: 'unknown', ipRestricted: 'yes', ipWhitelist: ['203.0.113.7', '198.51.100.20'] });
    expect(bound.expiresAt).toBeUndefined();
  });

  it('leaves every field unknown when the answer carries none', () => {
    expect(parseBlofinKeyInfo({ code: '0', msg: 'success', data: { apiKey: 'x' } })).toEqual({
      read: 'unknown',
      spotTrade: 'unknown',
      futuresTrade: 'unknown',
      withdraw: 'unknown',
      transfer: 'unknown',
      ipRestricted: 'unknown',
    });
    expect(parseBlofinKeyInfo(undefined).read).toBe('unknown');
  });
});

interface Refusal extends RefusalCase {
  code: string;
}

const refusals: Refusal[] = [
  { name: 'a wrong secret', creds: { secret: KEY.secret.replace(/^9f/, 'af') }, error: ccxt.AuthenticationError, code: '152409', verdict: 'bad_secret' },
  {
    name: 'a key BloFin does not know',
    creds: { apiKey: KEY.apiKey.replace(/^5c/, '6c') },
    error: ccxt.AuthenticationError,
    code: '152401',
    verdict: 'bad_key',
  },
  { name: 'a deleted key as unknown', profile: { state: 'revoked' }, error: ccxt.AuthenticationError, code: '152401', verdict: 'bad_key' },
  { name: 'a wrong passphrase', creds: { password: 'Kw-sim-Blofin#2' }, error: ccxt.AuthenticationError, code: '152408', verdict: 'bad_passphrase' },
  { name: 'an expired key', profile: { expiresAt: Date.now() - DAY }, error: ccxt.AuthenticationError, code: '152402', verdict: 'key_expired' },
  { name: 'a caller outside the IP whitelist', profile: { ips: ['203.0.113.7'] }, error: ccxt.PermissionDenied, code: '152406', verdict: 'ip_not_allowed' },
  {
    name: 'a balance read by a key without read permission',
    profile: { read: false },
    call: (e) => e.fetchBalance(),
    error: ccxt.PermissionDenied,
    code: '152404',
    verdict: 'permission_missing',
  },
  { name: 'a request whose timestamp is more than 60 s off', rejectTimestamps: true, error: ccxt.InvalidNonce, code: '152405', verdict: 'clock_skew' },
];

describe('blofin refusals', () => {
  for (const r of refusals)
    it(`refuses ${r.name} with BloFin code ${r.code}`, async () => {
      const err = await refusal(r);
      expect(err.constructor).toBe(r.error);
      expect(err.message).toContain(`"code":"${r.code}"`);
      expect(classify(err)).toBe(r.verdict);
    });

  it('refuses a nonce it has seen, which ccxt sends whenever two requests on one key are signed in the same millisecond', async () => {
    const at = Date.now();
    const first = preloaded();
    const second = preloaded();
    first.milliseconds = () => at;
    second.milliseconds = () => at;
    await keyInfo(first);
    const err = await failure(keyInfo(second));
    expect(err.constructor).toBe(ccxt.InvalidNonce);
    expect(err.message).toContain('"code":"152407"');
  });

  it('never echoes the secret or passphrase in a refusal', async () => {
    const err = await failure(keyInfo(preloaded({ ...KEY, password: 'wrong-pass' })));
    expect(err.message).not.toContain(KEY.secret);
    expect(err.message).not.toContain('wrong-pass');
  });
});

describe('blofin faults', () => {
  itRaisesOnEachFault(k, ID, () => keyInfo(), [
    { name: "reads BloFin's 429 as a rate limit", fault: { rateLimit: { retryAfterSec: 2 } }, error: ccxt.RateLimitExceeded, verdict: 'rate_limited' },
    {
      name: "reads BloFin's internal server error, which ccxt leaves a plain ExchangeError, as the exchange being down",
      fault: { maintenance: true },
      error: ccxt.ExchangeError,
      verdict: 'exchange_down',
    },
    { name: 'raises ExchangeNotAvailable on a 502', fault: { serverError: 502 }, error: ccxt.ExchangeNotAvailable },
    { name: 'turns a key-info body that is not JSON into a ccxt error', fault: { malformedJson: true }, error: ccxt.BadResponse },
  ]);
});

describe('blofin key check through the gateway', () => {
  const h = useGatewayAgainstSim({ validationTimeoutMs: 2_500 });

  it('proves a key and reads what it may do with one signed request', async () => {
    const { creds } = h.key(ID, { spotTrade: false, ips: ['127.0.0.1', '::1', '::ffff:127.0.0.1'] });
    const result = await h.gateway.validate(ID, creds);
    expect(result.ok).toBe(true);
    expect(result.permissions).toMatchObject({ read: 'yes', spotTrade: 'no', withdraw: 'no', ipRestricted: 'yes' });
    expect(result.warnings).toContain('cannot_trade');
    expect(h.sim.stats(ID).privateRequests).toBe(1);
  });

  it('accepts a read-and-write key but says it could not tell what it may do', async () => {
    const { creds } = h.key(ID);
    const result = await h.gateway.validate(ID, creds);
    expect(result.ok).toBe(true);
    expect(result.permissions.withdraw).toBe('unknown');
    expect(result.warnings).toEqual(expect.arrayContaining(['permissions_unknown', 'no_ip_restriction']));
  });

  it('warns about a key bound to no IP that BloFin expires within two weeks', async () => {
    const { creds } = h.key(ID, { spotTrade: false, expiresAt: Date.now() + 5 * DAY });
    const result = await h.gateway.validate(ID, creds);
    expect(result.ok).toBe(true);
    expect(result.warnings).toContain('expires_soon');
  });

  it('refuses an expired key as expired', async () => {
    const { creds } = h.key(ID, { expiresAt: Date.now() - DAY });
    const result = await h.gateway.validate(ID, creds);
    expect(result.ok).toBe(false);
    expect(result.verdict?.kind).toBe('key_expired');
  });

  it("reads the connect card's balance after the key info, never at the same time, so ccxt's nonces cannot collide", async () => {
    const warmup = h.key(ID).creds;
    await h.gateway.validate(ID, warmup, undefined, undefined, { preview: true });
    await h.gateway.balance(ID, warmup);
    h.sim.resetStats(ID);
    h.sim.setFault(ID, { latencyMs: 50 }); // slow enough that requests sent together are in flight together
    const { creds } = h.key(ID);
    for (let i = 0; i < 5; i++) {
      const result = await h.gateway.validate(ID, creds, undefined, undefined, { preview: true });
      expect(result.ok).toBe(true);
    }
    expect(h.sim.stats(ID).maxInFlight).toBe(1);
  });
});

describe('blofin in the catalog and its expiry rule', () => {
  it('is marked as getting a full key check in /exchanges', () => {
    expect(getExchange(ID)?.fullCheck).toBe(true);
  });

  it('expires keys not bound to an IP after 90 days, read-only ones too, dated only by the expireTime BloFin reports', () => {
    const rule = profileFor(ID).expiryRule!;
    expect(rule).toMatchObject({ effect: 'expires', appliesTo: 'no_ip', clock: 'reported', days: 90 });
    expect(rule.source).toContain('https://docs.blofin.com/index.html#api-key-creation');
    const unbound = parseBlofinKeyInfo(fixtures.keyInfo['read-only-no-ip']!.body);
    expect(ruleApplies(rule, unbound)).toBe('yes');
    expect(ruleApplies(rule, parseBlofinKeyInfo(fixtures.keyInfo['read-write-ip-bound']!.body))).toBe('no');
    const now = Date.UTC(2026, 10, 30);
    expect(withRuleExpiry(rule, { ...unbound, expiresAt: undefined }, now).expiresAt).toBeUndefined();
  });
});
