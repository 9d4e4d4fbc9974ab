/**
 * Small, realistic bybit v5 payloads for the simulator: instruments per category, coin info,
 * tickers, the unified wallet, account info and the API-key description, shaped like bybit's own
 * `result` objects (the envelope is added by the module).
 */
import type { ResolvedKey } from '../types.js';

const PRICES: Record<string, number> = { BTCUSDT: 64250.1, ETHUSDT: 3120.55, SOLUSDT: 145.32, ETHBTC: 0.04857 };

const spot = (symbol: string, base: string, quote: string, tick: string, step: string) => ({
  symbol,
  baseCoin: base,
  quoteCoin: quote,
  innovation: '0',
  status: 'Trading',
  marginTrading: 'utaOnly',
  stTag: '0',
  lotSizeFilter: { basePrecision: step, quotePrecision: '0.00000001', minOrderQty: step, maxOrderQty: '1000', minOrderAmt: '1', maxOrderAmt: '4000000' },
  priceFilter: { tickSize: tick },
  riskParameters: { priceLimitRatioX: '0.05', priceLimitRatioY: '0.05' },
});

const perpetual = (symbol: string, base: string, quote: string, settle: string, contractType: string) => ({
  symbol,
  contractType,
  status: 'Trading',
  baseCoin: base,
  quoteCoin: quote,
  launchTime: '1584230400000',
  deliveryTime: '0',
  deliveryFeeRate: '',
  priceScale: '2',
  leverageFilter: { minLeverage: '1', maxLeverage: '100.00', leverageStep: '0.01' },
  priceFilter: { minPrice: '0.10', maxPrice: '1999999.80', tickSize: '0.10' },
  lotSizeFilter: {
    maxOrderQty: '1190.000',
    minOrderQty: '0.001',
    qtyStep: '0.001',
    postOnlyMaxOrderQty: '1190.000',
    maxMktOrderQty: '500.000',
    minNotionalValue: '5',
  },
  unifiedMarginTrade: true,
  fundingInterval: 480,
  settleCoin: settle,
  copyTrading: 'both',
  upperFundingRate: '0.005',
  lowerFundingRate: '-0.005',
  isPreListing: false,
  preListingInfo: null,
  displayName: '',
});

const INSTRUMENTS: Record<string, unknown[]> = {
  spot: [
    spot('BTCUSDT', 'BTC', 'USDT', '0.01', '0.000001'),
    spot('ETHUSDT', 'ETH', 'USDT', '0.01', '0.00001'),
    spot('SOLUSDT', 'SOL', 'USDT', '0.01', '0.001'),
    spot('ETHBTC', 'ETH', 'BTC', '0.000001', '0.00001'),
  ],
  linear: [perpetual('BTCUSDT', 'BTC', 'USDT', 'USDT', 'LinearPerpetual'), perpetual('ETHUSDT', 'ETH', 'USDT', 'USDT', 'LinearPerpetual')],
  inverse: [perpetual('BTCUSD', 'BTC', 'USD', 'BTC', 'InversePerpetual')],
  option: [],
};

/** GET /v5/market/instruments-info: pre-launch and option lists are empty here, as they often are. */
export const instruments = (category: string, status: string | null) => ({
  category,
  list: status === 'PreLaunch' ? [] : (INSTRUMENTS[category] ?? []),
  nextPageCursor: '',
});

const chain = (name: string, fee: string, min: string, accuracy: string) => ({
  chainType: name,
  confirmation: '1',
  withdrawFee: fee,
  depositMin: '0',
  withdrawMin: min,
  chain: name,
  chainDeposit: '1',
  chainWithdraw: '1',
  minAccuracy: accuracy,
  withdrawPercentageFee: '0',
  contractAddress: '',
});

/** GET /v5/asset/coin/query-info (signed) */
export const coinInfo = () => ({
  rows: [
    { name: 'BTC', coin: 'BTC', remainAmount: '150', chains: [chain('BTC', '0.0002', '0.0005', '8')] },
    { name: 'ETH', coin: 'ETH', remainAmount: '1200', chains: [chain('ETH', '0.0012', '0.0024', '8')] },
    { name: 'USDT', coin: 'USDT', remainAmount: '500000', chains: [chain('TRX', '1', '10', '6')] },
    { name: 'SOL', coin: 'SOL', remainAmount: '9000', chains: [chain('SOL', '0.01', '0.1', '8')] },
  ],
});

