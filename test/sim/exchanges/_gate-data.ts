/** Small, realistic public data of the simulated gate, shaped as gate's API v4 answers it. */

const LISTED = 1516378650;

const pair = (base: string, quote: string, precision: number, amountPrecision: number, minBase: string) => ({
  id: `${base}_${quote}`,
  base,
  base_name: base,
  quote,
  quote_name: quote,
  fee: '0.2',
  min_base_amount: minBase,
  min_quote_amount: '1',
  max_base_amount: '',
  max_quote_amount: '5000000',
  amount_precision: amountPrecision,
  precision,
  trade_status: 'tradable',
  sell_start: LISTED,
  buy_start: LISTED,
  delisting_time: 0,
  type: 'normal',
  trade_url: '',
});

/** Spot pairs (GET /api/v4/spot/currency_pairs). */
export const gatePairs = [
  pair('BTC', 'USDT', 1, 6, '0.00001'),
  pair('ETH', 'USDT', 2, 4, '0.0001'),
  pair('SOL', 'USDT', 3, 3, '0.01'),
  pair('ETH', 'BTC', 6, 4, '0.001'),
];

/** Margin pairs (GET /api/v4/margin/currency_pairs); ccxt merges them into the spot pairs they match. */
export const gateMarginPairs = gatePairs.slice(0, 2).map((p) => ({
  id: p.id,
  base: p.base,
  quote: p.quote,
  leverage: 10,
  min_base_amount: p.min_base_amount,
  min_quote_amount: '1',
  max_quote_amount: '1000000',
  status: 1,
}));

const perpetual = (base: string, multiplier: string, priceRound: string, mark: string) => ({
  name: `${base}_USDT`,
  type: 'direct',
  quanto_multiplier: multiplier,
  ref_discount_rate: '0',
  order_price_deviate: '0.5',
  maintenance_rate: '0.005',
  mark_type: 'index',
  last_price: mark,
  mark_price: mark,
  index_price: mark,
  funding_rate_indicative: '0.0001',
  mark_price_round: '0.01',
  funding_offset: 0,
  in_delisting: false,
  risk_limit_base: '1000000',
  interest_rate: '0.0003',
  order_price_round: priceRound,
  order_size_min: 1,
  ref_rebate_rate: '0.2',
  funding_interval: 28800,
  risk_limit_step: '1000000',
  leverage_min: '1',
  leverage_max: '125',
  risk_limit_max: '8000000',
  maker_fee_rate: '-0.00025',
  taker_fee_rate: '0.00075',
  funding_rate: '0.0001',
  order_size_max: 1000000,
  funding_next_apply: 1735689600,
  short_users: 1200,
  config_change_time: 1669688556,
  trade_size: 1000000,
  position_size: 500000,
  long_users: 1300,
  funding_impact_value: '60000',
  orders_limit: 50,
  trade_id: 1,
  orderbook_id: 1,
  enable_bonus: true,
  enable_credit: true,
  create_time: 1669688556,
  funding_cap_ratio: '0.75',
  status: 'trading',
});

/** Contracts by API path: USDT perpetuals only; BTC-settled swaps, deliveries and options are empty here. */
export const gateContracts: Record<string, object[]> = {
  '/api/v4/futures/usdt/contracts': [perpetual('BTC', '0.0001', '0.1', '64251.3'), perpetual('ETH', '0.01', '0.01', '3121.04')],
  '/api/v4/futures/btc/contracts': [],
  '/api/v4/delivery/usdt/contracts': [],
};

/** Last prices for tickers (a USD estimate needs only these). */
export const gatePrices: Record<string, string> = {
  BTC_USDT: '64250.1',
  ETH_USDT: '3120.55',
  SOL_USDT: '148.321',
  ETH_BTC: '0.048571',
};

/** Currencies with one chain each (GET /api/v4/spot/currencies). */
export const gateCurrencies = [
  ['BTC', 'Bitcoin', 'BTC'],
  ['ETH', 'Ethereum', 'ETH'],
  ['USDT', 'Tether', 'TRX'],
  ['SOL', 'Solana', 'SOL'],
].map(([currency, name, chain]) => ({
  currency,
  name,
  delisted: false,
  withdraw_disabled: false,
  withdraw_delayed: false,
  deposit_disabled: false,
  trade_disabled: false,
  fixed_rate: '',
  chain,
  chains: [{ name: chain, addr: '', withdraw_disabled: false, withdraw_delayed: false, deposit_disabled: false }],
}));
