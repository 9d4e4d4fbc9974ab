/**
 * Small, realistic binance payloads for the simulator: the spot, USDⓈ-M and COIN-M markets a fresh
 * ccxt instance loads, the signed currency and margin-pair lists, tickers, and the per-key account
 * and API-restriction answers, shaped like binance's own responses.
 */
import type { ResolvedKey } from '../types.js';

const PRICES: Record<string, number> = { BTCUSDT: 64250.1, ETHUSDT: 3120.55, SOLUSDT: 145.32, ETHBTC: 0.04857 };

const fixed = (n: number): string => n.toFixed(8);

const spotSymbol = (symbol: string, base: string, quote: string, tick: string, step: string) => ({
  symbol,
  status: 'TRADING',
  baseAsset: base,
  baseAssetPrecision: 8,
  quoteAsset: quote,
  quotePrecision: 8,
  quoteAssetPrecision: 8,
  baseCommissionPrecision: 8,
  quoteCommissionPrecision: 8,
  orderTypes: ['LIMIT', 'LIMIT_MAKER', 'MARKET', 'STOP_LOSS_LIMIT', 'TAKE_PROFIT_LIMIT'],
  icebergAllowed: true,
  ocoAllowed: true,
  otoAllowed: true,
  quoteOrderQtyMarketAllowed: true,
  allowTrailingStop: true,
  cancelReplaceAllowed: true,
  isSpotTradingAllowed: true,
  isMarginTradingAllowed: true,
  filters: [
    { filterType: 'PRICE_FILTER', minPrice: tick, maxPrice: '1000000.00000000', tickSize: tick },
    { filterType: 'LOT_SIZE', minQty: step, maxQty: '9000.00000000', stepSize: step },
    { filterType: 'NOTIONAL', minNotional: '5.00000000', applyMinToMarket: true, maxNotional: '9000000.00000000', applyMaxToMarket: false, avgPriceMins: 5 },
  ],
  permissions: [],
  permissionSets: [['SPOT', 'MARGIN']],
  defaultSelfTradePreventionMode: 'EXPIRE_MAKER',
  allowedSelfTradePreventionModes: ['EXPIRE_TAKER', 'EXPIRE_MAKER', 'EXPIRE_BOTH'],
});

const futuresSymbol = (symbol: string, base: string, quote: string, margin: string, extra: Record<string, unknown>) => ({
  symbol,
  contractType: 'PERPETUAL',
  deliveryDate: 4133404800000,
  onboardDate: 1569398400000,
  maintMarginPercent: '2.5000',
  requiredMarginPercent: '5.0000',
  baseAsset: base,
  quoteAsset: quote,
  marginAsset: margin,
  pricePrecision: 2,
  quantityPrecision: 3,
  baseAssetPrecision: 8,
  quotePrecision: 8,
  underlyingType: 'COIN',
  underlyingSubType: ['PoW'],
  triggerProtect: '0.0500',
  liquidationFee: '0.012500',
  marketTakeBound: '0.05',
  filters: [
    { filterType: 'PRICE_FILTER', minPrice: '0.10', maxPrice: '4529764', tickSize: '0.10' },
    { filterType: 'LOT_SIZE', minQty: '0.001', maxQty: '1000', stepSize: '0.001' },
  ],
  orderTypes: ['LIMIT', 'MARKET', 'STOP', 'STOP_MARKET', 'TAKE_PROFIT', 'TAKE_PROFIT_MARKET', 'TRAILING_STOP_MARKET'],
  timeInForce: ['GTC', 'IOC', 'FOK', 'GTX', 'GTD'],
  ...extra,
});