/** GET /v5/market/tickers */
export const tickers = (category: string) => ({
  category,
  list: Object.entries(PRICES)
    .filter(([symbol]) => category === 'spot' || symbol.endsWith('USDT'))
    .map(([symbol, last]) => ({
      symbol,
      bid1Price: (last * 0.9999).toFixed(2),
      bid1Size: '1.2',
      ask1Price: (last * 1.0001).toFixed(2),
      ask1Size: '0.8',
      lastPrice: String(last),
      prevPrice24h: (last * 0.988).toFixed(2),
      price24hPcnt: '0.0121',
      highPrice24h: (last * 1.02).toFixed(2),
      lowPrice24h: (last * 0.97).toFixed(2),
      turnover24h: (last * 12345.6).toFixed(2),
      volume24h: '12345.6',
      usdIndexPrice: String(last),
    })),
});

/** GET /v5/account/info (signed): a unified trading account (UTA 2.0). */
export const accountInfo = () => ({
  unifiedMarginStatus: 6,
  marginMode: 'REGULAR_MARGIN',
  isMasterTrader: false,
  spotHedgingStatus: 'OFF',
  updatedTime: '1717000000000',
  dcpStatus: 'OFF',
  timeWindow: 10,
  smpGroup: 0,
});

/** GET /v5/account/wallet-balance (signed): the key's balances as one unified account. */
export const walletBalance = (key: ResolvedKey) => ({
  list: [
    {
      accountType: 'UNIFIED',
      accountIMRate: '0',
      accountMMRate: '0',
      accountLTV: '0',
      totalEquity: '',
      totalWalletBalance: '',
      totalMarginBalance: '',
      totalAvailableBalance: '',
      totalPerpUPL: '0',
      totalInitialMargin: '0',
      totalMaintenanceMargin: '0',
      coin: Object.entries(key.balances).map(([coin, b]) => ({
        coin,
        equity: String(b.free + b.used),
        usdValue: '',
        walletBalance: String(b.free + b.used),
        locked: String(b.used),
        availableToWithdraw: '',
        borrowAmount: '0',
        accruedInterest: '0',
        totalOrderIM: '0',
        totalPositionIM: '0',
        totalPositionMM: '0',
        unrealisedPnl: '0',
        cumRealisedPnl: '0',
        bonus: '0',
        marginCollateral: true,
        collateralSwitch: true,
      })),
    },
  ],
});

const iso = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** GET /v5/user/query-api (signed): the key described in bybit's own words. */
export const queryApi = (key: ResolvedKey, now: number) => {
  const writes = key.spotTrade || key.futuresTrade || key.withdraw || key.transfer;
  return {
    id: '13770661',
    note: 'keyward',
    apiKey: key.apiKey,
    readOnly: writes ? 0 : 1,
    secret: '',
    permissions: {
      ContractTrade: key.futuresTrade ? ['Order', 'Position'] : [],
      Spot: key.spotTrade ? ['SpotTrade'] : [],
      Wallet: [...(key.transfer ? ['AccountTransfer', 'SubMemberTransfer'] : []), ...(key.withdraw ? ['Withdraw'] : [])],
      Options: [],
      Derivatives: ['DerivativesTrade'],
      CopyTrading: [],
      BlockTrade: [],
      Exchange: [],
      NFT: [],
      Affiliate: [],
      Earn: [],
    },
    ips: key.ips.length > 0 ? key.ips : ['*'],
    type: 1,
    deadlineDay: key.expiresAt === undefined ? -1 : Math.max(0, Math.floor((key.expiresAt - now) / 86_400_000)),
    expiredAt: key.expiresAt === undefined ? '' : iso(key.expiresAt),
    createdAt: iso(key.createdAt),
    unified: 0,
    uta: 1,
    userID: 24617703,
    inviterID: 0,
    vipLevel: 'No VIP',
    mktMakerLevel: '0',
    affiliateID: 0,
    rsaPublicKey: '',
    isMaster: true,
    parentUid: '0',
    kycLevel: 'LEVEL_2',
    kycRegion: 'NLD',
  };
};
