/**
 * Every documented key-information answer in the corpus (test/fixtures/exchanges), read by Keyward's
 * parsers: what each situation the exchanges document means for read, trade and withdrawal. The
 * cases where the first profiles disagreed with the documentation each have their own sentence.
 */
import { describe, expect, it } from 'vitest';
import { parseBinanceKeyInfo } from '../../src/exchanges/profiles/binance.js';
import { parseBingxKeyInfo } from '../../src/exchanges/profiles/bingx.js';
import { parseBitfinexPermissions } from '../../src/exchanges/profiles/bitfinex.js';
import { parseBitflyerPermissions } from '../../src/exchanges/profiles/bitflyer.js';
import { parseBitgetKeyInfo } from '../../src/exchanges/profiles/bitget.js';
import { parseBlofinKeyInfo } from '../../src/exchanges/profiles/blofin.js';
import { parseBybitKeyInfo } from '../../src/exchanges/profiles/bybit.js';
import { parseCoinbaseKeyInfo } from '../../src/exchanges/profiles/coinbase.js';
import { parseDeribitKeyInfo } from '../../src/exchanges/profiles/deribit.js';
import { parseGateKeyInfo } from '../../src/exchanges/profiles/gate.js';
import { parseHtxKeyInfo } from '../../src/exchanges/profiles/htx.js';
import { parseGeminiRoles } from '../../src/exchanges/profiles/gemini.js';
import { parseKrakenKeyInfo } from '../../src/exchanges/profiles/kraken.js';
import { parseKucoinKeyInfo } from '../../src/exchanges/profiles/kucoin.js';
import { parseLbankKeyInfo } from '../../src/exchanges/profiles/lbank.js';
import { parseOkxKeyInfo } from '../../src/exchanges/profiles/okx.js';
import { parseUpbitKeyInfo } from '../../src/exchanges/profiles/upbit.js';
import { parseWooKeyInfo } from '../../src/exchanges/profiles/woo.js';
import type { KeyPermissions } from '../../src/exchanges/types.js';
import { corpus } from '../fixtures/exchanges/index.js';

const parsers: Record<string, (raw: unknown) => KeyPermissions> = {
  binance: parseBinanceKeyInfo,
  bybit: parseBybitKeyInfo,
  okx: parseOkxKeyInfo,
  kucoin: parseKucoinKeyInfo,
  bitget: parseBitgetKeyInfo,
  kraken: parseKrakenKeyInfo,
  coinbase: parseCoinbaseKeyInfo,
  gate: parseGateKeyInfo,
  bingx: parseBingxKeyInfo,
  // htx lists keys by uid: the row of the documented example's access key is the one read
  htx: (raw) => parseHtxKeyInfo(raw, '4ba5cdf2-4a92c5da-718ba144-dbuqg6hkte'),
  bitfinex: parseBitfinexPermissions,
  gemini: parseGeminiRoles,
  // lists of every key of the account, read for the key the documented rows belong to
  woo: (raw) => parseWooKeyInfo(raw, '+Pxxxxxxxxxxxxxxxxxxxx=='),
  deribit: (raw) => parseDeribitKeyInfo(raw, 'aD-KFx-H'),
  upbit: (raw) => parseUpbitKeyInfo(raw, 'x'.repeat(40)),
  blofin: parseBlofinKeyInfo,
  bitflyer: parseBitflyerPermissions,
  // read on the documented creation day, so the 30-day expiry of an unbound key still lies ahead
  lbank: (raw) => parseLbankKeyInfo(raw, 1643091005000),
};

const body = (exchange: string, situation: string): unknown => {
  const doc = corpus[exchange]?.keyInfo[situation];
  if (!doc) throw new Error(`no documented ${exchange} key info "${situation}"`);
  return doc.body;
};
const read = (exchange: string, situation: string): KeyPermissions => parsers[exchange]!(body(exchange, situation));

