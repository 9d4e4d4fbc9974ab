import { describe, expect, it } from 'vitest';
import { missingFromWhitelist, readableWhitelist } from '../../src/exchanges/ip-whitelist.js';
import { parseBitgetKeyInfo } from '../../src/exchanges/profiles/bitget.js';
import { parseBybitKeyInfo } from '../../src/exchanges/profiles/bybit.js';
import { parseGateKeyInfo } from '../../src/exchanges/profiles/gate.js';
import { parseKucoinKeyInfo } from '../../src/exchanges/profiles/kucoin.js';
import { parseOkxKeyInfo } from '../../src/exchanges/profiles/okx.js';

describe("comparing a key's whitelist with Keyward's addresses", () => {
  it('names each address the whitelist leaves out', () => {
    expect(missingFromWhitelist(['203.0.113.7'], ['203.0.113.7', '198.51.100.9'])).toEqual(['198.51.100.9']);
    expect(missingFromWhitelist(['203.0.113.7', '198.51.100.9'], ['203.0.113.7', '198.51.100.9'])).toEqual([]);
  });

  it('lets a range through as the exchanges allow it (htx: "192.168.0.1/24")', () => {
    expect(missingFromWhitelist(['192.168.0.1/24'], ['192.168.0.77', '192.168.1.1'])).toEqual(['192.168.1.1']);
  });

  it('compares IPv6 addresses whatever their spelling', () => {
    expect(missingFromWhitelist(['2001:db8:0:0:0:0:0:7'], ['2001:db8::7'])).toEqual([]);
  });

  it('never compares a list it cannot read, such as kucoin\'s masked "203.**.154"', () => {
    expect(readableWhitelist(['203.**.154', '103.**.34'])).toBeUndefined();
    expect(readableWhitelist(['203.0.113.7', '10.0.0.0/8'])).toEqual(['203.0.113.7', '10.0.0.0/8']);
  });
});

describe('whitelists the exchanges report', () => {
  it('bybit: the ips list becomes the key\'s whitelist, and "*" means none', () => {
    expect(parseBybitKeyInfo({ result: { readOnly: 0, ips: ['203.0.113.7', '198.51.100.9'], permissions: {} } }).ipWhitelist).toEqual([
      '203.0.113.7',
      '198.51.100.9',
    ]);
    expect(parseBybitKeyInfo({ result: { readOnly: 0, ips: ['*'], permissions: {} } }).ipWhitelist).toBeUndefined();
  });
});

describe('whitelists of okx, gate, kucoin and bitget', () => {
  it('okx: the comma-separated ip field', () => {
    expect(parseOkxKeyInfo({ data: [{ perm: 'read_only,trade', ip: '203.0.113.7,198.51.100.9' }] }).ipWhitelist).toEqual(['203.0.113.7', '198.51.100.9']);
  });

  it('gate: the ip_whitelist array', () => {
    expect(parseGateKeyInfo({ ip_whitelist: ['203.0.113.7'] }).ipWhitelist).toEqual(['203.0.113.7']);
  });

  it('kucoin: the documented example is masked ("203.**.154,103.**.34"), so the key counts two addresses but no list is kept', () => {
    const p = parseKucoinKeyInfo({ data: { permission: 'General', ipWhitelist: '203.**.154,103.**.34' } });
    expect(p).toMatchObject({ ipRestricted: 'yes', ipCount: 2 });
    expect(p.ipWhitelist).toBeUndefined();
  });

  it('bitget: the ips string', () => {
    expect(parseBitgetKeyInfo({ data: { authorities: ['stor'], ips: '127.0.0.1' } }).ipWhitelist).toEqual(['127.0.0.1']);
  });
});
