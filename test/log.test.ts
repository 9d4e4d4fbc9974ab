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
});
