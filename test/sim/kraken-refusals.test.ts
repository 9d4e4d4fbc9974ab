import { describe, expect, it } from 'vitest';
import { AccountSuspended, AuthenticationError, BaseError, DDoSProtection, ExchangeError, InvalidNonce, PermissionDenied } from 'ccxt';
import { useSimExchange } from './fixture.js';
import { realisticKey } from './keys.js';

const k = useSimExchange('kraken');
const { register, preloaded, failure, classify } = k;

describe('kraken refusals, as ccxt raises them and Keyward reads them', () => {
  it('refuses a wrong secret with "EAPI:Invalid signature", a plain ExchangeError read as bad_secret', async () => {
    const key = register();
    const err = await failure(preloaded(key, realisticKey('kraken').secret).fetchBalance());
    expect(err.constructor).toBe(ExchangeError);
    expect(err.message).toContain('EAPI:Invalid signature');
    expect(classify(err)).toBe('bad_secret');
  });

  it('ccxt upgrade canary: never sends a secret with a trailing space: ccxt throws a plain Error while decoding it', async () => {
    const key = register();
    const err = await failure(preloaded(key, `${key.secret} `).fetchBalance());
    expect(err).not.toBeInstanceOf(BaseError);
    expect(k.sim.stats('kraken').requests).toBe(0);
    expect(classify(err)).toBe('bad_secret');
  });

  it('never sends a secret that is not base64 at all', async () => {
    const key = register();
    const err = await failure(preloaded(key, 'this-is-not-base64!').fetchBalance());
    expect(err).not.toBeInstanceOf(BaseError);
    expect(k.sim.stats('kraken').requests).toBe(0);
    expect(classify(err)).toBe('bad_secret');
  });

  it('refuses an unknown key with "EAPI:Invalid key" as AuthenticationError, read as bad_key', async () => {
    const err = await failure(preloaded(realisticKey('kraken')).fetchBalance());
    expect(err.constructor).toBe(AuthenticationError);
    expect(classify(err)).toBe('bad_key');
  });

  it('answers a deleted key exactly like an unknown one', async () => {
    const err = await failure(preloaded(register({ state: 'revoked' })).fetchBalance());
    expect(err.constructor).toBe(AuthenticationError);
    expect(classify(err)).toBe('bad_key');
  });

  it('answers an expired key exactly like an unknown one', async () => {
    const err = await failure(preloaded(register({ expiresAt: Date.now() - 60_000 })).fetchBalance());
    expect(err.constructor).toBe(AuthenticationError);
    expect(classify(err)).toBe('bad_key');
  });

  it('refuses a locked account with "ETrade:User Locked" as AccountSuspended', async () => {
    const err = await failure(preloaded(register({ state: 'suspended' })).fetchBalance());
    expect(err.constructor).toBe(AccountSuspended);
    expect(classify(err)).toBe('account_suspended');
  });

  it('refuses a caller outside the allowlist with "EGeneral:Permission denied", indistinguishable from a missing permission', async () => {
    const err = await failure(preloaded(register({ ips: ['203.0.113.9'] })).fetchBalance());
    expect(err.constructor).toBe(PermissionDenied);
    expect(classify(err)).toBe('permission_missing');
  });

  it('refuses a balance read by a key without query-funds as PermissionDenied', async () => {
    const err = await failure(preloaded(register({ read: false })).fetchBalance());
    expect(err.constructor).toBe(PermissionDenied);
    expect(classify(err)).toBe('permission_missing');
  });

  it('raises InvalidNonce, read as clock_skew, when kraken rejects the nonce', async () => {
    k.sim.setFault('kraken', { rejectTimestamps: true, scope: 'private' });
    const err = await failure(preloaded(register()).fetchBalance());
    expect(err.constructor).toBe(InvalidNonce);
    expect(classify(err)).toBe('clock_skew');
  });

  it('refuses a nonce lower than one the same key already used from a clock-adjusted client', async () => {
    const key = register();
    k.sim.setFault('kraken', { clockSkewMs: 5_000 });
    const ahead = preloaded(key);
    await ahead.loadTimeDifference();
    await ahead.fetchBalance();
    const err = await failure(preloaded(key).fetchBalance());
    expect(err.constructor).toBe(InvalidNonce);
  });

  it('locks a key out after repeated bad signatures, even for the right secret', async () => {
    const key = register();
    for (let i = 0; i < 5; i += 1) await failure(preloaded(key, realisticKey('kraken').secret).fetchBalance());
    const err = await failure(preloaded(key).fetchBalance());
    expect(err.constructor).toBe(DDoSProtection);
    expect(err.message).toContain('EGeneral:Temporary lockout');
    expect(classify(err)).toBe('rate_limited');
  });
});
