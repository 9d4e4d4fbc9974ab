import { describe, expect, it } from 'vitest';
import type { VerdictKind } from '../../src/exchanges/index.js';
import type { Fault, KeyProfile } from '../sim/types.js';
import { useGatewayAgainstSim } from './harness.js';

const h = useGatewayAgainstSim({ validationTimeoutMs: 2_500 });
const EXCHANGES = ['binance', 'bybit', 'okx', 'kucoin', 'bitget', 'gate', 'kraken', 'coinbase', 'mexc'] as const;
type Ex = (typeof EXCHANGES)[number];
const everywhere = (kind: VerdictKind): Record<Ex, VerdictKind> => Object.fromEntries(EXCHANGES.map((e) => [e, kind])) as Record<Ex, VerdictKind>;

interface Scenario {
  name: string;
  profile?: Partial<KeyProfile>;
  /** what the user types instead of the registered key */
  typed?: (creds: Record<string, string>) => Record<string, string>;
  fault?: Fault;
  expect: Partial<Record<Ex, VerdictKind>>;
}

/**
 * What each exchange lets Keyward tell apart. Where an exchange answers two causes alike (e.g. kucoin
 * signs the passphrase with the secret, coinbase answers every CDP failure with a bare 401), the
 * coarser verdict is the right one.
 */
const scenarios: Scenario[] = [
  {
    name: 'a key the exchange does not know',
    typed: (c) => ({ ...c, apiKey: c.apiKey!.replace(/.$/, (ch) => (ch === 'A' ? 'B' : 'A')) }),
    expect: { ...everywhere('bad_key'), binance: 'bad_key', coinbase: 'bad_credentials', mexc: 'bad_key' },
  },
  {
    name: 'a wrong secret',
    typed: (c) => ({ ...c, secret: c.secret!.replace(/^../, (s) => (s === 'ab' ? 'cd' : 'ab')) }),
    expect: { ...everywhere('bad_secret'), kucoin: 'bad_credentials', coinbase: 'bad_secret', mexc: 'bad_credentials' },
  },
  {
    name: 'a wrong passphrase',
    typed: (c) => ({ ...c, password: 'not-the-passphrase' }),
    expect: { okx: 'bad_passphrase', kucoin: 'bad_credentials', bitget: 'bad_passphrase' },
  },
  { name: 'a revoked key', profile: { state: 'revoked' }, expect: { ...everywhere('bad_key'), coinbase: 'bad_credentials' } },
  {
    name: 'an expired key',
    profile: { expiresAt: Date.now() - 86_400_000 },
    expect: { ...everywhere('bad_key'), bybit: 'key_expired', coinbase: 'bad_credentials', mexc: 'bad_credentials' },
  },
  { name: 'a suspended account', profile: { state: 'suspended' }, expect: everywhere('account_suspended') },
  {
    name: 'a key bound to another IP',
    profile: { ips: ['203.0.113.9'] },
    expect: { ...everywhere('ip_not_allowed'), binance: 'bad_credentials', kraken: 'permission_missing', coinbase: 'bad_credentials' },
  },
  { name: 'a key without read permission', profile: { read: false }, expect: everywhere('permission_missing') },
  {
    name: 'a key that can withdraw',
    profile: { withdraw: true },
    expect: {
      binance: 'withdraw_enabled',
      bybit: 'withdraw_enabled',
      okx: 'withdraw_enabled',
      kucoin: 'withdraw_enabled',
      bitget: 'withdraw_enabled',
      kraken: 'withdraw_enabled',
      coinbase: 'withdraw_enabled',
    },
  },
  {
    name: 'timestamps the exchange refuses',
    fault: { rejectTimestamps: true, scope: 'private' },
    expect: { ...everywhere('clock_skew'), coinbase: 'bad_credentials' },
  },
  { name: 'a rate limit', fault: { rateLimit: { retryAfterSec: 7 }, scope: 'private' }, expect: everywhere('rate_limited') },
  { name: 'an exchange that never answers', fault: { hang: true, scope: 'private' }, expect: everywhere('timeout') },
  { name: 'a server error', fault: { serverError: 503, scope: 'private' }, expect: everywhere('exchange_down') },
  {
    name: 'maintenance',
    fault: { maintenance: true, scope: 'private' },
    expect: { ...everywhere('maintenance'), bybit: 'exchange_down', gate: 'exchange_down', coinbase: 'exchange_down', kucoin: 'exchange_down' },
  },
  { name: 'a restricted location', fault: { restrictedLocation: true, scope: 'private' }, expect: { ...everywhere('wrong_region'), mexc: 'exchange_down' } },
  { name: 'a garbled answer', fault: { malformedJson: true, scope: 'private' }, expect: everywhere('exchange_down') },
];

describe.each(EXCHANGES)('validating a %s key', (exchange) => {
  it('accepts a read + trade key bound to this server and reports what it can do', async () => {
    const { creds } = h.key(exchange, { ips: ['127.0.0.1', '::ffff:127.0.0.1'] });
    const result = await h.gateway.validate(exchange, creds);
    expect(result.verdict).toBeUndefined();
    expect(result.ok).toBe(true);
    expect(result.permissions.read).toBe('yes');
    expect(result.permissions.withdraw).not.toBe('yes');
  });

  for (const s of scenarios) {
    const kind = s.expect[exchange];
    if (!kind) continue;
    it(`answers ${s.name} with "${kind}" and advice`, async () => {
      const { creds } = h.key(exchange, s.profile);
      if (s.fault) {
        await h.gateway.validate(exchange, creds); // warms markets and the clock, so the fault hits the key check
        h.sim.setFault(exchange, s.fault);
      }
      const result = await h.gateway.validate(exchange, s.typed ? s.typed(creds) : creds);
      expect(result.ok).toBe(false);
      expect(result.verdict?.kind).toBe(kind);
      expect(result.verdict?.advice.length).toBeGreaterThan(0);
      if (kind === 'rate_limited') expect(result.verdict?.retryAfterSec).toBe(7);
    });
  }
});
