/**
 * Hand-written knowledge about exchanges that ccxt does not carry: the names traders use, which
 * venues they reach for first, where keys are created, and the mistakes people make with them.
 */

/** ccxt names that read oddly in a menu, replaced by the name on the exchange's own site. */
export const displayNames: Record<string, string> = {
  binanceusdm: 'Binance USDⓈ-M Futures',
  binancecoinm: 'Binance COIN-M Futures',
  okxus: 'OKX US',
  btcturk: 'BtcTurk',
  coinone: 'Coinone',
  coinmate: 'Coinmate',
  deepcoin: 'Deepcoin',
  whitebit: 'WhiteBIT',
  weex: 'WEEX',
  latoken: 'LATOKEN',
  p2b: 'P2B',
  indodax: 'Indodax',
  woofipro: 'WOOFi Pro',
};

/** The venues most traders use, most used first; everything else follows alphabetically. */
export const rankedIds: readonly string[] = [
  'binance',
  'bybit',
  'okx',
  'kucoin',
  'bitget',
  'coinbase',
  'kraken',
  'gate',
  'hyperliquid',
  'mexc',
  'htx',
  'bingx',
  'cryptocom',
  'bitfinex',
  'bitstamp',
  'gemini',
  'kucoinfutures',
  'binanceusdm',
  'binancecoinm',
  'binanceus',
  'krakenfutures',
  'deribit',
  'coinex',
  'phemex',
  'bitvavo',
  'upbit',
  'woo',
  'blofin',
  'lbank',
  'xt',
  'poloniex',
  'bithumb',
  'whitebit',
  'myokx',
  'okxus',
  'bybiteu',
  'gateeu',
  'coinbaseexchange',
  'coinbaseinternational',
];

/** Other names people type for an exchange: former brands, domains, products. */
export const searchAliases: Record<string, readonly string[]> = {
  kucoinfutures: ['kucoin futures'],
  binanceusdm: ['binance futures', 'usdt-m', 'usds-m'],
  binancecoinm: ['coin-m'],
};

/**
 * Exchanges people confuse whose keys do not carry over: a key made for one fails on the others.
 * Binance's futures entries take the binance.com key, so they pair only with Binance US; KuCoin
 * Futures takes the KuCoin key (with the Futures permission), so it pairs with neither.
 */
export const siblingGroups: readonly (readonly string[])[] = [
  ['binance', 'binanceus'],
  ['binanceusdm', 'binanceus'],
  ['binancecoinm', 'binanceus'],
  ['okx', 'myokx', 'okxus'],
  ['bybit', 'bybiteu', 'bybitid'],
  ['gate', 'gateeu'],
  ['kraken', 'krakenfutures'],
  ['coinbase', 'coinbaseexchange', 'coinbaseinternational'],
  ['hitbtc', 'fmfwio', 'bequant'],
  ['woo', 'woofipro'],
];

/** Where on the exchange's site a key is made, for the venues people ask about most. */
export const createKeyPaths: Record<string, string> = {
  kucoinfutures: 'Profile → API Management → Create API (tick the Futures permission)',
};

/** Refusals ccxt's credential list does not reveal: these ccxt classes sign with the main wallet's own key. */
export const unsupportedReasons: Record<string, string> = {
  aster: "it would need your wallet's own private key, which can move your funds. Keyward never holds that key.",
  lighter: "it would need your Ethereum wallet's own private key, which can move your funds. Keyward never holds that key.",
  pacifica: 'ccxt asks only for a private key here but reads balances by wallet address, so a key cannot be checked yet.',
};

/** Said for every exchange that asks for a passphrase, because it is the most confused field. */
export const passphraseNote =
  'The passphrase is the one you typed when creating this API key, not your login or fund password. It is case-sensitive: copy it exactly.';

/** Said for every wallet-based venue: the only key Keyward should ever see is a delegated one. */
export const agentWalletNote =
  "Use the key of an API/agent wallet the exchange lets you create for trading, which cannot withdraw. Never paste your main wallet's private key or seed phrase.";

/** Practical notes per exchange, each one a mistake users really make. */
export const exchangeNotes: Record<string, readonly string[]> = {
  binanceus: ['Binance US serves US residents only. Its keys are separate: a binance.com key will not work here, and a Binance US key will not work there.'],
  binanceusdm: ['Uses your Binance key. Pick this only to check the USDⓈ-M futures wallet; the key needs the futures permission.'],
  binancecoinm: ['Uses your Binance key. Pick this only to check the COIN-M futures wallet; the key needs the futures permission.'],
  bybiteu: ['Bybit EU is a separate platform: keys made on bybit.com do not work here.'],
  myokx: ['For the EEA site (my.okx.com). Keys made on okx.com do not work here.'],
  okxus: ['For OKX US. Keys made on okx.com do not work here.'],
  kucoinfutures: ['For the futures account only: the key needs the Futures permission. Spot balances are checked under KuCoin (kucoin).'],
  gateeu: ['Gate EU is a separate site: keys made on gate.io do not work here.'],
  coinbaseexchange: ['For Coinbase Exchange (institutional) keys, which come with a passphrase. Retail Coinbase keys belong under Coinbase.'],
};