/** "read spot futures withdraw" per documented situation, as y / n / ? */
const expected: Record<string, Record<string, string>> = {
  binance: {
    example: 'y n n n',
    'example-spot-api-yaml': 'y n n n',
    'read-only': 'y n n n',
    'read-trade': 'y y n n',
    'read-trade-futures': 'y y y n',
    'trade-without-ip-expiry-set': 'y y n n',
    'withdraw-enabled': 'y y n y',
    'universal-transfer-enabled': 'y n n n',
  },
  bybit: {
    example: 'y y y n',
    'example-older-page': 'y n n n',
    'read-only': 'y n n n',
    'read-trade-ip-bound': 'y y y n',
    'spot-only-unified': 'y y n n',
    'futures-unified': 'y n y n',
    'withdraw-enabled': 'y y y y',
    'expiring-soon': 'y y y n',
  },
  okx: {
    example: 'y y y y',
    'read-only': 'y n n n',
    'read-trade-ip-bound': 'y y y n',
    'read-trade-no-ip': 'y y y n',
    'withdraw-enabled-ip-bound': 'y y y y',
    'sub-account-read-trade': 'y y y n',
  },
  kucoin: {
    'documented-example': 'y y y y',
    'read-only': 'y n n n',
    'read-spot-trade': 'y y n n',
    'read-trade-inner-transfer': 'y y y n',
    'withdraw-enabled': 'y y n y',
    'no-ip-whitelist': 'y y n n',
    'sub-account': 'y y n n',
  },
  bitget: {
    'documented-example': 'y y y n',
    'spot-read-only': 'y n n n',
    'spot-read-write': 'y y n n',
    'spot-and-futures-trade': 'y y y n',
    'futures-read-only': 'y n n n',
    'transfer-enabled': 'y y n n',
    'withdraw-enabled': 'y y n y',
    'legacy-read-only': 'y n n n',
    'no-ip-whitelist': 'y y n n',
  },
  kraken: {
    example: 'y y ? y',
    'read-only': 'y n ? n',
    'read-trade-ip-bound': 'y y ? n',
    'withdraw-enabled': 'y y ? y',
    'withdraw-address-management': 'y y ? n',
    'expiry-set': 'y y ? n',
    'never-used': 'y n ? n',
  },
  coinbase: {
    'read-only': 'y n ? n',
    'read-trade': 'y y ? n',
    'transfer-enabled': 'y y ? y',
    'consumer-portfolio': 'y y ? n',
    // the official SDK's own test mocks can_withdraw instead of can_transfer: withdrawal stays unknown
    'sdk-test-mock': 'y n ? ?',
  },
  woo: { 'documented-example': 'y y y y', 'read-trade': 'y y y n', 'read-only': 'y n n n', 'no-ip-restriction': 'y y y n' },
  deribit: {
    'documented-example': 'y y y y',
    'read-only': 'y n n n',
    'read-trade': 'y y y n',
    'withdraw-enabled': 'y y y y',
    'ip-bound': 'y y y n',
    // the refusal a key without account:read gets carries no key list
    'no-account-read': '? ? ? ?',
  },
  gemini: { trader: 'y y y n', 'trader-and-fund-manager': 'y y y y', 'fund-manager-only': 'y n n y', auditor: 'y n n n' },
  bitfinex: { 'read-only': 'y n n n', 'read-trade': 'y y y n', 'withdraw-enabled': 'y y y y', 'funding-only': 'y n n n', 'no-access': 'n n n n' },
  // upbit's key list carries expiry dates only
  upbit: { 'one-key': '? ? ? ?', 'several-keys': '? ? ? ?', 'expiring-soon': '? ? ? ?' },
  // gate's account detail carries no permissions at all
  gate: { classic: '? ? ? ?', 'legacy-unified': '? ? ? ?', 'ip-bound': '? ? ? ?' },
  bingx: {
    'read-only': 'y n n n',
    'spot-and-futures-trade-no-ip': 'y y y n',
    'spot-trade-ip-bound': 'y y n n',
    'withdraw-enabled': 'y y n y',
    'transfer-enabled': 'y n n n',
  },
  // htx's permission lists only readOnly and trade; the withdrawal token is undocumented, so its absence proves nothing
  htx: { 'documented-example': 'y y ? ?', 'read-only': 'y n ? ?', 'withdraw-enabled': 'y y ? y', 'no-ip-counting-down': 'y y ? ?', expired: 'y y ? ?' },
  // blofin says only read-only or read and write: what a read-and-write key may do stays open
  blofin: { 'documented-example': 'y ? ? ?', 'read-only-no-ip': 'y n n n', 'read-write-ip-bound': 'y ? ? ?' },
  // bitflyer lists the paths a key may call: an undocumented one keeps withdrawal open
  bitflyer: { 'documented-example': 'y n n n', 'read-trade': 'y y y n', 'withdraw-enabled': 'y y y y', 'coin-sending': 'y n n y', 'unlisted-path': 'y n n ?' },
  // lbank reports spot trading only: futures stay unknown
  lbank: { 'documented-example': 'y y ? y', 'read-trade-no-ip': 'y y ? n', 'read-only': 'y n ? n' },
};

