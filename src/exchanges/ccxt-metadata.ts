import type { Ccxt } from './ccxt-loader.js';
import { exchangeClasses } from './ccxt-internals.js';

/** What the catalog needs to know of one ccxt exchange, read from an instance's describe() values. */
export interface ExchangeMetadata {
  id: string;
  name: string;
  /** ccxt can read a balance there */
  balance: boolean;
  /** the credential properties ccxt requires, in ccxt's order */
  credentials: string[];
  dex: boolean;
  sandbox: boolean;
}

/**
 * Every exchange of a loaded ccxt, by constructing each class: ~1 s, so it runs when the snapshot is
 * made (npm run catalog:snapshot) and in the test that compares the snapshot with it, never in the bot.
 */
export function readExchangeMetadata(lib: Ccxt): ExchangeMetadata[] {
  const classes = exchangeClasses(lib);
  return lib.default.exchanges.flatMap((id): ExchangeMetadata[] => {
    const Class = classes[id];
    if (!Class) return [];
    const exchange = new Class();
    return [
      {
        id,
        name: String(exchange.name ?? id),
        balance: Boolean(exchange.has['fetchBalance']),
        credentials: Object.entries(exchange.requiredCredentials)
          .filter(([, needed]) => needed)
          .map(([key]) => key),
        dex: Boolean(exchange.dex),
        sandbox: Boolean(exchange.has['sandbox']),
      },
    ];
  });
}
