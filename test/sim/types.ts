/**
 * Contracts of the loopback exchange simulator. The server core (server.ts) owns HTTP, routing by
 * exchange prefix, key profiles, fault injection and counting; each file under exchanges/ emulates
 * one exchange's wire protocol: its real endpoints, real signature checks and real error codes.
 */

/** What a simulated API key is allowed to do and what state it is in. Missing flags take the defaults noted. */
export interface KeyProfile {
  apiKey: string;
  secret: string;
  /**
   * For a self-generated key: the public key (PEM SPKI) the user uploaded. Signatures are then checked
   * against it (Ed25519 or RSA) and `secret` is not used.
   */
  publicKey?: string;
  /** The passphrase (okx, kucoin, bitget); ccxt calls it `password`. */
  password?: string;
  uid?: string;
  /** default true */
  read?: boolean;
  /** default true */
  spotTrade?: boolean;
  /** default false */
  futuresTrade?: boolean;
  /** default false */
  withdraw?: boolean;
  /** default false */
  transfer?: boolean;
  /**
   * IPs the key is bound to. Empty or absent = not IP-restricted. Requests reach the simulator from
   * 127.0.0.1 (or ::1): a key whose list does not contain the caller's address is refused with the
   * exchange's own "IP not allowed" error.
   */
  ips?: string[];
  /** ms since epoch; absent = no expiry. A key past its expiry is refused as expired by the exchange. */
  expiresAt?: number;
  /** ms since epoch when trading on the key lapses while it stays readable (binance tradingAuthorityExpirationTime) */
  tradingExpiresAt?: number;
  /**
   * The account's mode where the exchange has several: kucoin 'hf' (high-frequency trade account),
   * gate '1' classic / '2' legacy unified (key.mode). default: the exchange's classic account
   */
  accountMode?: string;
  /** ms since epoch; default: when the key was added */
  createdAt?: number;
  /** default 'active' */
  state?: 'active' | 'revoked' | 'suspended';
  /** Wallet balances the key sees. default: a small non-zero spot wallet (BTC, USDT, ETH) */
  balances?: Record<string, { free: number; used: number }>;
}

/** A key profile with every default filled in. */
export type ResolvedKey = Required<Omit<KeyProfile, 'password' | 'uid' | 'expiresAt' | 'tradingExpiresAt' | 'accountMode' | 'publicKey'>> &
  Pick<KeyProfile, 'password' | 'uid' | 'expiresAt' | 'tradingExpiresAt' | 'accountMode' | 'publicKey'>;

/** Faults injected on one exchange. `times` limits how many requests are affected (default: all). */
export interface Fault {
  /** Added delay before answering, in ms. */
  latencyMs?: number;
  /** Answer HTTP 429 (with Retry-After in seconds, or the exchange's own rate-limit body). */
  rateLimit?: { retryAfterSec: number };
  /** Answer with this 5xx status. */
  serverError?: 500 | 502 | 503 | 504;
  /** Answer with the exchange's own maintenance response. */
  maintenance?: boolean;
  /** Never answer (the socket stays open until the client gives up). */
  hang?: boolean;
  /** Answer 200 with a body that is not valid JSON. */
  malformedJson?: boolean;
  /** The exchange's clock runs this many ms ahead of ours (negative = behind); applies to its time endpoint and to timestamp checks. */
  clockSkewMs?: number;
  /** Every signed request is refused with the exchange's timestamp / nonce error, whatever the client sent. */
  rejectTimestamps?: boolean;
  /** Answer with the exchange's "restricted location" response (HTTP 451 on binance). */
  restrictedLocation?: boolean;
  /** Only public (unsigned) or only private (signed) requests are affected. default: both */
  scope?: 'public' | 'private';
  times?: number;
}

/** One request as an exchange module sees it: the exchange prefix is already removed from `path`. */
export interface SimRequest {
  method: string;
  /** e.g. '/api/v3/account' — exactly the path ccxt signed, without the simulator's '/<exchange>' prefix */
  path: string;
  /** raw query string without the leading '?', exactly as sent (signatures cover it byte for byte) */
  rawQuery: string;
  query: URLSearchParams;
  /** lower-cased header names */
  headers: Record<string, string>;
  body: string;
  /** the caller's address as the server saw it */
  ip: string;
}

export interface SimResponse {
  status: number;
  /** where this body comes from (documentation URL, or repository + path + version); see documented.ts */
  source?: string;
  headers?: Record<string, string>;
  /** An object or array is sent as JSON; a string is sent as is. */
  body: unknown;
}

/** What the core gives an exchange module for each request. */
export interface SimContext {
  /** The exchange's clock in ms (our clock plus any clockSkewMs fault). */
  now(): number;
  /** The key registered under this API key on this exchange, with defaults filled in; undefined if unknown. */
  key(apiKey: string): ResolvedKey | undefined;
  /** Every key registered on this exchange (wallet exchanges find an agent by the address its private key derives to). */
  keys(): ResolvedKey[];
  /** True when the active fault says signed requests must be refused as having a bad timestamp/nonce. */
  rejectTimestamps: boolean;
}

/** One simulated exchange. */
export interface SimExchange {
  /** the ccxt id, also the URL prefix: http://127.0.0.1:PORT/<id>/... */
  id: string;
  /** Answer one request; unknown routes answer the exchange's own 404 shape. Only signed routes may call ctx.key(). */
  handle(req: SimRequest, ctx: SimContext): SimResponse | Promise<SimResponse>;
  /** True when the request is signed (used for fault scope and counting). */
  isPrivate(req: SimRequest): boolean;
  /** The exchange's own answer while in maintenance. */
  maintenance(): SimResponse;
  /**
   * Where the bodies of its signed routes come from ('GET /path' → source): field names and value
   * vocabulary from the documentation, values from the key profile.
   */
  routeSources?: Record<string, string>;
  /** The exchange's own answer to too many requests. */
  rateLimited(retryAfterSec: number): SimResponse;
  /** The exchange's own answer from a restricted location. */
  restrictedLocation(): SimResponse;
}

/** Per-exchange counters. */
export interface SimStats {
  requests: number;
  privateRequests: number;
  bytesIn: number;
  bytesOut: number;
  /** 'GET /api/v3/account' → count */
  byRoute: Record<string, number>;
  /** the highest number of requests this exchange had in flight at once */
  maxInFlight: number;
  /** signed-route answers served without a source: 'GET /path 400' → count */
  unsourced: Record<string, number>;
}