/** GET /api/v3/exchangeInfo */
export const spotExchangeInfo = (now: number) => ({
  timezone: 'UTC',
  serverTime: now,
  rateLimits: [
    { rateLimitType: 'REQUEST_WEIGHT', interval: 'MINUTE', intervalNum: 1, limit: 6000 },
    { rateLimitType: 'ORDERS', interval: 'SECOND', intervalNum: 10, limit: 100 },
  ],
  exchangeFilters: [],
  symbols: [
    spotSymbol('BTCUSDT', 'BTC', 'USDT', '0.01000000', '0.00001000'),
    spotSymbol('ETHUSDT', 'ETH', 'USDT', '0.01000000', '0.00010000'),
    spotSymbol('SOLUSDT', 'SOL', 'USDT', '0.01000000', '0.00100000'),
    spotSymbol('ETHBTC', 'ETH', 'BTC', '0.00001000', '0.00010000'),
  ],
});

/** GET /fapi/v1/exchangeInfo */
export const linearExchangeInfo = (now: number) => ({
  timezone: 'UTC',
  serverTime: now,
  futuresType: 'U_MARGINED',
  rateLimits: [],
  exchangeFilters: [],
  assets: [{ asset: 'USDT', marginAvailable: true, autoAssetExchange: '-10000' }],
  symbols: [
    futuresSymbol('BTCUSDT', 'BTC', 'USDT', 'USDT', { pair: 'BTCUSDT', status: 'TRADING' }),
    futuresSymbol('ETHUSDT', 'ETH', 'USDT', 'USDT', { pair: 'ETHUSDT', status: 'TRADING' }),
  ],
});

/** GET /dapi/v1/exchangeInfo */
export const inverseExchangeInfo = (now: number) => ({
  timezone: 'UTC',
  serverTime: now,
  rateLimits: [],
  exchangeFilters: [],
  symbols: [
    futuresSymbol('BTCUSD_PERP', 'BTC', 'USD', 'BTC', {
      pair: 'BTCUSD',
      contractStatus: 'TRADING',
      contractSize: 100,
      pricePrecision: 1,
      quantityPrecision: 0,
      equalQtyPrecision: 4,
    }),
  ],
});

const network = (coin: string, net: string, name: string, fee: string, min: string) => ({
  network: net,
  coin,
  withdrawIntegerMultiple: '0.00000001',
  isDefault: true,
  depositEnable: true,
  withdrawEnable: true,
  depositDesc: '',
  withdrawDesc: '',
  specialTips: '',
  specialWithdrawTips: '',
  name,
  resetAddressStatus: false,
  addressRegex: '',
  memoRegex: '',
  withdrawFee: fee,
  withdrawMin: min,
  withdrawMax: '9999999999.99999999',
  depositDust: '0.00000001',
  minConfirm: 1,
  unLockConfirm: 0,
  sameAddress: false,
  estimatedArrivalTime: 5,
  busy: false,
  contractAddressUrl: '',
  contractAddress: '',
});

const coin = (code: string, name: string, net: ReturnType<typeof network>) => ({
  coin: code,
  depositAllEnable: true,
  withdrawAllEnable: true,
  name,
  free: '0',
  locked: '0',
  freeze: '0',
  withdrawing: '0',
  ipoing: '0',
  ipoable: '0',
  storage: '0',
  isLegalMoney: false,
  trading: true,
  networkList: [net],
});

/** GET /sapi/v1/capital/config/getall (signed) */
export const capitalConfig = () => [
  coin('BTC', 'Bitcoin', network('BTC', 'BTC', 'Bitcoin', '0.00002', '0.0001')),
  coin('ETH', 'Ethereum', network('ETH', 'ETH', 'Ethereum (ERC20)', '0.0009', '0.0018')),
  coin('USDT', 'TetherUS', network('USDT', 'TRX', 'Tron (TRC20)', '1', '10')),
  coin('SOL', 'Solana', network('SOL', 'SOL', 'Solana', '0.001', '0.01')),
];

/** GET /sapi/v1/margin/allPairs and /sapi/v1/margin/isolated/allPairs (signed) */
export const marginPairs = (isolated: boolean) =>
  [
    ['BTCUSDT', 'BTC', 'USDT'],
    ['ETHUSDT', 'ETH', 'USDT'],
    ['ETHBTC', 'ETH', 'BTC'],
  ].map(([symbol, base, quote], i) => ({
    ...(isolated ? {} : { id: `35163715014131586${i}` }),
    symbol,
    base,
    quote,
    isMarginTrade: true,
    isBuyAllowed: true,
    isSellAllowed: true,
  }));

