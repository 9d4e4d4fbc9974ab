import { describe, expect, it } from 'vitest';
import { useGatewayAgainstSim } from './harness.js';

const h = useGatewayAgainstSim();

describe('a pasted key', () => {
  it('with a trailing space, a zero-width space and a non-breaking space is fixed by normalisation and then passes the real signature check', async () => {
    const { creds } = h.key('okx');
    const pasted = { apiKey: `\u200b${creds.apiKey} `, secret: `${creds.secret}\u00a0 `, password: ` ${creds.password}\n` };
    const raw = await h.gateway.validate('okx', pasted);
    expect(raw.ok).toBe(false); // sent as pasted, the values cannot sign or even travel
    const result = await h.gateway.validate('okx', h.gateway.normalize('okx', pasted));
    expect(result.ok).toBe(true);
  });

  it("with a genuinely wrong secret still fails, on the exchange's own signature check", async () => {
    const { creds } = h.key('bitget');
    const wrong = { ...creds, secret: creds.secret!.split('').reverse().join('') };
    const result = await h.gateway.validate('bitget', h.gateway.normalize('bitget', wrong));
    expect(result.verdict?.kind).toBe('bad_secret');
    expect(h.sim.stats('bitget').byRoute['GET /api/v2/spot/account/info']).toBeGreaterThan(0);
  });
});