/** gate fixtures of other calls (GET /account/main_keys, GET /unified/unified_mode), not of the account detail */
const OTHER_ENDPOINTS = ['main-keys-trade-no-wallet-write', 'unified-mode-multi-currency'];

const TRI = { y: 'yes', n: 'no', '?': 'unknown' } as const;

describe.each(Object.keys(expected))('documented %s key information', (exchange) => {
  for (const [situation, line] of Object.entries(expected[exchange]!)) {
    it(`reads "${situation}" as read/spot/futures/withdraw ${line}`, () => {
      const [r, s, f, w] = line.split(' ').map((c) => TRI[c as keyof typeof TRI]);
      expect(read(exchange, situation)).toMatchObject({ read: r, spotTrade: s, futuresTrade: f, withdraw: w });
    });
  }

  it('has a sentence for every documented situation of its key-info call', () => {
    const documented = Object.keys(corpus[exchange]!.keyInfo).filter((s) => !OTHER_ENDPOINTS.includes(s));
    expect(Object.keys(expected[exchange]!).sort()).toEqual(documented.sort());
  });
});

describe('the discrepancies once found', () => {
  it('bitget: a withdrawal-enabled key (wwow) is seen as able to withdraw', () => {
    expect(read('bitget', 'withdraw-enabled').withdraw).toBe('yes');
  });

  it('bitget: a spot read/write key (stow) is not refused as lacking read permission', () => {
    expect(read('bitget', 'spot-read-write').read).toBe('yes');
  });

  it('bitget: a code it does not know leaves withdrawal unknown, never "disabled"', () => {
    const raw = structuredClone(body('bitget', 'spot-read-write')) as { data: { authorities: string[] } };
    raw.data.authorities.push('zzzw');
    expect(parseBitgetKeyInfo(raw).withdraw).toBe('unknown');
  });

  it('kucoin: the Transfer permission counts as withdrawal', () => {
    expect(read('kucoin', 'documented-example').withdraw).toBe('yes');
  });

  it('binance: tradingAuthorityExpirationTime is when trading lapses, not when the key expires', () => {
    const p = read('binance', 'example-spot-api-yaml');
    expect(p.expiresAt).toBeUndefined();
    expect(p.tradingExpiresAt).toBe(1628985600000);
  });

  it('kraken: the creation time comes from createdTime (unix seconds as text)', () => {
    const created = Number((body('kraken', 'example') as { result: { createdTime: string } }).result.createdTime);
    expect(read('kraken', 'example').createdAt).toBe(created * 1000);
  });

  it('bybit: the default DerivativesTrade grant of a unified account is not futures trading', () => {
    expect(read('bybit', 'spot-only-unified').futuresTrade).toBe('no');
  });
});
