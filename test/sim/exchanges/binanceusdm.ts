/** Binance USDⓈ-M futures on loopback: binance's module and key checks, plus the USDⓈ-M account ccxt reads. */
import { futuresAccount } from './_binance-data.js';
import { binanceSim } from './binance.js';

export const FUTURES_ACCOUNT_SOURCE =
  'https://developers.binance.com/docs/derivatives/usds-margined-futures/account/rest-api/Futures-Account-Balance-V3 and https://developers.binance.com/docs/derivatives/coin-margined-futures/account/rest-api/Futures-Account-Balance (row fields asset, crossWalletBalance, crossUnPnl, availableBalance, updateTime); ccxt 4.5.84 js/src/binance.js parseBalanceCustom (assets[].availableBalance, initialMargin, marginBalance); values made up';

export default binanceSim(
  'binanceusdm',
  {
    'GET /fapi/v3/account': { signed: true, answer: futuresAccount },
  },
  { 'GET /fapi/v3/account': FUTURES_ACCOUNT_SOURCE },
);
