/**
 * Small, realistic mexc payloads for the simulator: spot exchange info, the USDT perpetual contract
 * list, the signed coin list, tickers and the per-key spot account, shaped like mexc's own answers.
 */
import type { ResolvedKey } from '../types.js';

const PRICES: Record<string, number> = { BTCUSDT: 64250.1, ETHUSDT: 3120.55, SOLUSDT: 145.32, ETHBTC: 0.04857 };

const spotSymbol = (symbol: string, base: string, quote: string, basePrecision: number, quotePrecision: number) => ({
  symbol,
  status: '1',
  baseAsset: base,
  baseAssetPrecision: basePrecision,
  quoteAsset: quote,
  quotePrecision,
  quoteAssetPrecision: quotePrecision,
  baseCommissionPrecision: basePrecision,
  quoteCommissionPrecision: quotePrecision,
  orderTypes: ['LIMIT', 'MARKET', 'LIMIT_MAKER'],
  isSpotTradingAllowed: true,
  isMarginTradingAllowed: false,
  quoteAmountPrecision: '1.000000000000000000000000000000',
  baseSizePrecision: '0',
  permissions: ['SPOT'],
  filters: [],
  maxQuoteAmount: '2000000.000000000000000000000000000000',
  makerCommission: '0',
  takerCommission: '0.0005',
  quoteAmountPrecisionMarket: '1.000000000000000000000000000000',
  maxQuoteAmountMarket: '100000.000000000000000000000000000000',
  fullName: base,
  tradeSideType: 1,
});

/** GET /api/v3/exchangeInfo */
export const spotExchangeInfo = (now: number) => ({
  timezone: 'CST',
  serverTime: now,
  rateLimits: [],
  exchangeFilters: [],
  symbols: [
    spotSymbol('BTCUSDT', 'BTC', 'USDT', 6, 2),
    spotSymbol('ETHUSDT', 'ETH', 'USDT', 5, 2),
    spotSymbol('SOLUSDT', 'SOL', 'USDT', 3, 3),
    spotSymbol('ETHBTC', 'ETH', 'BTC', 5, 6),
  ],
});

const contract = (symbol: string, base: string, contractSize: number, priceUnit: number) => ({
  symbol,
  displayName: `${symbol} PERPETUAL`,
  displayNameEn: `${symbol} PERPETUAL`,
  positionOpenType: 3,
  baseCoin: base,
  quoteCoin: 'USDT',
  settleCoin: 'USDT',
  contractSize,
  minLeverage: 1,
  maxLeverage: 200,
  priceScale: 2,
  volScale: 0,
  amountScale: 4,
  priceUnit,
  volUnit: 1,
  minVol: 1,
  maxVol: 1_000_000,
  bidLimitPriceRate: 0.1,
  askLimitPriceRate: 0.1,
  takerFeeRate: 0.0002,
  makerFeeRate: 0,
  maintenanceMarginRate: 0.004,
  initialMarginRate: 0.005,
  riskBaseVol: 10_000,
  riskIncrVol: 200_000,
  riskIncrMmr: 0.004,
  riskIncrImr: 0.004,
  riskLevelLimit: 5,
  priceCoefficientVariation: 0.1,
  indexOrigin: ['BINANCE', 'OKX', 'BYBIT'],
  state: 0,
  isNew: false,
  isHot: true,
  isHidden: false,
  conceptPlate: [],
  riskLimitType: 'BY_VOLUME',
  maxNumOrders: [200, 50],
  marketOrderMaxLevel: 20,
  marketOrderPriceLimitRate1: 0.2,
  marketOrderPriceLimitRate2: 0.005,
  triggerProtect: 0.1,
  appraisal: 0,
  showAppraisalCountdown: 0,
  automaticDelivery: 0,
  apiAllowed: false,
});

/** GET /api/v1/contract/detail */
export const contractDetail = () => ({
  success: true,
  code: 0,
  data: [contract('BTC_USDT', 'BTC', 0.0001, 0.1), contract('ETH_USDT', 'ETH', 0.01, 0.01)],
});

const network = (coin: string, net: string, name: string, fee: string, min: string) => ({
  coin,
  depositDesc: null,
  depositEnable: true,
  minConfirm: 10,
  name,
  network: net,
  netWork: net,
  withdrawEnable: true,
  withdrawFee: fee,
  withdrawIntegerMultiple: null,
  withdrawMax: '1000000',
  withdrawMin: min,
  sameAddress: false,
  contract: '',
  withdrawTips: null,
  depositTips: null,
});

/** GET /api/v3/capital/config/getall (signed) */
export const capitalConfig = () => [
  { coin: 'BTC', name: 'Bitcoin', networkList: [network('BTC', 'BTC', 'Bitcoin', '0.00003', '0.0003')] },
  { coin: 'ETH', name: 'Ethereum', networkList: [network('ETH', 'ETH', 'Ethereum(ERC20)', '0.0008', '0.003')] },
  { coin: 'USDT', name: 'Tether', networkList: [network('USDT', 'TRX', 'Tron(TRC20)', '1', '10')] },
  { coin: 'SOL', name: 'Solana', networkList: [network('SOL', 'SOL', 'Solana(SOL)', '0.008', '0.1')] },
];

/** GET /api/v3/ticker/24hr */
export const tickers24hr = (now: number) =>
  Object.entries(PRICES).map(([symbol, last]) => ({
    symbol,
    priceChange: String(last * 0.012),
    priceChangePercent: '0.012',
    prevClosePrice: String(last * 0.988),
    lastPrice: String(last),
    bidPrice: String(last * 0.9999),
    bidQty: '1.2',
    askPrice: String(last * 1.0001),
    askQty: '0.8',
    openPrice: String(last * 0.988),
    highPrice: String(last * 1.02),
    lowPrice: String(last * 0.97),
    volume: '12345.6',
    quoteVolume: String(last * 12345.6),
    openTime: now - 86_400_000,
    closeTime: now,
    count: null,
  }));

/** GET /api/v3/account (signed): the spot wallet the key sees. */
export const spotAccount = (key: ResolvedKey) => ({
  makerCommission: null,
  takerCommission: null,
  buyerCommission: null,
  sellerCommission: null,
  canTrade: key.spotTrade,
  canWithdraw: key.withdraw,
  canDeposit: true,
  updateTime: null,
  accountType: 'SPOT',
  balances: Object.entries(key.balances).map(([asset, b]) => ({ asset, free: String(b.free), locked: String(b.used), available: String(b.free) })),
  permissions: ['SPOT'],
});
