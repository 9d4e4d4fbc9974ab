/**
 * Hand-written knowledge about exchanges that ccxt does not carry: the names traders use, which
 * venues they reach for first, where keys are created, and the mistakes people make with them.
 */

/** ccxt names that read oddly in a menu, replaced by the name on the exchange's own site. */
export const displayNames: Record<string, string> = {
  coinbase: 'Coinbase',
  mexc: 'MEXC',
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
  'binance', 'bybit', 'okx', 'kucoin', 'bitget', 'coinbase', 'kraken', 'gate', 'hyperliquid',
  'mexc', 'htx', 'bingx', 'cryptocom', 'bitfinex', 'bitstamp', 'gemini', 'kucoinfutures',
  'binanceusdm', 'binancecoinm', 'binanceus', 'krakenfutures', 'deribit', 'coinex', 'phemex',
  'bitvavo', 'upbit', 'woo', 'blofin', 'lbank', 'xt', 'poloniex', 'bithumb', 'whitebit',
  'myokx', 'okxus', 'bybiteu', 'gateeu', 'coinbaseexchange', 'coinbaseinternational',
];

/** Other names people type for an exchange: former brands, domains, products. */
export const searchAliases: Record<string, readonly string[]> = {
  gate: ['gate.io', 'gateio'],
  htx: ['huobi'],
  okx: ['okex'],
  cryptocom: ['crypto.com'],
  coinbase: ['coinbase advanced', 'advanced trade', 'coinbase pro'],
  kucoinfutures: ['kucoin futures'],
  binanceusdm: ['binance futures', 'usdt-m', 'usds-m'],
  binancecoinm: ['coin-m'],
  hyperliquid: ['hl'],
};

/**
 * Exchanges people confuse whose keys do not carry over: a key made for one fails on the others.
 * Binance's futures entries take the binance.com key, so they pair only with Binance US.
 */
export const siblingGroups: readonly (readonly string[])[] = [
  ['binance', 'binanceus'],
  ['binanceusdm', 'binanceus'],
  ['binancecoinm', 'binanceus'],
  ['kucoin', 'kucoinfutures'],
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
  binance: 'Profile → Account → API Management → Create API',
  bybit: 'Profile → Account & Security → API Management → Create New Key',
  okx: 'Profile → API → Create API key',
  kucoin: 'Profile → API Management → Create API',
  kucoinfutures: 'Profile → API Management → Create API (tick the Futures permission)',
  bitget: 'Profile → API Management → Create API',
  coinbase: 'Coinbase Developer Platform → API Keys → Create API key',
  kraken: 'Profile → Settings → API → Create API key',
  gate: 'Profile → API Management → Create API Key',
  hyperliquid: 'app.hyperliquid.xyz → More → API → Generate, then Authorize API Wallet',
};

/** Refusals ccxt's credential list does not reveal: these ccxt classes sign with the main wallet's own key. */
export const unsupportedReasons: Record<string, string> = {
  aster: "it would need your wallet's own private key, which can move your funds. Keyward never holds that key.",
  lighter: "it would need your Ethereum wallet's own private key, which can move your funds. Keyward never holds that key.",
  pacifica: "ccxt asks only for a private key here but reads balances by wallet address, so a key cannot be checked yet.",
};

/** Said for every exchange that asks for a passphrase, because it is the most confused field. */
export const passphraseNote =
  'The passphrase is the one you typed when creating this API key, not your login or fund password. It is case-sensitive: copy it exactly.';

/** Said for every wallet-based venue: the only key Keyward should ever see is a delegated one. */
export const agentWalletNote =
  "Use the key of an API/agent wallet the exchange lets you create for trading, which cannot withdraw. Never paste your main wallet's private key or seed phrase.";

/** Practical notes per exchange, each one a mistake users really make. */
export const exchangeNotes: Record<string, readonly string[]> = {
  binance: [
    'In the US? binance.com keys do not work for US residents: Binance US is a separate exchange with its own keys.',
    'Binance asks for new keys to be restricted to trusted IPs. Add the IP of the server running Keyward (ask its admin), or the key may lose permissions.',
    'Spot, margin and futures are separate permissions on one key. Enable reading, and trading only for the products you use.',
  ],
  binanceus: [
    'Binance US serves US residents only. Its keys are separate: a binance.com key will not work here, and a Binance US key will not work there.',
  ],
  binanceusdm: ['Uses your Binance key. Pick this only to check the USDⓈ-M futures wallet; the key needs the futures permission.'],
  binancecoinm: ['Uses your Binance key. Pick this only to check the COIN-M futures wallet; the key needs the futures permission.'],
  bybit: [
    'Keys without an IP whitelist expire after 90 days. Bind the key to an IP, or expect to renew it.',
    'On a Unified Trading account, the key needs the Unified Trading permission. System-generated (HMAC) keys are the simplest choice.',
  ],
  bybiteu: ['Bybit EU is a separate platform: keys made on bybit.com do not work here.'],
  okx: [
    'Demo-trading keys work only in demo mode. Create the key in live trading for your real account.',
    "A sub-account's key sees only that sub-account's balance.",
  ],
  myokx: ['For the EEA site (my.okx.com). Keys made on okx.com do not work here.'],
  okxus: ['For OKX US. Keys made on okx.com do not work here.'],
  kucoin: [
    'Spot and futures live apart: to check your futures account, connect under KuCoin Futures (kucoinfutures) with a key that has the Futures permission.',
    'KuCoin asks for your trading password while you create the key. That password is never entered here.',
    'A new IP whitelist can take a few minutes to apply on KuCoin.',
  ],
  kucoinfutures: ['For the futures account only: the key needs the Futures permission. Spot balances are checked under KuCoin (kucoin).'],
  bitget: ['Bitget does not force an IP whitelist, but a key bound to an IP is much safer if it ever leaks.'],
  coinbase: [
    'Use a Developer Platform key: its name looks like organizations/…/apiKeys/… and its secret is an EC private key.',
    'Paste the whole private key, from -----BEGIN EC PRIVATE KEY----- to -----END EC PRIVATE KEY-----, with its line breaks.',
    'Copied from the downloaded JSON file? Its \\n sequences are turned back into line breaks for you.',
    'Ed25519 keys (an ID with a base64 secret) and older legacy keys also work. Keys that come with a passphrase belong to Coinbase Exchange.',
  ],
  kraken: [
    'If several tools share this key, raise its nonce window (for example to 10000) in the key settings, or give each tool its own key.',
    'The key needs the Query Funds permission for its balance to be read.',
    'Kraken Futures keys are created on the futures site and only work under Kraken Futures.',
  ],
  krakenfutures: ['Futures keys are separate from Kraken spot keys; create them on futures.kraken.com.'],
  gate: [
    'Create an APIv4 key and give it read access for every account you want checked (spot, futures, …).',
    'Gate does not report what a key is allowed to do, so Keyward can confirm the key works but not its permissions.',
  ],
  gateeu: ['Gate EU is a separate site: keys made on gate.io do not work here.'],
  hyperliquid: [
    'Create an API wallet under More → API, authorise it, and paste its private key. It can trade but cannot withdraw.',
    'Wallet address is the address of your main account (the one holding funds), not the API wallet address.',
  ],
  coinbaseexchange: ['For Coinbase Exchange (institutional) keys, which come with a passphrase. Retail Coinbase keys belong under Coinbase.'],
};
