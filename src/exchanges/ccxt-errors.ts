/**
 * ccxt's error classes without importing ccxt, for `instanceof` in verdicts and retries and for
 * `new` after a ccxt call: importing this module costs nothing, ccxt is loaded by the first check.
 */
import { standInClass } from './ccxt-internals.js';
import { loadedCcxt, type Ccxt } from './ccxt-loader.js';

export type { Balances, Exchange } from 'ccxt';

type ErrorName =
  | 'AccountSuspended'
  | 'AuthenticationError'
  | 'BadResponse'
  | 'BaseError'
  | 'DDoSProtection'
  | 'ExchangeError'
  | 'ExchangeNotAvailable'
  | 'InvalidNonce'
  | 'NetworkError'
  | 'OnMaintenance'
  | 'OrderNotFound'
  | 'PermissionDenied'
  | 'RateLimitExceeded'
  | 'RequestTimeout'
  | 'RestrictedLocation';

const standIn = <N extends ErrorName>(name: N): Ccxt[N] => standInClass(name, () => loadedCcxt()?.[name]);

export const AccountSuspended = standIn('AccountSuspended');
export const AuthenticationError = standIn('AuthenticationError');
export const BadResponse = standIn('BadResponse');
export const BaseError = standIn('BaseError');
export const DDoSProtection = standIn('DDoSProtection');
export const ExchangeError = standIn('ExchangeError');
export const ExchangeNotAvailable = standIn('ExchangeNotAvailable');
export const InvalidNonce = standIn('InvalidNonce');
export const NetworkError = standIn('NetworkError');
export const OnMaintenance = standIn('OnMaintenance');
export const OrderNotFound = standIn('OrderNotFound');
export const PermissionDenied = standIn('PermissionDenied');
export const RateLimitExceeded = standIn('RateLimitExceeded');
export const RequestTimeout = standIn('RequestTimeout');
export const RestrictedLocation = standIn('RestrictedLocation');
