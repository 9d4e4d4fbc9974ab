import { describe, expect, it } from 'vitest';
import { AppError } from '../src/errors.js';
import { captureLogs } from './helpers/logs.js';

const SECRET = 'CANARY-secret-Zx9q/+=abc';

describe('logging', () => {
  it('writes one JSON object per line', () => {
    const { log, lines } = captureLogs();
    log.info({ exchange: 'binance' }, 'checked');
    expect(JSON.parse(lines[0]!)).toMatchObject({ msg: 'checked', exchange: 'binance', level: 30 });
  });

  it('redacts secret-bearing fields wherever they sit in the object', () => {
    const { log, text } = captureLogs();
    log.info({ apiKey: SECRET, nested: { secret: SECRET, password: SECRET }, credentials: { a: SECRET }, headers: { authorization: SECRET } }, 'x');
    expect(text()).not.toContain(SECRET.slice(0, 12));
  });

  it('scrubs the secrets of the request being served from error messages, escaped or URL-encoded', async () => {
    const { log, scrubber, text } = captureLogs();
    await scrubber.withSecrets([SECRET], async () => {
      await Promise.resolve();
      const err = new Error(`binance GET https://api/x?apiKey=${encodeURIComponent(SECRET)}&q=1 {"echo":${JSON.stringify(SECRET)}} raw ${SECRET}`);
      log.error({ err }, `failed for ${SECRET}`);
    });
    expect(text()).toContain('failed for');
    expect(text()).not.toContain(SECRET);
    expect(text()).not.toContain(encodeURIComponent(SECRET));
    expect(text()).not.toContain('Zx9q');
  });

  it('scrubs signatures and keys in URLs even when nobody registered them', () => {
    const { log, text } = captureLogs();
    log.warn({ err: new Error('GET /api/v3/account?timestamp=1&signature=abcdef0123456789abcdef') }, 'x');
    expect(text()).not.toContain('abcdef0123456789abcdef');
  });

  it('keeps only allow-listed fields of an error, including catalogued codes and causes', () => {
    const { log, lines } = captureLogs();
    const cause = Object.assign(new Error('inner'), { config: { secret: SECRET }, response: { body: SECRET } });
    log.error({ err: new AppError('STORE_UNAVAILABLE', undefined, { cause }) }, 'x');
    const entry = JSON.parse(lines[0]!);
    expect(entry.err.code).toBe('STORE_UNAVAILABLE');
    expect(entry.err.cause.message).toBe('inner');
    expect(lines[0]).not.toContain(SECRET.slice(0, 12));
  });

  it('prints only the id of an interaction or exchange object handed to it by mistake', () => {
    const { log, text } = captureLogs();
    log.info({ interaction: { id: '42', type: 5, fields: { secret: SECRET } }, exchange: { id: 'okx', secret: SECRET, apiKey: SECRET } }, 'x');
    expect(text()).toContain('"okx"');
    expect(text()).not.toContain(SECRET.slice(0, 12));
  });

  it('scrubs a short secret of the request (a 4-character passphrase) where it stands as a word, without mangling the line', async () => {
    const { log, scrubber, text } = captureLogs();
    await scrubber.withSecrets(['Qz7!'], async () => {
      log.warn({ err: new Error('passphrase Qz7! was refused; body={"passphrase":"Qz7!"} q=Qz7%21') }, 'okx said no');
    });
    expect(text()).toContain('okx said no');
    expect(text()).not.toMatch(/Qz7/);
  });

  it('scrubs a short secret that starts a line or follows a tab, where the log line writes it after an escape', async () => {
    const { log, scrubber, text } = captureLogs();
    await scrubber.withSecrets(['Qz7w'], async () => {
      log.warn({ body: 'the exchange answered:\nQz7w\tQz7w\rQz7w\fQz7w\bQz7w\u001bQz7w' }, 'okx said no');
    });
    expect(text()).toContain('okx said no');
    expect(text()).not.toMatch(/Qz7w/);
  });

  it('redacts credentials under the header and field names exchanges give them, outside any request', () => {
    const { log, text } = captureLogs();
    // header names as ccxt 4.5.84 sends them: js/src/binance.js, okx.js, kucoin.js, bitget.js, bybit.js, kraken.js
    const headers = {
      'X-MBX-APIKEY': 'HDR-binance-key-0001',
      'OK-ACCESS-PASSPHRASE': 'HDR-okx-pass-0002',
      'KC-API-PASSPHRASE': 'HDR-kucoin-pass-0003',
      'ACCESS-PASSPHRASE': 'HDR-bitget-pass-0004',
      'X-BAPI-API-KEY': 'HDR-bybit-key-0005',
      'API-Sign': 'HDR-kraken-sign-0006',
    };
    log.warn({ request: { headers, body: { api_secret: 'HDR-body-secret-0007', apiSecret: 'HDR-body-secret-0008' } } }, 'a request failed');
    expect(text()).toContain('a request failed');
    expect(text()).not.toContain('HDR-');
  });

  it('scrubs the base64, strict URL-encoded, form-encoded, unicode-escaped and twice-escaped forms of a secret', async () => {
    const secret = 'pa(ss)*w!o\'rd \\é/"x';
    const rfc3986 = encodeURIComponent(secret).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
    const forms = [
      Buffer.from(secret).toString('base64'),
      Buffer.from(secret).toString('base64url'),
      rfc3986,
      rfc3986.toLowerCase(),
      new URLSearchParams({ s: secret }).toString().slice(2),
      JSON.stringify(secret)
        .slice(1, -1)
        .replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
        .replace(/\//g, '\\/'),
      JSON.stringify(JSON.stringify(secret).slice(1, -1)).slice(1, -1),
    ];
    const { log, scrubber, lines } = captureLogs();
    await scrubber.withSecrets([secret], async () => {
      for (const form of forms) log.warn({ err: new Error(`GET /x?sig=1&pass=${form}&y=2`) }, 'failed');
    });
    lines.forEach((line, i) => {
      const message = JSON.parse(line).err.message as string;
      expect(message, `form ${i}`).toBe('GET /x?sig=1&pass=[redacted]&y=2');
    });
  });

  it('redacts credential fields nested at any depth, outside any request, also inside nested errors', () => {
    const { log, text } = captureLogs();
    log.info({ job: { exchange: { config: { apiKey: SECRET, deeper: [{ auth: { Secret: SECRET, api_key: SECRET } }] } } } }, 'x');
    log.info({ a: { b: { c: { d: { e: { f: { g: { h: { i: { token: SECRET } } } } } } } } } }, 'y');
    log.info({ outcome: { failure: Object.assign(new Error('boom'), { config: { headers: { 'X-Api-Key': SECRET } } }) } }, 'z');
    expect(text()).toContain('boom');
    expect(text()).not.toContain(SECRET.slice(0, 12));
  });
});
