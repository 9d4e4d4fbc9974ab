import { describe, expect, it } from 'vitest';
import type { Fault } from '../sim/types.js';
import { useGatewayAgainstSim } from './harness.js';

const h = useGatewayAgainstSim({ validationTimeoutMs: 1_500, balanceTimeoutMs: 1_500 });
const EXCHANGES = ['binance', 'bybit', 'okx', 'kucoin', 'bitget', 'gate', 'kraken', 'coinbase', 'mexc'];
const FAULTS: Fault[] = [
  { serverError: 502 },
  { malformedJson: true },
  { rateLimit: { retryAfterSec: 2 } },
  { rejectTimestamps: true },
  { restrictedLocation: true },
];

/** Every piece of a secret long enough to identify it. */
function fragments(secret: string): string[] {
  const clean = secret.replace(/-----[A-Z ]+-----|\s/g, '');
  const out = [secret.trim()];
  for (let i = 0; i + 12 <= clean.length; i += 6) out.push(clean.slice(i, i + 12));
  return out;
}

describe.each(EXCHANGES)('secrets given to %s', (exchange) => {
  it('never appear in a verdict, a result or a log line, whatever goes wrong', async () => {
    const { creds } = h.key(exchange);
    const wrongSecret = { ...creds, secret: h.key(exchange).creds.secret! };
    const outputs: unknown[] = [];
    outputs.push(await h.gateway.validate(exchange, creds), await h.gateway.balance(exchange, creds));
    outputs.push(await h.gateway.validate(exchange, wrongSecret), await h.gateway.balance(exchange, wrongSecret));
    for (const fault of FAULTS) {
      h.sim.setFault(exchange, { ...fault, scope: 'private' });
      outputs.push(await h.gateway.validate(exchange, creds), await h.gateway.balance(exchange, creds));
      h.sim.clearFaults(exchange);
    }
    const seen = JSON.stringify(outputs) + h.logs.text();
    expect(h.logs.lines.length).toBeGreaterThan(0); // the failures were logged, so the scan below means something
    for (const secret of [creds.secret!, wrongSecret.secret!, creds.password, creds.apiKey!].filter((s): s is string => Boolean(s))) {
      for (const piece of fragments(secret)) expect(seen, `a piece of a secret leaked for ${exchange}`).not.toContain(piece);
    }
  });
});
