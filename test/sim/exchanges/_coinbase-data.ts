/**
 * coinbase's answers on loopback, shaped as its two APIs send them: the v2 "Coinbase App" API
 * (currencies, exchange rates, time, wallet accounts, all wrapped in `data`) and the v3 Advanced
 * Trade API (products, fee tier, key permissions, brokerage accounts).
 */
import { createHash } from 'node:crypto';
import type { ResolvedKey } from '../types.js';

const FIAT = [
  { id: 'USD', name: 'US Dollar', min_size: '0.01' },
  { id: 'EUR', name: 'Euro', min_size: '0.01' },
  { id: 'GBP', name: 'British Pound', min_size: '0.01' },
];

const CRYPTO: Record<string, { name: string; color: string; exponent: number; regex: string }> = {
  BTC: {
    name: 'Bitcoin',
    color: '#F7931A',
    exponent: 8,
    regex:
      '^([13][a-km-zA-HJ-NP-Z1-9]{25,34})|^(bc1[qzry9x8gf2tvdw0s3jn54khce6mua7l]([qpzry9x8gf2tvdw0s3jn54khce6mua7l]{38}|[qpzry9x8gf2tvdw0s3jn54khce6mua7l]{58}))$',
  },
  ETH: { name: 'Ethereum', color: '#627EEA', exponent: 8, regex: '^(?:0x)?[0-9a-fA-F]{40}$' },
  SOL: { name: 'Solana', color: '#9945FF', exponent: 9, regex: '^[1-9A-HJ-NP-Za-km-z]{32,44}$' },
  USDT: { name: 'Tether', color: '#22A079', exponent: 6, regex: '^(?:0x)?[0-9a-fA-F]{40}$' },
  USDC: { name: 'USDC', color: '#2775CA', exponent: 6, regex: '^(?:0x)?[0-9a-fA-F]{40}$' },
};

/** USD price of each currency, the source of exchange rates, product prices and tickers. */
const USD_PRICE: Record<string, number> = { USD: 1, EUR: 1.08, GBP: 1.27, BTC: 64050.12, ETH: 3102.4, SOL: 145.3, USDT: 1, USDC: 1 };

