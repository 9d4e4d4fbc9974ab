import { describe, expect, it } from 'vitest';
import { loadCheckedConfig, loadConfig } from '../src/config.js';
import { isAppError } from '../src/errors.js';

const valid = { DISCORD_TOKEN: 'MTAx.fake.token-value-that-is-secret', ALLOWED_GUILD_IDS: '111111111111111111' };

function problemsOf(env: Record<string, string>, purpose: 'bot' | 'tool' = 'bot'): string {
  try {
    loadConfig(env, purpose);
  } catch (err) {
    if (isAppError(err, 'CONFIG_INVALID')) return err.message;
    throw err;
  }
  throw new Error('expected the configuration to be refused');
}

describe('configuration', () => {
  it('works with only the Discord settings, using SQLite under ./data and the keyring under ./secrets', () => {
    const config = loadConfig(valid);
    expect(config.STORE_URL).toBe('sqlite://data/keyward.sqlite');
    expect(config.KEYRING_FILE).toBe('secrets/keyring.json');
    expect(config.VALIDATION_TIMEOUT_MS).toBe(30_000);
    expect(config.ALLOW_WITHDRAW_KEYS).toBe(false);
    expect(config.ALLOWED_GUILD_IDS).toEqual(['111111111111111111']);
  });

  it('asks users to confirm withdrawals are off on keys whose exchange does not report it, unless told to refuse or allow them', () => {
    expect(loadConfig(valid).UNVERIFIED_WITHDRAW).toBe('confirm');
    expect(loadConfig({ ...valid, UNVERIFIED_WITHDRAW: 'refuse' }).UNVERIFIED_WITHDRAW).toBe('refuse');
    expect(loadConfig({ ...valid, UNVERIFIED_WITHDRAW: 'allow' }).UNVERIFIED_WITHDRAW).toBe('allow');
    expect(problemsOf({ ...valid, UNVERIFIED_WITHDRAW: 'ok' })).toContain('UNVERIFIED_WITHDRAW: must be confirm, refuse or allow');
  });

  it('names the missing Discord token and server list in one message', () => {
    const message = problemsOf({});
    expect(message).toContain('DISCORD_TOKEN is missing');
    expect(message).toContain('ALLOWED_GUILD_IDS is missing');
  });

  it('reports every problem at once', () => {
    const message = problemsOf({
      ...valid,
      VALIDATION_TIMEOUT_MS: 'soon',
      ALLOW_WITHDRAW_KEYS: 'maybe',
      ALLOWED_GUILD_IDS: '123,abc',
      EXCHANGE_API_OVERRIDES: '{not json',
      LOG_LEVEL: 'loud',
      DISCORD_API_URL: 'ftp://x',
    });
    for (const name of ['VALIDATION_TIMEOUT_MS', 'ALLOW_WITHDRAW_KEYS', 'ALLOWED_GUILD_IDS', 'EXCHANGE_API_OVERRIDES', 'LOG_LEVEL', 'DISCORD_API_URL']) {
      expect(message).toContain(name);
    }
  });

  it('never prints the value of a variable it refuses', () => {
    const secretish = 'hunter2-very-secret-value';
    const message = problemsOf({
      ...valid,
      VALIDATION_TIMEOUT_MS: secretish,
      EXCHANGE_API_OVERRIDES: `{"binance":"${secretish}"}`,
      DISCORD_API_URL: secretish,
    });
    expect(message).not.toContain(secretish);
    expect(message).not.toContain(valid.DISCORD_TOKEN);
  });

  it('accepts only the STORE_URL forms the README documents, so a typo never opens a new empty store elsewhere', () => {
    for (const url of [
      'sqlite://data/k.sqlite',
      'sqlite:///var/lib/keyward/k.sqlite',
      'redis://127.0.0.1:6379/0?prefix=kw',
      'rediss://h:6380',
      'postgres://u@h/db?schema=kw',
      'postgresql://u:p@h:5432/db',
    ]) {
      expect(loadConfig({ ...valid, STORE_URL: url }).STORE_URL).toBe(url);
    }
    for (const url of ['sqlite:data/k.sqlite', 'sqlite:', 'sqlite://', 'sqlite:///', 'redis://', 'mongodb://h/db', 'data/k.sqlite']) {
      expect(problemsOf({ ...valid, STORE_URL: url }), url).toContain('- STORE_URL: must be sqlite://');
    }
  });

  it('checks exchange names in EXCHANGE_SANDBOX and EXCHANGE_API_OVERRIDES against ccxt, with the other problems and without echoing them', async () => {
    const env = {
      ...valid,
      LOG_LEVEL: 'loud',
      EXCHANGE_SANDBOX: 'bybit, Binance ,kraken-pro',
      EXCHANGE_API_OVERRIDES: '{"okx":"https://a.example","nosuchx":"https://b.example"}',
    };
    const err = await loadCheckedConfig(env).catch((e: unknown) => e);
    expect(isAppError(err, 'CONFIG_INVALID')).toBe(true);
    const message = (err as Error).message;
    expect(message).toContain('- LOG_LEVEL');
    expect(message).toContain('- EXCHANGE_SANDBOX: entry 3 is not an exchange id ccxt knows');
    expect(message).toContain('- EXCHANGE_API_OVERRIDES: entry 2 is not an exchange id ccxt knows');
    expect(message).not.toMatch(/kraken-pro|nosuchx/);
    expect((await loadCheckedConfig({ ...valid, EXCHANGE_SANDBOX: 'binance,bybit' })).EXCHANGE_SANDBOX).toEqual(['binance', 'bybit']);
  });

  it('lets the keyring tool run without any Discord settings', () => {
    expect(loadConfig({}, 'tool').KEYRING_FILE).toBe('secrets/keyring.json');
  });

  it("refuses the bare shard variables discord.js would read by itself, even when empty, and names Keyward's own", () => {
    for (const name of ['SHARD_COUNT', 'SHARDS']) {
      const message = problemsOf({ ...valid, [name]: '' });
      expect(message).toContain(`${name} is read by discord.js`);
      expect(message).toContain('KEYWARD_SHARD_');
    }
    expect(loadConfig({ ...valid, KEYWARD_SHARD_COUNT: '3', KEYWARD_SHARD_IDS: '0,2' })).toMatchObject({ KEYWARD_SHARD_COUNT: 3, KEYWARD_SHARD_IDS: [0, 2] });
  });

  it('reads exchange endpoint overrides as a map of exchange id to URL', () => {
    const config = loadConfig({ ...valid, EXCHANGE_API_OVERRIDES: '{"binance":"http://127.0.0.1:9000/binance"}' });
    expect(config.EXCHANGE_API_OVERRIDES).toEqual({ binance: 'http://127.0.0.1:9000/binance' });
  });
});

