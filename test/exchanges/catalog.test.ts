import ccxt, { type Exchange } from 'ccxt';
import type { ExchangeMetadata } from '../../src/exchanges/ccxt-metadata.js';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { getExchange, listExchanges, MAX_FIELDS, type CatalogEntry } from '../../src/exchanges/catalog.js';
import { rankedIds } from '../../src/exchanges/catalog-notes.js';

const majors = ['binance', 'bybit', 'okx', 'kucoin', 'bitget', 'coinbase', 'kraken', 'gate', 'hyperliquid'];
const classes = ccxt as unknown as Record<string, new () => Exchange>;
const entry = (id: string): CatalogEntry => {
  const found = getExchange(id);
  if (!found) throw new Error(`no catalog entry for ${id}`);
  return found;
};
const ids = (entries: CatalogEntry[]): string[] => entries.map((e) => e.id);
const allNotes = (id: string): string => entry(id).notes.join('\n');

describe('the exchange catalog', () => {
  it('marks exactly the exchanges whose profile reads what a key may do as having a full check', () => {
    expect(entry('woo').fullCheck).toBe(true);
    expect(entry('deribit').fullCheck).toBe(true);
    expect(entry('okx').fullCheck).toBe(true);
    expect(entry('bitvavo').fullCheck).toBe(false);
  });

  it('lists every ccxt exchange that can fetch a private balance, and no other', () => {
    const expected = ccxt.exchanges.filter((id) => new (classes[id] as new () => Exchange)().has['fetchBalance']);
    expect(ids(listExchanges()).sort()).toEqual([...expected].sort());
    expect(expected.length).toBeGreaterThan(90);
  });

  it('asks for exactly the credentials ccxt marks as required, in a stable order', () => {
    for (const e of listExchanges()) {
      const required = Object.entries(new (classes[e.id] as new () => Exchange)().requiredCredentials)
        .filter(([, needed]) => needed)
        .map(([key]) => key);
      expect(e.fields.map((f) => f.key).sort(), e.id).toEqual(required.sort());
    }
    expect(entry('okx').fields.map((f) => f.key)).toEqual(['apiKey', 'secret', 'password']);
    expect(entry('hyperliquid').fields.map((f) => f.key)).toEqual(['walletAddress', 'privateKey']);
  });

  it('puts the majors first in the agreed order, then the other well-known venues, then the rest alphabetically', () => {
    const list = listExchanges();
    expect(ids(list.slice(0, majors.length))).toEqual(majors);
    const known = rankedIds.filter((id) => getExchange(id));
    expect(ids(list.slice(0, known.length))).toEqual(known);
    const rest = list.slice(known.length).map((e) => e.name.toLowerCase());
    expect(rest).toEqual([...rest].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' })));
    expect(list.map((e) => e.rank)).toEqual(list.map((_, i) => i + 1));
  });

  it('ranks only exchanges the installed ccxt really has', () => {
    for (const id of rankedIds) expect(getExchange(id), id).toBeDefined();
  });

  it("words every exchange's secret hint the same way, without key-format jargon", () => {
    for (const e of listExchanges()) {
      const secret = e.fields.find((f) => f.key === 'secret');
      if (!secret) continue;
      expect(secret.hint, e.id).toMatch(/^Shown only once, when you create the key\. /);
      expect(secret.hint, e.id).not.toMatch(/PEM|Ed25519|RSA|base64/);
    }
  });

  it("keeps every label, hint, placeholder and length within Discord's modal limits", () => {
    for (const e of listExchanges()) {
      for (const f of e.fields) {
        expect(f.label.length, `${e.id}.${f.key} label`).toBeLessThanOrEqual(45);
        expect(f.label.length).toBeGreaterThan(0);
        expect(f.hint.length, `${e.id}.${f.key} hint`).toBeLessThanOrEqual(100);
        expect((f.placeholder ?? '').length, `${e.id}.${f.key} placeholder`).toBeLessThanOrEqual(100);
        expect(f.maxLength).toBeGreaterThan(0);
        expect(f.maxLength).toBeLessThanOrEqual(4000);
      }
      for (const note of e.notes) expect(note.length, `${e.id} note: ${note}`).toBeLessThanOrEqual(200);
      expect(e.name.length).toBeLessThanOrEqual(45);
    }
  });

  it('uses friendly labels and marks secrets, passphrases and private keys as sensitive', () => {
    const okx = entry('okx').fields;
    expect(okx.map((f) => [f.label, f.sensitive])).toEqual([
      ['API key', false],
      ['Secret key', true],
      ['Passphrase', true],
    ]);
    const hl = entry('hyperliquid').fields;
    expect(hl.map((f) => [f.key, f.sensitive])).toEqual([
      ['walletAddress', false],
      ['privateKey', true],
    ]);
    expect(hl[0]?.label).toBe('Wallet address');
    expect(entry('coinmate').fields.find((f) => f.key === 'uid')?.sensitive).toBe(false);
    for (const e of listExchanges()) {
      for (const f of e.fields) {
        if (['secret', 'password', 'privateKey'].includes(f.key)) expect(f.sensitive, `${e.id}.${f.key}`).toBe(true);
        if (['apiKey', 'uid', 'walletAddress'].includes(f.key)) expect(f.sensitive, `${e.id}.${f.key}`).toBe(false);
      }
    }
  });

  it("makes a box multiline only where ccxt accepts a PEM private key, coinbase's secret among them", () => {
    const coinbaseSecret = entry('coinbase').fields.find((f) => f.key === 'secret');
    expect(coinbaseSecret).toMatchObject({ multiline: true, maxLength: 4000 });
    expect(entry('okx').fields.some((f) => f.multiline)).toBe(false);
    expect(entry('kraken').fields.some((f) => f.multiline)).toBe(false);
    for (const e of listExchanges()) {
      for (const f of e.fields.filter((x) => x.multiline)) expect(['secret', 'privateKey'], `${e.id}.${f.key}`).toContain(f.key);
    }
  });

  it('gives every major practical notes and the menu path where its keys are made', () => {
    for (const id of majors) {
      expect(entry(id).notes.length, id).toBeGreaterThan(0);
      expect(entry(id).createKeyPath, id).toMatch(/→/);
    }
  });

  it('warns about the traps traders fall into on each major', () => {
    expect(allNotes('binance')).toMatch(/Binance US/);
    expect(allNotes('binance')).toMatch(/switches spot and margin trading off/);
    expect(allNotes('binanceus')).toMatch(/binance\.com key will not work/);
    for (const id of ['okx', 'kucoin', 'bitget']) {
      expect(allNotes(id), id).toMatch(/passphrase is the one you typed when creating this API key/);
      expect(allNotes(id), id).toMatch(/case-sensitive/);
      expect(allNotes(id), id).toMatch(/not your login/);
    }
    expect(allNotes('kucoin')).toMatch(/KuCoin Futures \(kucoinfutures\)/);
    expect(allNotes('kraken')).toMatch(/nonce window/);
    expect(allNotes('bybit')).toMatch(/90 days/);
    expect(allNotes('coinbase')).toMatch(/organizations\/…\/apiKeys\//);
    expect(allNotes('coinbase')).toMatch(/-----BEGIN EC PRIVATE KEY-----.*-----END EC PRIVATE KEY-----/);
    expect(allNotes('coinbase')).toMatch(/legacy/);
    expect(allNotes('gate')).toMatch(/APIv4/);
  });

  it('links exchanges that share a brand but not keys, in both directions', () => {
    expect(entry('binance').siblings).toContain('binanceus');
    expect(entry('binanceus').siblings).toContain('binance');
    expect(entry('binance').siblings).not.toContain('binanceusdm');
    // KuCoin Futures takes the KuCoin key: telling a trader it does not would send them to make another
    expect(entry('kucoin').siblings).not.toContain('kucoinfutures');
    expect(entry('kucoinfutures').siblings).not.toContain('kucoin');
    for (const e of listExchanges()) {
      for (const s of e.siblings) expect(entry(s).siblings, `${s} → ${e.id}`).toContain(e.id);
    }
  });

  it("mirrors ccxt's sandbox flag", () => {
    for (const e of listExchanges()) {
      expect(e.sandbox, e.id).toBe(Boolean(new (classes[e.id] as new () => Exchange)().has['sandbox']));
    }
  });

  it('marks the exchanges whose key check reads what the key may do', () => {
    for (const id of ['okx', 'htx', 'bingx', 'hyperliquid']) expect(entry(id).fullCheck, id).toBe(true);
    expect(entry('lbank').fullCheck).toBe(true);
    expect(entry('cryptocom').fullCheck).toBe(false);
  });

  it("gives the futures siblings that share their parent's key a full check, and the regional twins with keys of their own none", () => {
    for (const id of ['binanceusdm', 'binancecoinm', 'kucoinfutures']) expect(entry(id).fullCheck, id).toBe(true);
    for (const id of ['binanceus', 'myokx', 'okxus', 'bybiteu', 'gateeu']) expect(entry(id).fullCheck, id).toBe(false);
  });

  it("keeps each futures sibling's own name and notes rather than its parent's", () => {
    expect(entry('binanceusdm').name).toBe('Binance USDⓈ-M Futures');
    expect(allNotes('binanceusdm')).toMatch(/USDⓈ-M futures wallet/);
    expect(allNotes('binanceusdm')).not.toMatch(/US residents/);
    expect(allNotes('kucoinfutures')).toMatch(/Futures permission/);
    expect(entry('kucoinfutures').createKeyPath).toMatch(/tick the Futures permission/);
  });

  it('steers every wallet-based exchange to an API or agent wallet that cannot withdraw', () => {
    const wallets = listExchanges().filter((e) => e.walletBased);
    expect(ids(wallets)).toContain('hyperliquid');
    expect(wallets.length).toBeGreaterThan(3);
    for (const e of wallets) {
      const key = e.fields.find((f) => f.key === 'privateKey');
      if (key) expect(key.hint, e.id).toMatch(/API.*wallet.*not withdraw.*Never your main wallet/);
      expect(e.notes.join(' '), e.id).toMatch(/API\/agent wallet.*cannot withdraw.*Never paste your main wallet's private key/);
    }
    expect(entry('hyperliquid').fields.find((f) => f.key === 'walletAddress')?.hint).toMatch(/main account address/);
    expect(entry('binance').walletBased).toBe(false);
  });

  it('explains every exchange it cannot connect, and never offers a form it cannot show or a secret it must not hold', () => {
    for (const e of listExchanges()) {
      if (e.supported) {
        expect(e.unsupportedReason, e.id).toBeUndefined();
        expect(e.fields.length, e.id).toBeGreaterThan(0);
        expect(e.fields.length, e.id).toBeLessThanOrEqual(MAX_FIELDS);
        expect(
          e.fields.map((f) => f.key),
          e.id,
        ).not.toContain('login');
        expect(
          e.fields.map((f) => f.key),
          e.id,
        ).not.toContain('twofa');
      } else {
        expect(e.unsupportedReason?.length, e.id).toBeGreaterThan(20);
      }
    }
    expect(entry('ndax')).toMatchObject({ supported: false, unsupportedReason: expect.stringMatching(/login and password/) });
    expect(entry('dydx')).toMatchObject({ supported: false, unsupportedReason: expect.stringMatching(/no credentials/) });
    expect(entry('lighter').unsupportedReason).toMatch(/can move your funds/);
    expect(entry('okx').supported).toBe(true);
  });

  it('finds an exchange by id whatever its case, and nothing for an unknown id', () => {
    expect(getExchange(' OKX ')?.id).toBe('okx');
    expect(getExchange('mtgox')).toBeUndefined();
  });

  it('hands out entries that cannot be changed behind the cache', () => {
    const okx = entry('okx');
    expect(() => okx.notes.push('tampered')).toThrow();
    expect(Object.isFrozen(okx.fields[0])).toBe(true);
    listExchanges().pop();
    expect(listExchanges().length).toBeGreaterThan(90);
  });
});

describe('the rules applied to whatever ccxt declares', () => {
  const SNAPSHOT = '../../src/exchanges/catalog-snapshot.js';
  beforeEach(() => {
    vi.resetModules();
  });
  afterEach(() => {
    vi.doUnmock(SNAPSHOT);
  });

  /** One exchange as the snapshot of ccxt's metadata records it. */
  const meta = (id: string, credentials: string[], extra: Partial<ExchangeMetadata> = {}): ExchangeMetadata => ({
    id,
    name: 'Fake',
    balance: true,
    credentials,
    dex: false,
    sandbox: false,
    ...extra,
  });

  it('refuses more boxes than a modal holds, a live 2FA secret, an unknown credential and a key-less exchange', async () => {
    vi.doMock(SNAPSHOT, () => ({
      exchangeSnapshot: [
        meta('fivefields', ['apiKey', 'secret', 'password', 'uid', 'accountId']),
        meta('fourfields', ['apiKey', 'secret', 'password', 'uid']),
        meta('totp', ['apiKey', 'secret', 'twofa']),
        meta('novel', ['apiKey', 'biometricToken']),
        meta('keyless', []),
        meta('publiconly', ['apiKey'], { balance: false }),
      ],
    }));
    const fresh = await import('../../src/exchanges/catalog.js');
    expect(
      fresh
        .listExchanges()
        .map((e) => e.id)
        .sort(),
    ).toEqual(['fivefields', 'fourfields', 'keyless', 'novel', 'totp']);
    expect(fresh.getExchange('fivefields')?.unsupportedReason).toMatch(/5 credentials .* room for 4/);
    expect(fresh.getExchange('fourfields')?.supported).toBe(true);
    expect(fresh.getExchange('totp')?.unsupportedReason).toMatch(/2FA/);
    expect(fresh.getExchange('novel')?.unsupportedReason).toMatch(/biometricToken/);
    expect(fresh.getExchange('keyless')?.unsupportedReason).toMatch(/no credentials/);
  });

  it('marks a DEX keyed by a private key as wallet-based and gives it the agent-wallet hint', async () => {
    vi.doMock(SNAPSHOT, () => ({ exchangeSnapshot: [meta('newdex', ['walletAddress', 'privateKey'], { dex: true })] }));
    const fresh = await import('../../src/exchanges/catalog.js');
    const dex = fresh.getExchange('newdex');
    expect(dex?.walletBased).toBe(true);
    expect(dex?.fields.find((f) => f.key === 'privateKey')?.hint).toMatch(/agent wallet/);
  });

  it('builds the real catalog within the budget the 3-second autocomplete deadline leaves', async () => {
    const fresh = await import('../../src/exchanges/catalog.js');
    const started = performance.now();
    fresh.listExchanges();
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
