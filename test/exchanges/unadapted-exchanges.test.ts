/**
 * Exchanges without a key-info call: their documented error bodies go through ccxt's own error
 * handling, then Keyward's reading of them. Where ccxt tells "no such order" from "permission
 * denied" (htx, bingx), cancelling a made-up order proves trading; where it cannot (cryptocom), not.
 */
import ccxt, { type Exchange } from 'ccxt';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCcxt } from '../../src/exchanges/ccxt-loader.js';
import { profiles } from '../../src/exchanges/profiles/index.js';
import { failureKind } from '../../src/exchanges/verdicts.js';
import { corpus } from '../fixtures/exchanges/index.js';

/** The error ccxt raises for a documented body, exactly as its request path would raise it. */
function ccxtError(exchange: string, situation: string): unknown {
  const doc = corpus[exchange]!.errors[situation]!;
  const client = new (ccxt as unknown as Record<string, new () => Exchange>)[exchange]!();
  const text = JSON.stringify(doc.body);
  try {
    (client as unknown as { handleErrors: (...a: unknown[]) => unknown }).handleErrors(
      doc.status ?? 200,
      '',
      'https://example.invalid/',
      'GET',
      {},
      text,
      doc.body,
      {},
      '',
    );
    // some exchanges raise only for a failing status: then ccxt would raise from the status
    (client as unknown as { handleHttpStatusCode: (...a: unknown[]) => unknown }).handleHttpStatusCode(
      doc.status ?? 200,
      '',
      'https://example.invalid/',
      'GET',
      text,
    );
  } catch (err) {
    return err;
  }
  throw new Error(`ccxt raised nothing for ${exchange} ${situation}`);
}

// the gateway loads ccxt before any check; these tests raise ccxt's errors without it
beforeAll(async () => {
  await loadCcxt();
});

const kind = (exchange: string, situation: string) => failureKind(ccxtError(exchange, situation), profiles.get(exchange));

describe('bingx errors read from their documented codes', () => {
  it.each([
    ['100413', 'bad_key'],
    ['100419', 'ip_not_allowed'],
    ['100001', 'bad_credentials'],
    ['100414', 'account_suspended'],
    ['100410', 'exchange_down'],
    ['http-429', 'rate_limited'],
  ])('%s means %s', (situation, expected) => {
    expect(kind('bingx', situation)).toBe(expected);
  });

  it('tells a made-up order (80016) apart, so trading is probed', () => {
    expect(ccxtError('bingx', 'order-not-found')).toBeInstanceOf(ccxt.OrderNotFound);
    expect(profiles.get('bingx')?.tradeProbe).toBeDefined();
  });
});

describe('cryptocom errors read from their documented codes', () => {
  it.each([
    ['10002', 'bad_credentials'],
    ['10003', 'ip_not_allowed'],
    ['40101', 'bad_credentials'],
    ['10006', 'rate_limited'],
    ['10007', 'clock_skew'],
  ])('%s means %s', (situation, expected) => {
    expect(kind('cryptocom', situation)).toBe(expected);
  });

  it('says "IP not allowed" for 10003, not "permission missing"', () => {
    expect(kind('cryptocom', '10003')).not.toBe('permission_missing');
  });

  it('probes no trading: 10002 answers a bad key and, reportedly, a missing permission alike', () => {
    expect(profiles.get('cryptocom')?.tradeProbe).toBeUndefined();
  });
});

describe('htx errors read from their documented messages', () => {
  it.each([
    ['bad-key', 'bad_key'],
    ['no-permission', 'permission_missing'],
    ['rate-limit', 'rate_limited'],
    ['maintenance', 'maintenance'],
  ])('%s means %s', (situation, expected) => {
    expect(kind('htx', situation)).toBe(expected);
  });

  it('tells a made-up order apart from a missing permission, so trading is probed', () => {
    expect(ccxtError('htx', 'order-not-found')).toBeInstanceOf(ccxt.OrderNotFound);
    expect(ccxtError('htx', 'no-permission')).toBeInstanceOf(ccxt.PermissionDenied);
    expect(profiles.get('htx')?.tradeProbe).toBeDefined();
  });
});

describe('krakenfutures errors read by their ccxt class, with no key-info call', () => {
  it.each([
    ['authenticationError', 'bad_credentials'],
    ['apiLimitExceeded', 'rate_limited'],
    ['nonceBelowThreshold', 'clock_skew'],
  ])('%s means %s', (situation, expected) => {
    expect(kind('krakenfutures', situation)).toBe(expected);
  });

  it('says in its profile why it gets no full check', () => {
    const profile = profiles.get('krakenfutures');
    expect(profile?.readKeyInfo).toBeUndefined();
    expect(profile?.notes?.join(' ')).toMatch(/trade or withdraw stays unknown/);
  });
});
