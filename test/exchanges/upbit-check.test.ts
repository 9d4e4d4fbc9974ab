import { describe, expect, it } from 'vitest';
import { useGatewayAgainstSim } from './harness.js';

const h = useGatewayAgainstSim();

describe('checking an Upbit key', () => {
  it('learns from a cancelled made-up order that the key trades, and leaves withdrawal to the user', async () => {
    const result = await h.gateway.validate('upbit', h.key('upbit').creds);
    expect(result.ok).toBe(true);
    expect(result.permissions).toMatchObject({ read: 'yes', spotTrade: 'yes', withdraw: 'unknown' });
    expect(result.permissions.expiresAt).toBeGreaterThan(Date.now());
  });

  it('learns that a key without the order permission cannot trade', async () => {
    const result = await h.gateway.validate('upbit', h.key('upbit', { spotTrade: false }).creds);
    expect(result.ok).toBe(true);
    expect(result.permissions.spotTrade).toBe('no');
  });

  it('refuses an expired key as expired', async () => {
    const result = await h.gateway.validate('upbit', h.key('upbit', { expiresAt: Date.now() - 60_000 }).creds);
    expect(result.ok).toBe(false);
    expect(result.verdict?.kind).toBe('key_expired');
  });

  it("refuses a caller outside the key's IP addresses as an IP problem", async () => {
    const result = await h.gateway.validate('upbit', h.key('upbit', { ips: ['203.0.113.7'] }).creds);
    expect(result.verdict?.kind).toBe('ip_not_allowed');
  });
});
