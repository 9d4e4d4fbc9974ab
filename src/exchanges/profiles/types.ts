import type { Exchange } from 'ccxt';
import type { CredentialKey } from '../catalog.js';
import type { FieldWording } from '../catalog-fields.js';
import type { SelfGeneratedKeySupport } from '../self-generated-keys.js';
import type { KeyPermissions, VerdictKind } from '../types.js';

/**
 * Everything Keyward knows about one exchange beyond ccxt's unified API, in one place: how its key
 * is asked for and where it is made, its key-info call, the meaning of its own error codes, its
 * trade probe and account modes, and the sources all of it was checked against. An exchange
 * without a profile of its own gets the generic one: a balance call proves the key, ccxt's error
 * class decides the verdict, and what the key may do stays unknown.
 */
export interface ExchangeProfile {
  /** the ccxt id */
  id: string;
  /** the name on the exchange's own site, where ccxt's reads oddly in a menu */
  displayName?: string;
  /** other names people type for it: former brands, domains, products */
  searchAliases?: readonly string[];
  /** wording of the connect form's boxes that differs from the defaults */
  fieldWording?: Partial<Record<CredentialKey, FieldWording>>;
  /** boxes that take a PEM private key, whose line breaks must survive */
  pemFields?: readonly CredentialKey[];
  /** what a freshly issued key looks like, only to notice two values pasted into each other's boxes */
  keyShapes?: Partial<Record<CredentialKey, RegExp>>;
  /** where on the exchange's site a key is created (and deleted) */
  createKeyPath?: string;
  /** practical notes, each one a mistake users really make */
  notes?: readonly string[];
  /** one line of advice this exchange adds to (or puts in place of the general line for) a verdict */
  advice?: Partial<Record<VerdictKind, string>>;
  /** whether the exchange takes a public key Keyward creates (and if so how), or why not; with its sources */
  selfGeneratedKeys?: SelfGeneratedKeySupport;
  /** where the facts above were checked: documentation URLs, or repository + path + version */
  sources?: readonly string[];
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
  /**
   * true where ccxt's nonce is the millisecond timestamp and the exchange refuses a nonce it has seen
   * (blofin): two requests on one key signed in the same millisecond would refuse each other, so
   * the check never sends them at once.
   */
  serialRequests?: boolean;
  /**
   * 'futures' where the venue trades futures only (binanceusdm, kucoinfutures): a key that may trade
   * spot but not futures cannot trade here, and one that may trade futures can.
   */
  tradesOnly?: 'futures';
  /** the exchange's own rule for when keys expire or are deleted, only where a source states it */

  expiryRule?: ExpiryRule;
}

/** What an exchange does to a key when its rule runs out. */
export type ExpiryEffect = 'invalidates' | 'deletes' | 'deactivates' | 'stops_trading' | 'expires';

/**
 * An expiry or deletion rule as the exchange states it, with its source. The date comes from the
 * exchange where it reports one (`reported`); otherwise Keyward counts `days` from the key's last
 * use, which it knows only as its own last successful check.
 */
export interface ExpiryRule {
  effect: ExpiryEffect;
  /** which keys the rule touches: all, or only those not bound to an IP */
  appliesTo: 'all' | 'no_ip';
  /** true where keys that may only read are spared (the rule names trading or withdrawal permissions) */
  spareReadOnly?: boolean;
  /** where the date comes from */
  clock: 'reported' | 'last_use';
  /** days of the rule, as the exchange words it */
  days?: number;
  /** whether a signed read call such as Keyward's check counts as use, where the clock runs from last use */
  checksCountAsUse?: 'yes' | 'no' | 'unknown';
  /** one sentence: how to keep the key from expiring */
  avoid: string;
  /** the exchange's own page that states the rule */
  source: string;
}
