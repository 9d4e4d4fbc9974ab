/**
 * Key-info answers exactly as the exchanges document them, read by Keyward's parsers. Each body is
 * copied from the source named beside it; these are the cases where the adapters once disagreed
 * with the documentation.
 */
import { describe, expect, it } from 'vitest';
import { parseBinanceKeyInfo } from '../../src/exchanges/adapters/binance.js';
import { parseBitgetKeyInfo } from '../../src/exchanges/adapters/bitget.js';
import { parseBybitKeyInfo } from '../../src/exchanges/adapters/bybit.js';
import { parseKrakenKeyInfo } from '../../src/exchanges/adapters/kraken.js';
import { parseKucoinKeyInfo } from '../../src/exchanges/adapters/kucoin.js';

/** https://www.bitget.com/api-doc/spot/account/Get-Account-Info: the codes table; the body shape is the doc's example. */
const bitgetInfo = (authorities: string[]) => ({
  code: '00000', msg: 'success', requestTime: 1695808949356,
  data: {
    userId: '**********', inviterId: '**********', ips: '127.0.0.1', authorities, parentId: 1, traderType: 'trader',
    channelCode: 'XXX', channel: 'YYY', regisTime: '1246566789345',
  },
});

describe('bitget permissions read from the documented authority codes', () => {
  it('accepts a key with spot read/write and futures orders as able to read and trade, without withdrawal', () => {
    expect(parseBitgetKeyInfo(bitgetInfo(['stow', 'coow', 'cpow']))).toMatchObject({
      read: 'yes', spotTrade: 'yes', futuresTrade: 'yes', withdraw: 'no', transfer: 'no',
    });
  });

  it('reports a spot read-only key as readable but unable to trade', () => {
    expect(parseBitgetKeyInfo(bitgetInfo(['stor', 'coor', 'cpor']))).toMatchObject({ read: 'yes', spotTrade: 'no', futuresTrade: 'no', withdraw: 'no' });
  });

  it('sees withdrawal (wwow) and wallet transfer (wtow)', () => {
    expect(parseBitgetKeyInfo(bitgetInfo(['stow', 'wtow', 'wwow']))).toMatchObject({ withdraw: 'yes', transfer: 'yes' });
  });

  it('still reads the older documented example ["trade", "readonly"]', () => {
    expect(parseBitgetKeyInfo(bitgetInfo(['trade', 'readonly']))).toMatchObject({ read: 'yes', spotTrade: 'yes' });
  });

  it('leaves withdrawal unknown, never "disabled", when a code it does not know is listed', () => {
    expect(parseBitgetKeyInfo(bitgetInfo(['stow', 'zzzw'])).withdraw).toBe('unknown');
  });
});

/**
 * github Kucoin/kucoin-universal-sdk spec/rest/api/openapi-account-account.json (Get Apikey Info example);
 * withdrawals need the Transfer permission: https://www.kucoin.com/docs/rest/funding/withdrawals/apply-withdraw-v3-
 */
const kucoinApiKey = (permission: string) => ({
  code: '200000',
  data: {
    remark: 'account1', apiKey: '6705f5c311545b000157d3eb', apiVersion: 3, permission,
    ipWhitelist: '203.**.154,103.**.34', createdAt: 1728443843000, uid: 165111215, isMaster: true,
  },
});

describe('kucoin withdrawal permission', () => {
  it('treats the Transfer permission as able to withdraw', () => {
    expect(parseKucoinKeyInfo(kucoinApiKey('General,Futures,Spot,Earn,InnerTransfer,Transfer,Margin')).withdraw).toBe('yes');
  });

  it('reports a key with only General and Spot as unable to withdraw', () => {
    expect(parseKucoinKeyInfo(kucoinApiKey('General,Spot'))).toMatchObject({ read: 'yes', spotTrade: 'yes', withdraw: 'no' });
  });
});

/** Binance "Get API Key Permission" (GET /sapi/v1/account/apiRestrictions), example as documented with its trading-authority field. */
const binanceRestrictions = {
  ipRestrict: false, createTime: 1623840271000, enableWithdrawals: false, enableInternalTransfer: true,
  permitsUniversalTransfer: true, enableVanillaOptions: false, enableReading: true, enableFutures: false,
  enableMargin: false, enableSpotAndMarginTrading: false, tradingAuthorityExpirationTime: 1628985600000,
};

describe('binance trading authority expiry', () => {
  it('is the expiry of spot and margin trading, not of the key', () => {
    const p = parseBinanceKeyInfo(binanceRestrictions);
    expect(p.expiresAt).toBeUndefined();
    expect(p.tradingExpiresAt).toBe(1628985600000);
  });
});

/** https://docs.kraken.com/api-reference/account-data/get-api-key-info: times are unix seconds as strings. */
const krakenKeyInfo = {
  error: [],
  result: {
    name: 'api-key-name', permissions: ['query-funds', 'modify-trades'], ipAllowlist: [], validUntil: '0',
    nonceWindow: 0, createdTime: '1717510441', modifiedTime: '1717510441', queryFrom: '0', queryTo: '0',
  },
};

describe('kraken key times', () => {
  it('reads the creation time from createdTime', () => {
    expect(parseKrakenKeyInfo(krakenKeyInfo).createdAt).toBe(1717510441000);
  });

  it('reads validUntil "0" as no expiry', () => {
    expect(parseKrakenKeyInfo(krakenKeyInfo).expiresAt).toBeUndefined();
  });
});

/** https://bybit-exchange.github.io/docs/v5/user/apikey-info: Derivatives holds DerivativesTrade by default on unified accounts. */
const bybitQueryApi = (permissions: Record<string, string[]>) => ({
  retCode: 0, retMsg: '',
  result: {
    id: '13770661', note: 'XXXXXX', apiKey: 'XXXXXX', readOnly: 0, secret: '', permissions, ips: ['*'], type: 1,
    deadlineDay: 83, expiredAt: '2023-05-15T03:21:05Z', createdAt: '2022-10-16T02:24:40Z', unified: 0, uta: 1,
    userID: 24600000, inviterID: 0, vipLevel: 'No VIP', mktMakerLevel: '0', affiliateID: 0, rsaPublicKey: '', isMaster: false,
  },
  retExtInfo: {}, time: 1676891757649,
});

describe('bybit futures permission', () => {
  it('does not count the default DerivativesTrade grant as futures trading', () => {
    const p = parseBybitKeyInfo(bybitQueryApi({ ContractTrade: [], Spot: ['SpotTrade'], Wallet: [], Options: [], Derivatives: ['DerivativesTrade'] }));
    expect(p.futuresTrade).toBe('no');
  });

  it('reads futures trading from ContractTrade', () => {
    const p = parseBybitKeyInfo(bybitQueryApi({ ContractTrade: ['Order', 'Position'], Spot: [], Wallet: [], Derivatives: ['DerivativesTrade'] }));
    expect(p.futuresTrade).toBe('yes');
  });
});
