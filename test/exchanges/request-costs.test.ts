import { describe, expect, it } from 'vitest';
import { profileFor } from '../../src/exchanges/profiles/index.js';
import { previewAlongside } from '../../src/exchanges/validate.js';
import { plainCcxtAgainst } from '../sim/ccxt-client.js';
import { SIMULATED_EXCHANGES } from '../sim/simulated.js';
import { useGatewayAgainstSim } from './harness.js';

const h = useGatewayAgainstSim();
const EXCHANGES = SIMULATED_EXCHANGES;

/** upbit's and blofin's markets come from one call and hyperliquid's balance needs none, so even a naive balance read costs only 2 */
const CHEAP_MARKETS = new Set(['upbit', 'blofin', 'hyperliquid']);
/** hyperliquid's balance is public, read by wallet address without a signature */
const UNSIGNED_BALANCE = new Set(['hyperliquid']);

describe.each(EXCHANGES)('requests %s receives', (exchange) => {
  it.skipIf(CHEAP_MARKETS.has(exchange))('a naive client spends several requests on one fresh fetchBalance()', async () => {
    const { creds } = h.key(exchange);
    await plainCcxtAgainst(h.sim, exchange, creds).fetchBalance();
    expect(h.sim.stats(exchange).requests).toBeGreaterThan(2);
  });

  it('validating a new key costs at most 2 once the clock offset is known', async () => {
    await h.gateway.validate(exchange, h.key(exchange).creds); // first use: clock offset and markets
    h.sim.resetStats(exchange);
    const result = await h.gateway.validate(exchange, h.key(exchange).creds);
    expect(result.ok).toBe(true);
    expect(h.sim.stats(exchange).requests).toBeLessThanOrEqual(2);
  });

  it('checking a key for /connect, its balance card included, costs at most 2 once warm, both read at once where allowed', async () => {
    const warmup = h.key(exchange).creds;
    const first = await h.gateway.validate(exchange, warmup, undefined, undefined, { preview: true });
    await h.gateway.balance(exchange, warmup, first.hints); // markets and prices, as an earlier user's card loads them
    h.sim.resetStats(exchange);
    h.sim.setFault(exchange, { latencyMs: 100 }); // slow enough that requests sent together are in flight together
    const result = await h.gateway.validate(exchange, h.key(exchange).creds, undefined, undefined, { preview: true });
    expect(result.ok).toBe(true);
    expect(h.sim.stats(exchange).requests).toBeLessThanOrEqual(2);
    if (previewAlongside(profileFor(exchange))) {
      expect(result.balance).toBeDefined();
      expect(h.sim.stats(exchange).maxInFlight).toBe(2);
    }
  });

  it('a warm balance costs exactly 1 request', async () => {
    const { creds } = h.key(exchange);
    const validated = await h.gateway.validate(exchange, creds);
    const first = await h.gateway.balance(exchange, creds, validated.hints); // learns the account mode and prices
    expect(first.ok).toBe(true);
    h.sim.resetStats(exchange);
    const warm = await h.gateway.balance(exchange, creds, first.ok ? first.hints : undefined);
    expect(warm.ok).toBe(true);
    expect(h.sim.stats(exchange).requests).toBe(1);
    expect(h.sim.stats(exchange).privateRequests).toBe(UNSIGNED_BALANCE.has(exchange) ? 0 : 1);
  });
});

describe('the balance card read alongside the key info', () => {
  it('happens where the key info alone proves the key (binance and its futures siblings, okx, woo, deribit, gemini, bitfinex, bitflyer, lbank); elsewhere the balance needs what the key info teaches, or a trade probe would make it a third request', () => {
    expect(EXCHANGES.filter((id) => previewAlongside(profileFor(id)))).toEqual([
      'binance',
      'okx',
      'woo',
      'deribit',
      'gemini',
      'bitfinex',
      'bitflyer',
      'lbank',
      'binanceusdm',
      'binancecoinm',
    ]);
  });
});

describe('balances', () => {
  it('list non-zero assets largest first with a USD estimate, and fold dust into "other assets"', async () => {
    const { creds } = h.key('binance', {
      balances: { BTC: { free: 0.5, used: 0 }, USDT: { free: 100, used: 0 }, ETH: { free: 0.0001, used: 0 }, SOL: { free: 0, used: 0 } },
    });
    const outcome = await h.gateway.balance('binance', creds);
    if (!outcome.ok) throw new Error(outcome.verdict.title);
    expect(outcome.balance.assets.map((a) => a.asset)).toEqual(['BTC', 'USDT']);
    expect(outcome.balance.otherAssets).toBe(1);
    expect(outcome.balance.totalUsd).toBeGreaterThan(100);
  });
});
