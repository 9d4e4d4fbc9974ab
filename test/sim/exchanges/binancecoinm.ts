/** Binance COIN-M futures on loopback: binance's module and key checks, plus the COIN-M account ccxt reads. */
import { futuresAccount } from './_binance-data.js';
import { binanceSim } from './binance.js';
import { FUTURES_ACCOUNT_SOURCE } from './binanceusdm.js';

export default binanceSim(
  'binancecoinm',
  {
    'GET /dapi/v1/account': { signed: true, answer: futuresAccount },
  },
  { 'GET /dapi/v1/account': FUTURES_ACCOUNT_SOURCE },
);
