/** Small, realistic public data of the simulated bitget, shaped as bitget's v2 API answers it. */

const spot = (base: string, quote: string, pricePrecision: string, quantityPrecision: string) => ({
  symbol: `${base}${quote}`,
  baseCoin: base,
  quoteCoin: quote,
  minTradeAmount: '0',
  maxTradeAmount: '10000000000',
  takerFeeRate: '0.001',
  makerFeeRate: '0.001',
  pricePrecision,
  quantityPrecision,
  quotePrecision: '8',
  status: 'online',
  minTradeUSDT: '1',
  buyLimitPriceRatio: '0.05',
  sellLimitPriceRatio: '0.05',
  areaSymbol: 'no',
  orderQuantity: '200',
  openTime: '1532454360000',
  offTime: '',
});

/** Spot symbols (GET /api/v2/spot/public/symbols). */
export const bitgetSymbols = [spot('BTC', 'USDT', '2', '6'), spot('ETH', 'USDT', '2', '4'), spot('SOL', 'USDT', '3', '3'), spot('ETH', 'BTC', '6', '4')];

/** Margin pairs (GET /api/v2/margin/currencies); ccxt reads them only to flag spot markets as marginable. */
export const bitgetMarginPairs = bitgetSymbols.slice(0, 2).map((s) => ({
  symbol: s.symbol,
  baseCoin: s.baseCoin,
  quoteCoin: s.quoteCoin,
  maxCrossedLeverage: '3',
  maxIsolatedLeverage: '10',
  warningRiskRatio: '0.8',
  liquidationRiskRatio: '1',
  minTradeAmount: '0.0001',
  maxTradeAmount: '100',
  takerFeeRate: '0.001',
  makerFeeRate: '0.001',
  pricePrecision: s.pricePrecision,
  quantityPrecision: s.quantityPrecision,
  minTradeUSDT: '5',
  isBorrowable: true,
  userMinBorrow: '0.00001',
  status: '1',
  isIsolatedBaseBorrowable: true,
  isIsolatedQuoteBorrowable: true,
  isCrossBorrowable: true,
}));

const perpetual = (base: string, pricePlace: string, volumePlace: string, sizeMultiplier: string) => ({
  symbol: `${base}USDT`,
  baseCoin: base,
  quoteCoin: 'USDT',
  buyLimitPriceRatio: '0.9',
  sellLimitPriceRatio: '0.9',
  feeRateUpRatio: '0.1',
  makerFeeRate: '0.0002',
  takerFeeRate: '0.0006',
  openCostUpRatio: '0.1',
  supportMarginCoins: ['USDT'],
  minTradeNum: sizeMultiplier,
  priceEndStep: '1',
  volumePlace,
  pricePlace,
  sizeMultiplier,
  symbolType: 'perpetual',
  minTradeUSDT: '5',
  maxSymbolOrderNum: '200',
  maxProductOrderNum: '400',
  maxPositionNum: '150',
  symbolStatus: 'normal',
  offTime: '-1',
  limitOpenTime: '-1',
  deliveryTime: '',
  deliveryStartTime: '',
  launchTime: '',
  fundInterval: '8',
  minLever: '1',
  maxLever: '125',
  posLimit: '0.05',
  maintainTime: '',
});

/** Futures contracts by product type (GET /api/v2/mix/market/contracts); only USDT-margined ones are listed. */
export const bitgetContracts: Record<string, object[]> = {
  'USDT-FUTURES': [perpetual('BTC', '1', '3', '0.001'), perpetual('ETH', '2', '2', '0.01')],
};

/** Last prices for tickers (a USD estimate needs only these). */
export const bitgetPrices: Record<string, string> = {
  BTCUSDT: '64250.12',
  ETHUSDT: '3120.55',
  SOLUSDT: '148.321',
  ETHBTC: '0.048571',
};

/** Coins with one chain each (GET /api/v2/spot/public/coins). */
export const bitgetCoins = [
  ['1', 'BTC', 'BTC', '0.0005', '8'],
  ['2', 'USDT', 'TRC20', '1', '6'],
  ['3', 'ETH', 'ERC20', '0.002', '8'],
  ['4', 'SOL', 'SOL', '0.008', '8'],
].map(([coinId, coin, chain, withdrawFee, withdrawMinScale]) => ({
  coinId,
  coin,
  transfer: 'true',
  chains: [
    {
      chain,
      needTag: 'false',
      withdrawable: 'true',
      rechargeable: 'true',
      withdrawFee,
      extraWithdrawFee: '0',
      depositConfirm: '12',
      withdrawConfirm: '12',
      minDepositAmount: '0.0001',
      minWithdrawAmount: withdrawFee,
      browserUrl: '',
      contractAddress: '',
      withdrawStep: '0',
      withdrawMinScale,
      congestion: 'normal',
    },
  ],
}));
