import { describe, expect, it } from 'vitest';
import { AuthenticationError, BaseError, ExchangeError, PermissionDenied, type Exchange } from 'ccxt';
import { cdpKey, legacyKey } from './coinbase-fixtures.js';
import { useSimExchange } from './fixture.js';

const k = useSimExchange('coinbase');
const { register, preloaded, keyInfo, failure, classify } = k;

describe('coinbase refusals of CDP keys: a bare 401 whatever the cause', () => {
  const refusedAsUnauthorized = async (exchange: Exchange) => {
    const err = await failure(exchange.fetchBalance());
    expect(err.constructor).toBe(AuthenticationError);
    expect(err.message).toMatch(/ 401 Unauthorized Unauthorized$/);
    expect(classify(err)).toBe('bad_credentials');
  };

  it('refuses a JWT signed with another private key', async () => {
    await refusedAsUnauthorized(preloaded(register(cdpKey()), cdpKey().secret));
  });

  it('refuses an unknown key', async () => {
    await refusedAsUnauthorized(preloaded(cdpKey()));
  });

  it('refuses a deleted key', async () => {
    await refusedAsUnauthorized(preloaded(register(cdpKey({ state: 'revoked' }))));
  });

  it('refuses an expired key', async () => {
    await refusedAsUnauthorized(preloaded(register(cdpKey({ expiresAt: Date.now() - 60_000 }))));
  });

  it('refuses a caller outside the IP allowlist', async () => {
    await refusedAsUnauthorized(preloaded(register(cdpKey({ ips: ['203.0.113.9'] }))));
  });

  it('refuses a JWT whose time coinbase rejects', async () => {
    k.sim.setFault('coinbase', { rejectTimestamps: true, scope: 'private' });
    await refusedAsUnauthorized(preloaded(register(cdpKey())));
  });

  it('refuses a JWT replayed against another route: its uri claim names the signed one', async () => {
    const exchange = preloaded(register(cdpKey()));
    const signed = exchange.sign('brokerage/key_permissions', ['v3', 'private'], 'GET', {}) as { url: string; headers: Record<string, string> };
    const replay = await fetch(signed.url.replace('/key_permissions', '/accounts'), { headers: signed.headers });
    expect(replay.status).toBe(401);
    expect(await replay.text()).toBe('Unauthorized');
    expect((await fetch(signed.url, { headers: signed.headers })).status).toBe(200);
  });

  it('ccxt upgrade canary: accepts a PEM with a trailing space: ccxt strips whitespace from the key body', async () => {
    const key = register(cdpKey());
    expect((await preloaded(key, `${key.secret} `).fetchBalance()).total).toMatchObject({ BTC: 0.51 });
  });

  it('never sends a PEM whose line breaks were flattened into literal "\\n"', async () => {
    const key = register(cdpKey());
    const err = await failure(preloaded(key, key.secret.replaceAll('\n', '\\n')).fetchBalance());
    expect(err).not.toBeInstanceOf(BaseError);
    expect(k.sim.stats('coinbase').requests).toBe(0);
    expect(classify(err)).toBe('bad_secret');
  });

  it("refuses a wallet read without the view scope with v2's invalid_scope", async () => {
    const err = await failure(preloaded(register(cdpKey({ read: false }))).fetchBalance());
    expect(err.constructor).toBe(AuthenticationError);
    expect(classify(err)).toBe('permission_missing');
  });

  it('refuses key_permissions without the view scope with "Missing required scopes"', async () => {
    const err = await failure(keyInfo(preloaded(register(cdpKey({ read: false })))));
    expect(err.constructor).toBe(ExchangeError);
    expect(classify(err)).toBe('permission_missing');
  });

  it('refuses a locked account on v2 with invalid_authentication_method', async () => {
    const err = await failure(preloaded(register(cdpKey({ state: 'suspended' }))).fetchBalance());
    expect(err.constructor).toBe(AuthenticationError);
    expect(classify(err)).toBe('account_suspended');
  });

  it('refuses a locked account on v3 with PERMISSION_DENIED', async () => {
    const err = await failure(keyInfo(preloaded(register(cdpKey({ state: 'suspended' })))));
    expect(err.constructor).toBe(PermissionDenied);
    expect(classify(err)).toBe('account_suspended');
  });
});

describe('coinbase refusals of legacy keys, which name their cause', () => {
  const refusal = async (exchange: Exchange) => {
    const err = await failure(exchange.fetchBalance());
    expect(err.constructor).toBe(AuthenticationError);
    return classify(err);
  };

  it('refuses a wrong secret with "invalid signature", read as bad_secret', async () => {
    expect(await refusal(preloaded(register(legacyKey()), legacyKey().secret))).toBe('bad_secret');
  });

  it('refuses a secret with a trailing space with "invalid signature"', async () => {
    const key = register(legacyKey());
    expect(await refusal(preloaded(key, `${key.secret} `))).toBe('bad_secret');
  });

  it('refuses an unknown key with "invalid api key", read as bad_key', async () => {
    expect(await refusal(preloaded(legacyKey()))).toBe('bad_key');
  });

  it('refuses a caller outside the IP allowlist with "IP blocked"', async () => {
    expect(await refusal(preloaded(register(legacyKey({ ips: ['203.0.113.9'] }))))).toBe('ip_not_allowed');
  });

  it('refuses a stale timestamp with "request timestamp expired", an AuthenticationError read as clock_skew', async () => {
    k.sim.setFault('coinbase', { rejectTimestamps: true, scope: 'private' });
    expect(await refusal(preloaded(register(legacyKey())))).toBe('clock_skew');
  });
});
