import { describe, expect, it } from 'vitest';
import { AppError, type ErrorCode } from '../../src/errors.js';
import { getExchange, type CatalogEntry } from '../../src/exchanges/catalog.js';
import { normalizeCredentials } from '../../src/exchanges/normalize.js';

const entry = (id: string): CatalogEntry => {
  const found = getExchange(id);
  if (!found) throw new Error(`no catalog entry for ${id}`);
  return found;
};
const binance = entry('binance');
const okx = entry('okx');
const kucoin = entry('kucoin');
const coinbase = entry('coinbase');
const hyperliquid = entry('hyperliquid');

const okxKey = '3f1c2a9e-5b7d-4c1e-9a2b-6d8e0f4a1b2c';
const okxSecret = 'A1B2C3D4E5F60718293A4B5C6D7E8F90';
const kucoinKey = '64a1b2c3d4e5f60718293a4b';
const kucoinSecret = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
const address = '0x8ba1f109551bD432803012645Ac136ddd64DBA72';
const agentKey = '0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318';
const cdpName = 'organizations/1f2e3d4c-aaaa-bbbb-cccc-0123456789ab/apiKeys/9a8b7c6d-dddd-eeee-ffff-0123456789ab';
const pem = [
  '-----BEGIN EC PRIVATE KEY-----',
  'MHcCAQEEIBkg4LVWM9nuwNSk3yByxZpYRTBnVJk5oGi5yNKk6V7+oAoGCCqGSM49',
  'AwEHoUQDQgAEz2p3e5R3mKZ6Q2sT0pW5rJ7t2Q0y6a3bVQ0d1fJzXo8Uq8Zb3c1Y',
  'xk2nS9s0rD3pFJf2Qw==',
  '-----END EC PRIVATE KEY-----',
].join('\n');

/** The error a call throws; fails the test when nothing is thrown. */
function failure(run: () => unknown): AppError {
  try {
    run();
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    return err as AppError;
  }
  throw new Error('expected the call to throw');
}

/** Asserts the code and that the refused value appears nowhere in what the error carries. */
function refuses(code: ErrorCode, run: () => unknown, canary: string): AppError {
  const err = failure(run);
  expect(err.code).toBe(code);
  for (const text of [err.message, JSON.stringify(err.params), String(err), err.stack ?? '']) expect(text).not.toContain(canary);
  return err;
}