describe('PUBLIC_IPS, the addresses users are told to whitelist', () => {
  it('reads IPv4 and IPv6 addresses, comma-separated, spaces ignored, and defaults to none', () => {
    expect(loadConfig(valid).PUBLIC_IPS).toEqual([]);
    expect(loadConfig({ ...valid, PUBLIC_IPS: ' 203.0.113.7 , 2001:db8::7,' }).PUBLIC_IPS).toEqual(['203.0.113.7', '2001:db8::7']);
  });

  it('refuses anything that is not an address, without echoing it', () => {
    for (const bad of ['203.0.113.256', 'example.com', '203.0.113.0/24', '203.0.113.7;rm']) {
      const problems = problemsOf({ ...valid, PUBLIC_IPS: `198.51.100.1,${bad}` });
      expect(problems).toContain('PUBLIC_IPS.1: must be IPv4 or IPv6 addresses, comma-separated');
      expect(problems).not.toContain(bad);
    }
  });
});

describe('.env.example', () => {
  it('documents every variable, each with a comment, in the order the configuration reads them', async () => {
    const { readFile } = await import('node:fs/promises');
    const { CONFIG_VARIABLES } = await import('../src/config.js');
    const lines = (await readFile(new URL('../.env.example', import.meta.url), 'utf8')).split('\n');
    const documented = lines.map((l, i) => ({ name: /^#?([A-Z_]+)=/.exec(l)?.[1], i })).filter((x): x is { name: string; i: number } => Boolean(x.name));
    expect(documented.map((d) => d.name)).toEqual(CONFIG_VARIABLES);
    for (const d of documented) expect(lines[d.i - 1], `${d.name} needs a comment above it`).toMatch(/^# /);
  });
});
