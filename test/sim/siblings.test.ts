/**
 * Binance USDⓈ-M, Binance COIN-M and KuCoin Futures are checked with their parent's key-info call,
 * because one key signs every product of the exchange; their balance is the futures account.
 */
import { generateKeyPairSync } from 'node:crypto';
import ccxt, { type Exchange } from 'ccxt';
import { describe, expect, it } from 'vitest';
import { profileFor } from '../../src/exchanges/profiles/index.js';
import { useGatewayAgainstSim } from '../exchanges/harness.js';
import { plainCcxtAgainst } from './ccxt-client.js';

const BINANCE_SIBLINGS = ['binanceusdm', 'binancecoinm'] as const;
const SIBLINGS = [...BINANCE_SIBLINGS, 'kucoinfutures'] as const;
const classes = ccxt as unknown as Record<string, new () => Exchange>;
const instance = (id: string): Exchange => new (classes[id] as new () => Exchange)();

const h = useGatewayAgainstSim();

describe("ccxt upgrade canary: the futures siblings inherit their parent's key-info call on the parent's host", () => {
  it.each(BINANCE_SIBLINGS)('%s extends binance and signs sapi on api.binance.com', (id) => {
    const exchange = instance(id);
    expect(exchange).toBeInstanceOf(ccxt.binance);
    expect(typeof (exchange as unknown as Record<string, unknown>).sapiGetAccountApiRestrictions).toBe('function');
    expect((exchange.urls.api as Record<string, string>).sapi).toBe('https://api.binance.com/sapi/v1');
  });

  it('kucoinfutures extends kucoin and asks for the API key on api.kucoin.com', () => {
    const exchange = instance('kucoinfutures');
    expect(exchange).toBeInstanceOf(ccxt.kucoin);
    expect(typeof (exchange as unknown as Record<string, unknown>).privateGetUserApiKey).toBe('function');
    expect((exchange.urls.api as Record<string, string>).private).toBe('https://api.kucoin.com');
  });

  it('reads the USDⓈ-M, COIN-M and KuCoin futures accounts for a plain fetchBalance', async () => {
    const routes = { binanceusdm: 'GET /fapi/v3/account', binancecoinm: 'GET /dapi/v1/account', kucoinfutures: 'GET /api/v1/account-overview' };
    for (const id of SIBLINGS) {
      const { creds } = h.key(id, { balances: { USDT: { free: 120.5, used: 4.5 }, BTC: { free: 0.25, used: 0 } } });
      const balance = await plainCcxtAgainst(h.sim, id, creds).fetchBalance();
      expect(h.sim.stats(id).byRoute[routes[id]], id).toBe(1);
      expect(balance.USDT?.free ?? balance.BTC?.free, id).toBeGreaterThan(0);
    }
  });
});

describe.each(SIBLINGS)('a %s key check through the gateway', (id) => {
  it('accepts a key that may trade futures, and does not call it read-only when spot trading is off', async () => {
    const result = await h.gateway.validate(id, h.key(id, { spotTrade: false, futuresTrade: true }).creds);
    expect(result.ok).toBe(true);
    expect(result.permissions).toMatchObject({ read: 'yes', futuresTrade: 'yes', withdraw: 'no' });
    expect(result.warnings).not.toContain('cannot_trade');
  });

  it('warns that a key which may trade spot but not futures cannot trade here', async () => {
    const result = await h.gateway.validate(id, h.key(id, { spotTrade: true, futuresTrade: false }).creds);
    expect(result.ok).toBe(true);
    expect(result.warnings).toContain('cannot_trade');
  });

  it('refuses a key that may withdraw', async () => {
    const result = await h.gateway.validate(id, h.key(id, { futuresTrade: true, withdraw: true }).creds);
    expect(result.ok).toBe(false);
    expect(result.verdict?.kind).toBe('withdraw_enabled');
  });

  it("refuses a wrong secret with the parent exchange's own code", async () => {
    const { creds } = h.key(id, { futuresTrade: true });
    const wrong = { ...creds, secret: creds.secret!.replace(/^../, (s) => (s === 'ab' ? 'cd' : 'ab')) };
    const result = await h.gateway.validate(id, wrong);
    expect(result.ok).toBe(false);
    // kucoin HMACs the passphrase with the secret, so a wrong secret fails as wrong credentials
    expect(result.verdict?.kind).toBe(id === 'kucoinfutures' ? 'bad_credentials' : 'bad_secret');
    expect(result.verdict?.exchangeCode).toBe(id === 'kucoinfutures' ? '400004' : '-1022');
  });

  it('spends one signed request on the key info once the clock is known', async () => {
    const { creds } = h.key(id, { futuresTrade: true });
    await h.gateway.validate(id, creds);
    h.sim.resetStats(id);
    await h.gateway.validate(id, h.key(id, { futuresTrade: true }).creds);
    expect(h.sim.stats(id).byRoute).toEqual({ [id === 'kucoinfutures' ? 'GET /api/v1/user/api-key' : 'GET /sapi/v1/account/apiRestrictions']: 1 });
  });
});

describe('a Binance key pair the user generated, on the futures siblings', () => {
  it.each(BINANCE_SIBLINGS)('%s takes the PEM private key in a multi-line box and checks it with the key-info call', async (id) => {
    const pair = generateKeyPairSync('ed25519');
    const publicKey = pair.publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const privateKey = pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect(profileFor(id).pemFields).toEqual(['secret']);
    const { creds } = h.key(id, { publicKey, futuresTrade: true });
    const result = await h.gateway.validate(id, { ...creds, secret: privateKey }, undefined, undefined, { preview: true });
    expect(result.ok).toBe(true);
    expect(result.balance).toBeDefined();
  });
});

describe("what the siblings leave of their parent's behaviour", () => {
  it('drops the Binance spot-and-margin trading lapse, which Binance states for that permission only', async () => {
    const lapse = Date.now() + 3 * 86_400_000;
    const result = await h.gateway.validate('binanceusdm', h.key('binanceusdm', { futuresTrade: true, tradingExpiresAt: lapse }).creds);
    expect(result.ok).toBe(true);
    expect(result.permissions.tradingExpiresAt).toBeUndefined();
    expect(result.warnings).not.toContain('trading_expires');
    expect(profileFor('binanceusdm').expiryRule).toBeUndefined();
  });

  it("keeps Binance's error advice and KuCoin's error codes", () => {
    expect(profileFor('binancecoinm').advice?.wrong_region).toMatch(/Binance\.US/);
    expect(
      profileFor('kucoinfutures').classifyError?.(
        new ccxt.AuthenticationError('kucoinfutures {"code":"400006","msg":"The IP address is not in the API whitelist"}'),
      ),
    ).toBe('ip_not_allowed');
  });

  it("leaves KuCoin's spot HF account and Binance's key-pair generator with the parent", () => {
    expect(profileFor('kucoinfutures').prepareBalance).toBeUndefined();
    expect(profileFor('kucoinfutures').accountModeOptions).toEqual(['uta']);
    expect(profileFor('binanceusdm').selfGeneratedKeys).toBeUndefined();
    expect(profileFor('binanceusdm').tradeProbe).toBeUndefined();
  });
});