/** GET /api/v3/ticker/24hr */
export const tickers24hr = (now: number) =>
  Object.entries(PRICES).map(([symbol, last], i) => ({
    symbol,
    priceChange: fixed(last * 0.012),
    priceChangePercent: '1.200',
    weightedAvgPrice: fixed(last * 0.998),
    prevClosePrice: fixed(last * 0.988),
    lastPrice: fixed(last),
    lastQty: '0.01000000',
    bidPrice: fixed(last * 0.9999),
    bidQty: '1.50000000',
    askPrice: fixed(last * 1.0001),
    askQty: '2.10000000',
    openPrice: fixed(last * 0.988),
    highPrice: fixed(last * 1.02),
    lowPrice: fixed(last * 0.97),
    volume: '12345.67800000',
    quoteVolume: fixed(12345.678 * last),
    openTime: now - 86_400_000,
    closeTime: now,
    firstId: 3_000_000_000 + i * 1000,
    lastId: 3_000_000_999 + i * 1000,
    count: 1000,
  }));

/** GET /api/v3/account (signed): the spot wallet the key sees. */
export const spotAccount = (key: ResolvedKey, now: number) => ({
  makerCommission: 10,
  takerCommission: 10,
  buyerCommission: 0,
  sellerCommission: 0,
  commissionRates: { maker: '0.00100000', taker: '0.00100000', buyer: '0.00000000', seller: '0.00000000' },
  canTrade: key.spotTrade,
  canWithdraw: key.withdraw,
  canDeposit: true,
  brokered: false,
  requireSelfTradePrevention: false,
  preventSor: false,
  updateTime: now,
  accountType: 'SPOT',
  balances: Object.entries(key.balances).map(([asset, b]) => ({ asset, free: fixed(b.free), locked: fixed(b.used) })),
  permissions: ['SPOT'],
  uid: 354937868,
});

/** GET /sapi/v1/account/apiRestrictions (signed): what the key may do, in binance's field names. */
export const apiRestrictions = (key: ResolvedKey) => ({
  ipRestrict: key.ips.length > 0,
  createTime: key.createdAt,
  enableReading: key.read,
  enableWithdrawals: key.withdraw,
  enableInternalTransfer: key.transfer,
  enableMargin: false,
  enableFutures: key.futuresTrade,
  permitsUniversalTransfer: key.transfer,
  enableVanillaOptions: false,
  enableFixApiTrade: false,
  enableFixReadOnly: false,
  enableSpotAndMarginTrading: key.spotTrade,
  enablePortfolioMarginTrading: false,
  ...(key.tradingExpiresAt !== undefined ? { tradingAuthorityExpirationTime: key.tradingExpiresAt } : {}),
});

/**
 * GET /fapi/v3/account (USDⓈ-M) and GET /dapi/v1/account (COIN-M), signed: one `assets` row per
 * coin, the fields ccxt's parseBalanceCustom reads (availableBalance, initialMargin, marginBalance,
 * updateTime) next to those of Binance's documented balance rows; values from the key, made up.
 */
export const futuresAccount = (key: ResolvedKey, now: number) => ({
  totalWalletBalance: '0',
  availableBalance: '0',
  canTrade: key.futuresTrade,
  canDeposit: true,
  canWithdraw: key.withdraw,
  updateTime: now,
  assets: Object.entries(key.balances).map(([asset, b]) => ({
    asset,
    walletBalance: fixed(b.free + b.used),
    unrealizedProfit: fixed(0),
    marginBalance: fixed(b.free + b.used),
    maintMargin: fixed(0),
    initialMargin: fixed(b.used),
    positionInitialMargin: fixed(0),
    openOrderInitialMargin: fixed(b.used),
    crossWalletBalance: fixed(b.free + b.used),
    crossUnPnl: fixed(0),
    availableBalance: fixed(b.free),
    maxWithdrawAmount: fixed(b.free),
    updateTime: now,
  })),
  positions: [],
});
