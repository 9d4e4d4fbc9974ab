/** Accounts the exchanges document but the first profiles misread: empty wallets, KuCoin HF, Binance trading lapses. */
import { describe, expect, it } from 'vitest';
import { useGatewayAgainstSim } from './harness.js';

const h = useGatewayAgainstSim();

describe('an account that holds nothing', () => {
  // bitget and gate answer an empty account with an empty list (bitget Get-Account-Assets: assetType defaults to hold_only)
  it.each(['bitget', 'gate', 'kucoin', 'binance'])('is shown on %s as an empty balance, not as an unreachable exchange', async (exchange) => {
    const { creds } = h.key(exchange, { balances: {} });
    const outcome = await h.gateway.balance(exchange, creds);
    expect(outcome.ok ? outcome.balance.assets : outcome.verdict.kind).toEqual([]);
  });
});

describe('a KuCoin high-frequency (HF) account', () => {
  // the amounts of ccxt's captured kucoin fetchBalance (ts/src/test/static/response/kucoin.json, a trade wallet there),
  // moved to trade_hf as the corpus's made-up 'funded-hf' variant does
  const hfBalances = { USDT: { free: 40.12618754, used: 0 }, LTC: { free: 0.171021, used: 0 }, BTC: { free: 0, used: 0 } };

  it('shows the trade_hf wallet after a key check', async () => {
    const { creds } = h.key('kucoin', { accountMode: 'hf', balances: hfBalances });
    const validated = await h.gateway.validate('kucoin', creds);
    expect(validated.ok).toBe(true);
    const outcome = await h.gateway.balance('kucoin', creds, validated.hints);
    if (!outcome.ok) throw new Error(outcome.verdict.title);
    expect(Object.fromEntries(outcome.balance.assets.map((a) => [a.asset, a.total]))).toEqual({ USDT: 40.12618754, LTC: 0.171021 });
  });

  it('shows the trade_hf wallet for a key stored before its account mode was known', async () => {
    const { creds } = h.key('kucoin', { accountMode: 'hf', balances: hfBalances });
    const outcome = await h.gateway.balance('kucoin', creds);
    if (!outcome.ok) throw new Error(outcome.verdict.title);
    expect(outcome.balance.assets.map((a) => a.asset).sort()).toEqual(['LTC', 'USDT']);
    expect(outcome.hints).toMatchObject({ hf: true });
  });
});

describe('a Binance key whose trading permission lapsed', () => {
  it('is accepted as a readable key, with the lapse reported as a warning, not as an expired key', async () => {
    const tradingExpiresAt = Date.now() - 86_400_000;
    const { creds } = h.key('binance', { tradingExpiresAt, spotTrade: false });
    const result = await h.gateway.validate('binance', creds);
    expect(result.ok).toBe(true);
    expect(result.permissions).toMatchObject({ read: 'yes', tradingExpiresAt });
    expect(result.warnings).toContain('trading_expires');
  });
});

describe('a Gate account in a unified mode', () => {
  // key.mode documents only 1 (classic) and 2 (legacy unified); the newer modes come from GET /unified/unified_mode
  it.each(['2', 'multi_currency', 'portfolio', 'single_currency'])('shows the unified wallet in mode %s', async (accountMode) => {
    const { creds } = h.key('gate', { accountMode, balances: { USDT: { free: 125.5, used: 4.5 } } });
    const validated = await h.gateway.validate('gate', creds);
    expect(validated.ok).toBe(true);
    const outcome = await h.gateway.balance('gate', creds, validated.hints);
    if (!outcome.ok) throw new Error(outcome.verdict.title);
    expect(outcome.balance.assets.map((a) => [a.asset, a.total])).toEqual([['USDT', 130]]);
  });

  it('shows the spot wallet in classic mode', async () => {
    const { creds } = h.key('gate', { accountMode: '1', balances: { BTC: { free: 0.5, used: 0 } } });
    const outcome = await h.gateway.balance('gate', creds);
    expect(outcome.ok && outcome.balance.assets.map((a) => a.asset)).toEqual(['BTC']);
  });
});
