import type { Exchange } from 'ccxt';
import type { KeyPermissions, VerdictKind } from '../types.js';

/**
 * What Keyward knows about one exchange beyond ccxt's unified API: its key-info call and the
 * meaning of its own error codes. Exchanges without an adapter fall back to a balance call.
 */
export interface ExchangeAdapter {
  /** the ccxt id */
  id: string;
  /**
   * One signed request that proves the key works and says what it may do. Called on a fresh ccxt
   * instance with credentials set and markets already loaded. Missing fields become 'unknown'.
   */
  readKeyInfo?: (exchange: Exchange) => Promise<KeyPermissions>;
  /** The exchange's own code or text → a finer verdict than ccxt's class gives; undefined to let the class decide. */
  classifyError?: (err: unknown) => VerdictKind | undefined;
  /**
   * Where the exchange answers "order not found" and "permission denied" differently, trade
   * permission is probed by cancelling a made-up order id on this symbol (never placing one).
   */
  tradeProbe?: {
    symbol: string;
    /** the exchange's own codes for "no such order" where ccxt does not raise OrderNotFound for them */
    notFoundCodes?: string[];
    /** codes meaning "this key is read-only": it may read but not trade */
    readOnlyCodes?: string[];
  };
  /**
   * ccxt options in which an instance records the account's mode (unified or classic) after asking
   * the exchange. Keyward keeps them with the key, so later calls skip that extra request.
   */
  accountModeOptions?: string[];
  /**
   * Asks what the balance call needs to know and ccxt learns only while loading markets with a key
   * (kucoin's HF account), when the key's remembered hints do not already say.
   */
  prepareBalance?: (exchange: Exchange) => Promise<void>;
  /**
   * false where the nonce is a per-key counter the exchange compares only with the key's previous
   * nonce (kraken): shifting it by the measured clock drift would push it past the nonces of the
   * user's other tools sharing the key, and lock them out.
   */
  compensateClock?: boolean;
}