describe('cleaning pasted credentials', () => {
  it('trims spaces, tabs, line breaks and no-break spaces around a value', () => {
    const out = normalizeCredentials(binance, { apiKey: '\u00a0 key123\t\n', secret: '\u2007\u202fsecret456 \u00a0' });
    expect(out).toEqual({ apiKey: 'key123', secret: 'secret456' });
  });

  it('drops zero-width characters and byte-order marks anywhere in a value', () => {
    const out = normalizeCredentials(binance, { apiKey: '\ufeffke\u200by1\u200c2\u200d3\u2060', secret: 'sec\ufeffret' });
    expect(out).toEqual({ apiKey: 'key123', secret: 'secret' });
  });

  it('returns only the fields the exchange asks for, keyed by ccxt property', () => {
    const out = normalizeCredentials(okx, { apiKey: okxKey, secret: okxSecret, password: 'Pass-Phrase_1', uid: 'ignored' });
    expect(out).toEqual({ apiKey: okxKey, secret: okxSecret, password: 'Pass-Phrase_1' });
  });

  it('refuses an empty, blank, invisible-only or missing value, naming the box by its label', () => {
    expect(refuses('INPUT_EMPTY', () => normalizeCredentials(okx, { apiKey: okxKey, secret: okxSecret, password: '' }), okxSecret).params).toEqual({
      field: 'Passphrase',
    });
    refuses('INPUT_EMPTY', () => normalizeCredentials(binance, { apiKey: ' \u00a0\n', secret: 's' }), '\u00a0');
    refuses('INPUT_EMPTY', () => normalizeCredentials(binance, { apiKey: '\u200b\ufeff', secret: 's' }), '\u200b');
    const missing = refuses('INPUT_EMPTY', () => normalizeCredentials(binance, { apiKey: 'CANARYkey' }), 'CANARYkey');
    expect(missing.message).toBe('Secret key is empty.');
  });

  it('refuses a 4,001-character value without repeating it', () => {
    const canary = `CANARY${'x'.repeat(3995)}`;
    expect(canary).toHaveLength(4001);
    const err = refuses('INPUT_TOO_LONG', () => normalizeCredentials(coinbase, { apiKey: cdpName, secret: canary }), canary.slice(0, 40));
    expect(err.params).toEqual({ field: 'Private key (secret)', max: 4000 });
    refuses('INPUT_TOO_LONG', () => normalizeCredentials(binance, { apiKey: canary, secret: 's' }), canary.slice(0, 40));
  });

  it('accepts a value exactly as long as the box allows', () => {
    const longest = 'k'.repeat(binance.fields[0]?.maxLength ?? 0);
    expect(normalizeCredentials(binance, { apiKey: longest, secret: 's' }).apiKey).toBe(longest);
  });

  it('refuses spaces, tabs and line breaks inside a one-line value', () => {
    for (const inner of [' ', '\t', '\n', '\r\n', '\u00a0', '\u3000']) {
      const canary = `CANARYleft${inner}right`;
      const err = refuses('INPUT_WHITESPACE', () => normalizeCredentials(binance, { apiKey: 'key', secret: canary }), 'CANARYleft');
      expect(err.params).toEqual({ field: 'Secret key' });
    }
  });

  it('refuses control characters, right-to-left overrides and bidi isolates', () => {
    for (const bad of ['\u0000', '\u0007', '\u001b', '\u007f', '\u0085', '\u202e', '\u202a', '\u2066', '\u2069', '\u200f', '\u00ad']) {
      const canary = `CANARY${bad}value`;
      const err = refuses('INPUT_CONTROL', () => normalizeCredentials(okx, { apiKey: okxKey, secret: okxSecret, password: canary }), 'CANARY');
      expect(err.params).toEqual({ field: 'Passphrase' });
    }
  });

  it('passes @everyone through as inert data and never echoes it in an error', () => {
    expect(normalizeCredentials(binance, { apiKey: '@everyone', secret: 's' }).apiKey).toBe('@everyone');
    const err = refuses('INPUT_WHITESPACE', () => normalizeCredentials(binance, { apiKey: 'key @everyone', secret: 's' }), '@everyone');
    expect(err.message).not.toContain('@');
  });

  it('refuses an exchange it cannot connect, with the reason', () => {
    const ndax = entry('ndax');
    const err = refuses('EXCHANGE_UNSUPPORTED', () => normalizeCredentials(ndax, { apiKey: 'CANARYkey' }), 'CANARYkey');
    expect(err.message).toContain('login and password');
  });
});

