import { describe, expect, it } from 'vitest';
import ccxt from 'ccxt';
import { geminiProfile, parseGeminiRoles } from '../../src/exchanges/profiles/gemini.js';
import { failureKind } from '../../src/exchanges/verdicts.js';
import { fixtures } from '../fixtures/exchanges/gemini.js';
import type { KeyProfile } from './types.js';
import { itRaisesOnEachFault, itRefusesEach } from './fault-table.js';
import { useSimExchange, type RefusalCase } from './fixture.js';

const ID = 'gemini';
const KEY = { apiKey: 'account-Kw7xQ2pL9mR4tY6sD3fG', secret: 'Gx4mN8qR2tV6yB0dF3hK7pW1zC5g' };
const BALANCES = { BTC: { free: 9, used: 1.5 }, USD: { free: 1200, used: 0 } };
const STANDING = { ...KEY, balances: BALANCES };

const k = useSimExchange(ID, { key: STANDING });
const { register, preloaded, keyInfo, failure } = k;
/** Keyward's verdict: Gemini's documented MissingRole text, else ccxt's class. */
const verdictOf = (err: unknown) => failureKind(err, geminiProfile);
const withKey = (patch: Partial<KeyProfile> = {}): void => void register({ ...STANDING, ...patch });

describe('ccxt upgrade canary: gemini through real ccxt', () => {
  it('costs exactly one request for the key-info call', async () => {
    await keyInfo();
    expect(k.sim.stats(ID).byRoute).toEqual({ 'POST /v1/roles': 1 });
  });

  it('reads the balance as amount and available', async () => {
    const balance = await preloaded().fetchBalance();
    expect(balance.BTC).toMatchObject({ free: 9, total: 10.5 });
    expect(k.sim.stats(ID).requests).toBe(1);
  });

  it('refuses a master key before anything is sent, as ccxt takes account keys only', async () => {
    const err = await failure(keyInfo(preloaded({ ...KEY, apiKey: 'master-Kw7xQ2pL9mR4tY6sD3fG' })));
    expect(err).toBeInstanceOf(ccxt.AuthenticationError);
    expect(k.sim.stats(ID).requests).toBe(0);
  });
});

describe('gemini key info', () => {
  it('reports a Trader key: reads and trades, cannot withdraw', async () => {
    expect(await keyInfo()).toEqual({
      read: 'yes',
      spotTrade: 'yes',
      futuresTrade: 'yes',
      withdraw: 'no',
      transfer: 'no',
      ipRestricted: 'unknown',
    });
  });

  it('reports an Auditor key as read-only', async () => {
    withKey({ spotTrade: false });
    expect(await keyInfo()).toMatchObject({ read: 'yes', spotTrade: 'no', withdraw: 'no' });
  });

  it('reports a Fund Manager key as one that may withdraw', async () => {
    withKey({ withdraw: true });
    expect(await keyInfo()).toMatchObject({ spotTrade: 'yes', withdraw: 'yes', transfer: 'yes' });
  });

  it('reads the documented roles', () => {
    expect(parseGeminiRoles(fixtures.keyInfo.auditor!.body)).toMatchObject({ read: 'yes', spotTrade: 'no', withdraw: 'no' });
    expect(parseGeminiRoles(fixtures.keyInfo['fund-manager-only']!.body)).toMatchObject({ spotTrade: 'no', withdraw: 'yes' });
    expect(parseGeminiRoles(fixtures.keyInfo['trader-and-fund-manager']!.body)).toMatchObject({ spotTrade: 'yes', withdraw: 'yes' });
  });

  it('knows nothing when an answer lacks one of the three roles', () => {
    expect(parseGeminiRoles({ isTrader: true })).toEqual({
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
  reason: string;
}

const refusals: Refusal[] = [
  {
    name: 'a wrong secret',
    creds: { secret: KEY.secret.replace(/^Gx/, 'Hx') },
    error: ccxt.AuthenticationError,
    reason: 'InvalidSignature',
    verdict: 'bad_credentials',
  },
  {
    name: 'a key Gemini does not know',
    creds: { apiKey: 'account-Zz7xQ2pL9mR4tY6sD3fG' },
    error: ccxt.AuthenticationError,
    reason: 'InvalidApiKey',
    verdict: 'bad_credentials',
  },
  {
    name: 'a balance read by a key without a role that reads',
    profile: { read: false },
    call: (e) => e.fetchBalance(),
    error: ccxt.AuthenticationError,
    reason: 'MissingRole',
    verdict: 'permission_missing',
  },
  {
    name: 'a cancel by an Auditor key',
    profile: { spotTrade: false },
    call: (e) => e.cancelOrder('123', 'BTC/USD'),
    error: ccxt.AuthenticationError,
    reason: 'MissingRole',
    verdict: 'permission_missing',
  },
  { name: 'a nonce it does not accept', rejectTimestamps: true, error: ccxt.InvalidNonce, reason: 'InvalidNonce', verdict: 'clock_skew' },
];

describe('gemini refusals', () => {
  itRefusesEach(k, refusals, { title: (r) => `refuses ${r.name} (${r.reason})`, verdictOf });

  it('tells a made-up order apart from a missing role when a Trader key cancels', async () => {
    expect(await failure(preloaded().cancelOrder('123', 'BTC/USD'))).toBeInstanceOf(ccxt.OrderNotFound);
  });

  it('never echoes the secret in a refusal', async () => {
    const err = await failure(keyInfo(preloaded(KEY, 'WRONGSECRETWRONGSECRETWRONGS')));
    expect(err.message).not.toContain('WRONGSECRET');
    expect(err.message).not.toContain(KEY.secret);
  });
});

describe('gemini faults', () => {
  itRaisesOnEachFault(
    k,
    ID,
    () => keyInfo(),
    [
      { name: 'reads a rate limit as one', fault: { rateLimit: { retryAfterSec: 2 } }, error: ccxt.RateLimitExceeded, verdict: 'rate_limited' },
      { name: 'reads maintenance as maintenance', fault: { maintenance: true }, error: ccxt.OnMaintenance, verdict: 'maintenance' },
      { name: 'turns a roles body that is not JSON into a ccxt error', fault: { malformedJson: true }, error: ccxt.BadResponse },
    ],
    verdictOf,
  );
});
