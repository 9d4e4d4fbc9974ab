import { describe, expect, it } from 'vitest';
import ccxt from 'ccxt';
import { agentValidUntil, hyperliquidProfile } from '../../src/exchanges/profiles/hyperliquid.js';
import { failureKind } from '../../src/exchanges/verdicts.js';
import { fixtures } from '../fixtures/exchanges/hyperliquid.js';
import { useGatewayAgainstSim } from '../exchanges/harness.js';
import { addressOf } from './exchanges/_hyperliquid-sign.js';
import { realisticKey } from './keys.js';
import type { KeyProfile } from './types.js';
import { useSimExchange } from './fixture.js';

const ID = 'hyperliquid';
/** a main account and its API wallet's private key */
const STANDING: KeyProfile = { ...realisticKey(ID), balances: { USDC: { free: 100, used: 0 } } };
const DAY = 86_400_000;

const k = useSimExchange(ID, { key: STANDING });
const { register, preloaded, keyInfo, failure } = k;
const kind = (err: unknown) => failureKind(err, hyperliquidProfile);
/** a main account whose private key the user pastes instead of an API wallet's */
const mainKey = (): KeyProfile => {
  const secret = realisticKey(ID).secret;
  return { apiKey: addressOf(secret), secret };
};

describe('ccxt upgrade canary: hyperliquid through real ccxt', () => {
  it('loads the perpetual and spot markets', () => {
    expect(Object.keys(k.markets)).toEqual(expect.arrayContaining(['SOL/USDC:USDC', 'PURR/USDC']));
  });

  it('proves an API wallet with two unsigned info requests: its role, then its expiry', async () => {
    await keyInfo();
    expect(k.sim.stats(ID)).toMatchObject({ requests: 2, privateRequests: 0, byRoute: { 'POST /info': 2 } });
  });
});

describe('hyperliquid API wallet approval', () => {
  it('reports an approved API wallet: it may trade, it cannot withdraw, and it lapses on its validUntil', async () => {
    const validUntil = Date.now() + 30 * DAY;
    register({ ...STANDING, expiresAt: validUntil });
    expect(await keyInfo()).toEqual({
      read: 'yes',
      spotTrade: 'yes',
      futuresTrade: 'yes',
      withdraw: 'no',
      transfer: 'unknown',
      ipRestricted: 'unknown',
      expiresAt: validUntil,
    });
  });

  it("accepts the master account's API wallet for one of its sub-accounts", async () => {
    const sub = realisticKey(ID).apiKey;
    register({ ...STANDING, uid: sub });
    expect(await keyInfo(preloaded({ ...STANDING, apiKey: sub }))).toMatchObject({ spotTrade: 'yes', withdraw: 'no' });
    expect(k.sim.stats(ID).requests).toBe(2);
  });

  it("reports the main wallet's own private key as one that can withdraw", async () => {
    const key = register(mainKey());
    expect(await keyInfo(preloaded(key))).toMatchObject({ spotTrade: 'yes', withdraw: 'yes' });
  });

  it('refuses an API wallet Hyperliquid no longer holds (deregistered or past its validUntil)', async () => {
    register({ ...STANDING, state: 'revoked' });
    const revoked = await failure(keyInfo());
    expect(revoked).toBeInstanceOf(ccxt.AuthenticationError);
    expect(kind(revoked)).toBe('bad_key');
    register({ ...STANDING, expiresAt: Date.now() - 1000 });
    expect(kind(await failure(keyInfo()))).toBe('bad_key');
  });

  it('refuses an API wallet approved for another account than the wallet address typed', async () => {
    const other = register(realisticKey(ID));
    const err = await failure(keyInfo(preloaded({ ...STANDING, apiKey: other.apiKey })));
    expect(kind(err)).toBe('bad_credentials');
    expect(err.message).not.toContain(STANDING.secret.slice(2));
  });

  it('refuses a private key that is not a 64-digit hex key, without echoing it', async () => {
    const err = await failure(keyInfo(preloaded({ ...STANDING, secret: '0xnot-a-key' })));
    expect(kind(err)).toBe('bad_credentials');
    expect(err.message).not.toContain('not-a-key');
  });

  it('reads the expiry of a named agent from the documented extraAgents answer, and none for an unlisted one', () => {
    const body = fixtures.keyInfo['extra-agents']!.body;
    expect(agentValidUntil(body, '0xD56A73C11336D712403D346C7502F5AF29027CDA')).toBe(1766846919956);
    expect(agentValidUntil(body, '0x0000000000000000000000000000000000000001')).toBeUndefined();
    expect(agentValidUntil(fixtures.keyInfo['extra-agents-none']!.body, '0x1')).toBeUndefined();
  });
});

describe('hyperliquid signed actions', () => {
  it('accepts a cancel signed by the approved API wallet, answering that the order does not exist', async () => {
    expect(await failure(preloaded().cancelOrder('123456789', 'SOL/USDC:USDC'))).toBeInstanceOf(ccxt.OrderNotFound);
  });

  it('refuses a cancel signed by another private key: the signature recovers an unknown address', async () => {
    const stranger = realisticKey(ID).secret;
    const err = await failure(preloaded({ ...STANDING, secret: stranger }).cancelOrder('123456789', 'SOL/USDC:USDC'));
    expect(err).toBeInstanceOf(ccxt.InvalidOrder);
    expect(err.message).toContain(`User or API Wallet ${addressOf(stranger)} does not exist`);
    expect(kind(err)).toBe('bad_key');
  });
});

describe('hyperliquid key check through the gateway', () => {
  const h = useGatewayAgainstSim({ validationTimeoutMs: 2_500 });

  it('proves an approved API wallet without calling the key unproven', async () => {
    const { creds } = h.key(ID);
    const result = await h.gateway.validate(ID, creds);
    expect(result.ok).toBe(true);
    expect(result.warnings).not.toContain('key_unproven');
    expect(result.permissions).toMatchObject({ spotTrade: 'yes', withdraw: 'no' });
    expect(h.sim.stats(ID).byRoute['POST /info']).toBeLessThanOrEqual(3); // the clock, the role, the expiry
    expect(h.sim.stats(ID).privateRequests).toBe(0);
  });

  it("refuses to store the main wallet's own private key", async () => {
    const secret = realisticKey(ID).secret;
    h.sim.addKey(ID, { apiKey: addressOf(secret), secret });
    const result = await h.gateway.validate(ID, { walletAddress: addressOf(secret), privateKey: secret });
    expect(result.verdict?.kind).toBe('withdraw_enabled');
  });

  it('refuses an API wallet Hyperliquid does not hold', async () => {
    const { creds } = h.key(ID, { state: 'revoked' });
    expect((await h.gateway.validate(ID, creds)).verdict?.kind).toBe('bad_key');
  });
});