/** A stable UUID-shaped id derived from a label, so answers stay identical across runs. */
export function uuidOf(label: string): string {
  const h = createHash('sha256').update(label).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const isoSeconds = (ms: number): string => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');

/** v2 time: whole seconds, the resolution ccxt's fetchTime reads by default. */
export const v2Time = (now: number) => ({ data: { iso: isoSeconds(now), epoch: Math.floor(now / 1000) } });

/** v3 brokerage time, for clients that ask Advanced Trade instead of v2. */
export const v3Time = (now: number) => ({ iso: new Date(now).toISOString(), epochSeconds: String(Math.floor(now / 1000)), epochMillis: String(now) });

/** Fiat currencies: no asset_id, which is how ccxt tells them from crypto. */
export const fiatCurrencies = () => ({ data: FIAT });

/** Crypto currencies: each carries the name ccxt turns into its network name. */
export const cryptoCurrencies = () => ({
  data: Object.entries(CRYPTO).map(([code, c], i) => ({
    asset_id: uuidOf(`asset:${code}`),
    code,
    name: c.name,
    color: c.color,
    sort_index: 100 + i,
    exponent: c.exponent,
    type: 'crypto',
    address_regex: c.regex,
  })),
});

/** Exchange rates against USD; ccxt adds every rated code it has not seen as a currency. */
export const exchangeRates = () => ({
  data: { currency: 'USD', rates: Object.fromEntries(Object.entries(USD_PRICE).map(([code, usd]) => [code, String(+(1 / usd).toPrecision(8))])) },
});

interface Spot {
  base: string;
  quote: string;
  baseIncrement: string;
  quoteIncrement: string;
}

const SPOT: Spot[] = [
  { base: 'BTC', quote: 'USD', baseIncrement: '0.00000001', quoteIncrement: '0.01' },
  { base: 'ETH', quote: 'USD', baseIncrement: '0.00000001', quoteIncrement: '0.01' },
  { base: 'SOL', quote: 'USD', baseIncrement: '0.001', quoteIncrement: '0.01' },
  { base: 'BTC', quote: 'USDT', baseIncrement: '0.00000001', quoteIncrement: '0.01' },
  { base: 'ETH', quote: 'BTC', baseIncrement: '0.00000001', quoteIncrement: '0.00001' },
];

const priceOf = (base: string, quote: string): string => {
  const p = (USD_PRICE[base] ?? 0) / (USD_PRICE[quote] ?? 1);
  return p >= 1 ? p.toFixed(2) : p.toFixed(5);
};

const product = (id: string, base: string, quote: string, price: string, extra: Record<string, unknown>) => ({
  product_id: id,
  price,
  price_percentage_change_24h: '1.42',
  volume_24h: '10967.874',
  volume_percentage_change_24h: '12.3',
  base_min_size: '0.00000001',
  base_max_size: '3400',
  quote_min_size: '1',
  quote_max_size: '150000000',
  base_name: CRYPTO[base]?.name ?? '',
  quote_name: FIAT.find((f) => f.id === quote)?.name ?? CRYPTO[quote]?.name ?? quote,
  watched: false,
  is_disabled: false,
  new: false,
  status: 'online',
  cancel_only: false,
  limit_only: false,
  post_only: false,
  trading_disabled: false,
  auction_mode: false,
  quote_currency_id: quote,
  fcm_trading_session_details: null,
  mid_market_price: '',
  alias: '',
  alias_to: [],
  quote_display_symbol: quote,
  view_only: false,
  display_name: id,
  approximate_quote_24h_volume: '702488123.55',
  ...extra,
});

const spotProducts = () =>
  SPOT.map((s) => {
    const id = `${s.base}-${s.quote}`;
    return product(id, s.base, s.quote, priceOf(s.base, s.quote), {
      base_increment: s.baseIncrement,
      quote_increment: s.quoteIncrement,
      price_increment: s.quoteIncrement,
      product_type: 'SPOT',
      base_currency_id: s.base,
      base_display_symbol: s.base,
      product_venue: 'CBE',
    });
  });

const future = (id: string, root: string, quote: string, details: Record<string, unknown>) =>
  product(id, root, quote, priceOf(root, quote), {
    base_increment: '1',
    quote_increment: '5',
    price_increment: '5',
    product_type: 'FUTURE',
    base_currency_id: '',
    base_display_symbol: '',
    product_venue: details.contract_expiry_type === 'PERPETUAL' ? 'INTX' : 'FCM',
    future_product_details: {
      contract_code: root,
      contract_size: details.contract_expiry_type === 'PERPETUAL' ? '1' : '0.01',
      contract_root_unit: root,
      ...details,
    },
  });

const EXPIRING = [
  future('BIT-29MAR30-CDE', 'BTC', 'USD', {
    venue: 'cde',
    contract_expiry: '2030-03-29T15:00:00Z',
    contract_expiry_type: 'EXPIRING',
    group_description: 'Nano Bitcoin Futures',
    contract_expiry_timezone: 'Europe/London',
    risk_managed_by: 'MANAGED_BY_FCM',
    contract_display_name: 'BTC 29 MAR 30',
  }),
];

const PERPETUAL = ['BTC', 'ETH'].map((root) =>
  future(`${root}-PERP-INTX`, root, 'USDC', {
    venue: '',
    contract_expiry: null,
    contract_expiry_type: 'PERPETUAL',
    risk_managed_by: 'MANAGED_BY_VENUE',
    perpetual_details: { open_interest: '0', funding_rate: '0.000016', funding_time: '2030-01-01T09:00:00.000008Z', max_leverage: '10' },
    contract_display_name: `${root} PERPETUAL`,
  }),
);

/** Public products, filtered the way coinbase filters by product_type, contract_expiry_type and product_ids. */
export function products(query: URLSearchParams) {
  const type = query.get('product_type');
  let list = type === 'FUTURE' ? (query.get('contract_expiry_type') === 'PERPETUAL' ? PERPETUAL : EXPIRING) : spotProducts();
  const ids = query.getAll('product_ids');
  if (ids.length > 0) list = list.filter((p) => ids.includes(p.product_id));
  return { products: list, num_products: list.length };
}

/** The fee tier ccxt reads, signed, while loading markets whenever credentials are set. */
export const transactionSummary = () => ({
  total_volume: 0,
  total_fees: 0,
  fee_tier: { pricing_tier: 'Advanced 1', usd_from: '0', usd_to: '1000', taker_fee_rate: '0.012', maker_fee_rate: '0.006', aop_from: '', aop_to: '' },
  margin_rate: null,
  goods_and_services_tax: null,
  advanced_trade_only_volume: 0,
  advanced_trade_only_fees: 0,
  coinbase_pro_volume: 0,
  coinbase_pro_fees: 0,
  total_balance: '',
  has_promo_fee: false,
});

const walletType = (code: string): 'fiat' | 'wallet' => (FIAT.some((f) => f.id === code) ? 'fiat' : 'wallet');

/** v2 wallet accounts: one per currency, each holding a single total (coinbase has no "held" part here). */
export function v2Accounts(key: ResolvedKey) {
  const data = Object.entries(key.balances).map(([code, b]) => {
    const id = uuidOf(`${key.apiKey}:${code}`);
    const c = CRYPTO[code];
    return {
      id,
      name: `${code} Wallet`,
      primary: code === 'BTC',
      type: walletType(code),
      currency: c
        ? {
            code,
            name: c.name,
            color: c.color,
            sort_index: 100,
            exponent: c.exponent,
            type: 'crypto',
            address_regex: c.regex,
            asset_id: uuidOf(`asset:${code}`),
            slug: c.name.toLowerCase(),
          }
        : { code, name: FIAT.find((f) => f.id === code)?.name ?? code, color: '#0066cf', sort_index: 0, exponent: 2, type: 'fiat' },
      balance: { amount: (b.free + b.used).toFixed(8), currency: code },
      created_at: isoSeconds(key.createdAt),
      updated_at: isoSeconds(key.createdAt),
      resource: 'account',
      resource_path: `/v2/accounts/${id}`,
      allow_deposits: true,
      allow_withdrawals: true,
    };
  });
  return {
    pagination: {
      ending_before: null,
      starting_after: null,
      previous_ending_before: null,
      next_starting_after: null,
      limit: 250,
      order: 'desc',
      previous_uri: null,
      next_uri: null,
    },
    data,
  };
}

/** v3 brokerage accounts: available and held amounts per currency. */
export function v3Accounts(key: ResolvedKey) {
  const accounts = Object.entries(key.balances).map(([code, b]) => ({
    uuid: uuidOf(`${key.apiKey}:${code}:v3`),
    name: `${code} Wallet`,
    currency: code,
    available_balance: { value: b.free.toFixed(8), currency: code },
    default: code === 'BTC',
    active: true,
    created_at: new Date(key.createdAt).toISOString(),
    updated_at: new Date(key.createdAt).toISOString(),
    deleted_at: null,
    type: walletType(code) === 'fiat' ? 'ACCOUNT_TYPE_FIAT' : 'ACCOUNT_TYPE_CRYPTO',
    ready: true,
    hold: { value: b.used.toFixed(8), currency: code },
  }));
  return { accounts, has_next: false, cursor: '', size: accounts.length };
}

/** The key's scopes: view, trade and one transfer scope that covers moving and sending funds. */
export const keyPermissions = (key: ResolvedKey) => ({
  can_view: key.read,
  can_trade: key.spotTrade,
  can_transfer: key.transfer || key.withdraw,
  portfolio_uuid: uuidOf(`portfolio:${key.apiKey}`),
  portfolio_type: 'DEFAULT',
});

/** batch_cancel for ids coinbase does not know: each one fails, the request itself succeeds. */
export const batchCancel = (body: string) => {
  let ids: unknown = [];
  try {
    ids = (JSON.parse(body) as { order_ids?: unknown }).order_ids ?? [];
  } catch {
    ids = [];
  }
  const list = Array.isArray(ids) ? ids : [];
  return { results: list.map((id) => ({ success: false, failure_reason: 'UNKNOWN_CANCEL_ORDER', order_id: String(id) })) };
};
