/** Small, realistic public data of the simulated kucoin, shaped as kucoin's spot and futures APIs answer it. */

const spot = (base: string, quote: string, priceIncrement: string, baseIncrement: string, baseMinSize: string) => ({
  symbol: `${base}-${quote}`,
  name: `${base}-${quote}`,
  baseCurrency: base,
  quoteCurrency: quote,
  feeCurrency: quote,
  market: quote === 'USDT' ? 'USDS' : quote,
  baseMinSize,
  quoteMinSize: '0.1',
  baseMaxSize: '10000000000',
  quoteMaxSize: '99999999',
  baseIncrement,
  quoteIncrement: '0.000001',
  priceIncrement,
  priceLimitRate: '0.1',
  minFunds: '0.1',
  isMarginEnabled: true,
  enableTrading: true,
  feeCategory: 1,
  makerFeeCoefficient: '1.00',
  takerFeeCoefficient: '1.00',
  st: false,
});

/** Spot symbols (GET /api/v2/symbols). */
export const kucoinSymbols = [
  spot('BTC', 'USDT', '0.1', '0.00000001', '0.00001'),
  spot('ETH', 'USDT', '0.01', '0.0000001', '0.0001'),
  spot('SOL', 'USDT', '0.001', '0.0001', '0.01'),
  spot('ETH', 'BTC', '0.000001', '0.0000001', '0.0001'),
];

/** Last prices, used by the all-tickers answer (fees for fetchMarkets, a USD estimate for fetchTickers). */
export const kucoinPrices: Record<string, string> = {
  'BTC-USDT': '64250.1',
  'ETH-USDT': '3120.55',
  'SOL-USDT': '148.321',
  'ETH-BTC': '0.048571',
};

/** Cross margin symbols (GET /api/v3/margin/symbols, signed). */
export const kucoinMarginSymbols = kucoinSymbols.slice(0, 3).map((s) => ({ ...s }));

/** Isolated margin symbols (GET /api/v1/isolated/symbols, signed). */
export const kucoinIsolatedSymbols = ['BTC-USDT', 'ETH-USDT'].map((symbol) => {
  const [baseCurrency, quoteCurrency] = symbol.split('-');
  return {
    symbol,
    symbolName: symbol,
    baseCurrency,
    quoteCurrency,
    maxLeverage: 10,
    flDebtRatio: '0.97',
    tradeEnable: true,
    autoRenewMaxDebtRatio: '0.96',
    baseBorrowEnable: true,
    quoteBorrowEnable: true,
    baseTransferInEnable: true,
    quoteTransferInEnable: true,
    baseBorrowCoefficient: '1',
    quoteBorrowCoefficient: '1',
  };
});

const perpetual = (symbol: string, base: string, multiplier: number, tickSize: number, mark: number) => ({
  symbol,
  rootSymbol: 'USDT',
  type: 'FFWCSX',
  firstOpenDate: 1585555200000,
  expireDate: null,
  settleDate: null,
  baseCurrency: base,
  quoteCurrency: 'USDT',
  settleCurrency: 'USDT',
  maxOrderQty: 1000000,
  maxPrice: 1000000,
  lotSize: 1,
  tickSize,
  indexPriceTickSize: 0.01,
  multiplier,
  initialMargin: 0.008,
  maintainMargin: 0.004,
  maxRiskLimit: 100000,
  minRiskLimit: 100000,
  riskStep: 50000,
  makerFeeRate: 0.0002,
  takerFeeRate: 0.0006,
  takerFixFee: 0,
  makerFixFee: 0,
  settlementFee: null,
  isDeleverage: true,
  isQuanto: false,
  isInverse: false,
  markMethod: 'FairPrice',
  fairMethod: 'FundingRate',
  status: 'Open',
  fundingFeeRate: 0.0001,
  predictedFundingFeeRate: 0.0001,
  openInterest: '8724443',
  markPrice: mark,
  indexPrice: mark,
  lastTradePrice: mark,
  nextFundingRateTime: 25481884,
  maxLeverage: 125,
});

/** Active futures contracts (GET /api/v1/contracts/active on the futures host). */
export const kucoinContracts = [perpetual('XBTUSDTM', 'XBT', 0.001, 0.1, 64251.3), perpetual('ETHUSDTM', 'ETH', 0.01, 0.01, 3121.04)];

/** Currencies with one chain each (GET /api/v3/currencies). */
export const kucoinCurrencies = [
  ['BTC', 'Bitcoin', 'BTC', 'btc', '0.0005', 8],
  ['ETH', 'Ethereum', 'ERC20', 'eth', '0.002', 8],
  ['USDT', 'Tether', 'TRC20', 'trx', '1', 6],
  ['SOL', 'Solana', 'SOL', 'sol', '0.008', 8],
].map(([currency, fullName, chainName, chainId, fee, precision]) => ({
  currency,
  name: currency,
  fullName,
  precision,
  confirms: null,
  contractAddress: null,
  isMarginEnabled: true,
  isDebitEnabled: true,
  chains: [
    {
      chainName,
      chainId,
      withdrawalMinSize: fee,
      depositMinSize: null,
      withdrawFeeRate: '0',
      withdrawalMinFee: fee,
      isWithdrawEnabled: true,
      isDepositEnabled: true,
      confirms: 12,
      preConfirms: 12,
      contractAddress: '',
      withdrawPrecision: precision,
      maxWithdraw: null,
      maxDeposit: null,
      needTag: false,
    },
  ],
}));