describe('PEM private keys', () => {
  it("keeps a coinbase key's line breaks exactly as issued", () => {
    expect(normalizeCredentials(coinbase, { apiKey: cdpName, secret: `${pem}\n` })).toEqual({ apiKey: cdpName, secret: pem });
  });

  it('turns Windows line breaks and the literal \\n of a JSON key file into plain line breaks', () => {
    expect(normalizeCredentials(coinbase, { apiKey: cdpName, secret: pem.replaceAll('\n', '\r\n') }).secret).toBe(pem);
    expect(normalizeCredentials(coinbase, { apiKey: cdpName, secret: pem.replaceAll('\n', '\\n') }).secret).toBe(pem);
  });

  it('gives a key flattened onto one line its line breaks back', () => {
    expect(normalizeCredentials(coinbase, { apiKey: cdpName, secret: pem.replaceAll('\n', ' ') }).secret).toBe(pem);
  });

  it('refuses a key cut off before its END line', () => {
    const cut = pem.slice(0, pem.indexOf('-----END'));
    const err = refuses('INPUT_FORMAT', () => normalizeCredentials(coinbase, { apiKey: cdpName, secret: cut }), 'MHcCAQEE');
    expect(err.message).toMatch(/from its -----BEGIN line to its -----END line/);
  });

  it('accepts a one-line legacy secret in the PEM box, but not one broken across lines', () => {
    expect(normalizeCredentials(coinbase, { apiKey: 'legacyKey', secret: 'legacySecret' }).secret).toBe('legacySecret');
    refuses('INPUT_WHITESPACE', () => normalizeCredentials(coinbase, { apiKey: 'legacyKey', secret: 'CANARYhalf\nhalf' }), 'CANARYhalf');
  });

  it("accepts a binance Ed25519 key's PEM in the secret box", () => {
    const ed = '-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIJ+DYvh6SEqVTm50DFtMDoQikTmiCqirVv9mWG9qfSnF\n-----END PRIVATE KEY-----';
    expect(normalizeCredentials(binance, { apiKey: 'key', secret: ed }).secret).toBe(ed);
  });
});

describe('values pasted into the wrong box', () => {
  it("notices okx's key and secret swapped", () => {
    const err = refuses('INPUT_SWAPPED', () => normalizeCredentials(okx, { apiKey: okxSecret, secret: okxKey, password: 'p' }), okxSecret);
    expect(err.message).toBe('API key and Secret key look swapped. Paste each value into its own box.');
  });

  it("notices kucoin's key and secret swapped", () => {
    refuses('INPUT_SWAPPED', () => normalizeCredentials(kucoin, { apiKey: kucoinSecret, secret: kucoinKey, password: 'p' }), kucoinKey);
    expect(normalizeCredentials(kucoin, { apiKey: kucoinKey, secret: kucoinSecret, password: 'p' }).apiKey).toBe(kucoinKey);
  });

  it('notices a coinbase key name and private key swapped', () => {
    refuses('INPUT_SWAPPED', () => normalizeCredentials(coinbase, { apiKey: pem.replaceAll('\n', ' '), secret: cdpName }), 'MHcCAQEE');
  });

  it('notices a private key block in a one-line box next to an empty-handed PEM box', () => {
    refuses('INPUT_SWAPPED', () => normalizeCredentials(binance, { apiKey: pem.replaceAll('\n', ' '), secret: 'plainSecret' }), 'MHcCAQEE');
  });

  it('never refuses a value only because it has an unfamiliar shape', () => {
    const out = normalizeCredentials(okx, { apiKey: 'new-style-key-format', secret: 'x'.repeat(50), password: 'p' });
    expect(out.apiKey).toBe('new-style-key-format');
  });

  it('refuses a wallet address in the private-key box', () => {
    const err = refuses('INPUT_FORMAT', () => normalizeCredentials(hyperliquid, { walletAddress: address, privateKey: address }), address);
    expect(err.params).toMatchObject({ field: 'API wallet private key' });
  });

  it('notices a wallet address and a private key swapped', () => {
    refuses('INPUT_SWAPPED', () => normalizeCredentials(hyperliquid, { walletAddress: agentKey, privateKey: address }), agentKey);
  });

  it("refuses a private key typed where the main wallet's address goes, steering to an agent wallet", () => {
    const err = refuses('INPUT_MAIN_WALLET_KEY', () => normalizeCredentials(hyperliquid, { walletAddress: agentKey, privateKey: agentKey }), agentKey.slice(2));
    expect(err.message).toMatch(/API \(agent\) wallet that cannot withdraw/);
  });

  it('accepts a wallet address with an agent key', () => {
    expect(normalizeCredentials(hyperliquid, { walletAddress: ` ${address} `, privateKey: agentKey })).toEqual({
      walletAddress: address,
      privateKey: agentKey,
    });
  });
});
