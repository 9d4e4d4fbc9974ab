import type { Exchange } from 'ccxt';
import { describe, expect, it } from 'vitest';
import { systemClock } from '../../src/clock.js';
import { getExchange } from '../../src/exchanges/catalog.js';
import { ClockSync } from '../../src/exchanges/clock-sync.js';
import { MarketData } from '../../src/exchanges/market-data.js';
import { validateKey } from '../../src/exchanges/validate.js';
import { checkLines } from '../../src/discord/render/checks.js';
import { captureLogs } from '../helpers/logs.js';

/** Just enough of a wallet-based exchange: a public balance read by address, no key-info call, no clock. */
function walletExchange(): Exchange {
  return {
    id: 'hyperliquid',
    has: { fetchTime: false, cancelOrder: true },
    options: {},
    loadMarkets: async () => ({}),
    setMarketsFromExchange() {
      return this;
    },
    fetchBalance: async () => ({ info: { balances: [{ coin: 'USDC', total: '100' }] }, total: { USDC: 100 }, USDC: { free: 100, used: 0, total: 100 } }),
  } as unknown as Exchange;
}

describe('validating a wallet-based key', () => {
  it('does not claim the private key works when only the public balance of its wallet was read', async () => {
    const entry = getExchange('hyperliquid')!;
    expect(entry.walletBased).toBe(true);
    const result = await validateKey(
      {
        newClient: () => walletExchange(),
        marketData: new MarketData(systemClock, () => walletExchange()),
        clockSync: new ClockSync(systemClock),
        allowWithdraw: false,
        timeoutMs: 5_000,
        clock: systemClock,
        log: captureLogs().log,
      },
      entry,
      { walletAddress: `0x${'a'.repeat(40)}`, privateKey: `0x${'b'.repeat(64)}` },
    );
    expect(result.ok).toBe(true);
    expect(result.warnings).toContain('key_unproven');
    expect(checkLines(result.permissions, result.clock, !result.warnings.includes('key_unproven'))[0]).toMatch(/^❔ \*\*Authenticates\*\*/);
  });
});
