import ccxt from 'ccxt';
import { describe, expect, it } from 'vitest';
import { systemClock } from '../../src/clock.js';
import { isAppError } from '../../src/errors.js';
import { ExchangeGateway, type GatewayOptions } from '../../src/exchanges/index.js';
import { applyApiOverride } from '../../src/exchanges/endpoints.js';
import { captureLogs } from '../helpers/logs.js';

function gateway(opts: Partial<GatewayOptions>): ExchangeGateway {
  const { log, scrubber } = captureLogs();
  return new ExchangeGateway({ overrides: {}, concurrency: 2, allowWithdraw: false, validationTimeoutMs: 5_000, clock: systemClock, log, scrubber, ...opts });
}

describe('exchange endpoint settings', () => {
  it('refuse, all at once and by name, an override for an unknown exchange and a sandbox ccxt does not have', () => {
    const err = (() => {
      try {
        gateway({ overrides: { notanexchange: 'http://127.0.0.1:1' }, sandbox: ['kraken', 'nope'] });
      } catch (e) {
        return e;
      }
    })();
    expect(isAppError(err, 'CONFIG_INVALID')).toBe(true);
    const message = (err as Error).message;
    expect(message).toContain('"notanexchange" is not a ccxt exchange id');
    expect(message).toContain('ccxt has no sandbox for "kraken"');
    expect(message).toContain('"nope" is not a ccxt exchange id');
  });

  it('accept sandbox mode where ccxt has one', () => {
    expect(() => gateway({ sandbox: ['binance', 'bybit'] })).not.toThrow();
  });

  it('move every REST URL of an exchange to the override base, keeping each path', () => {
    const okx = new ccxt.okx({});
    applyApiOverride(okx, 'https://proxy.example/okx/');
    expect((okx.urls as unknown as { api: { rest: string } }).api.rest).toBe('https://proxy.example/okx');
    const binance = new ccxt.binance({});
    applyApiOverride(binance, 'http://127.0.0.1:9/binance');
    const api = (binance.urls as unknown as { api: Record<string, string> }).api;
    expect(api.sapi).toBe('http://127.0.0.1:9/binance/sapi/v1');
    expect(api.fapiPrivate).toBe('http://127.0.0.1:9/binance/fapi/v1');
    expect(Object.values(api).every((u) => u.startsWith('http://127.0.0.1:9/binance'))).toBe(true);
  });
});
