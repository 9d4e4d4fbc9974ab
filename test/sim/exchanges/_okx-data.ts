/** Small, realistic public data of the simulated okx, shaped as okx's v5 API answers it. */

const LISTED = '1548133413000';

const spot = (base: string, quote: string, tickSz: string, lotSz: string, minSz: string) => ({
  alias: '', baseCcy: base, category: '1', ctMult: '', ctType: '', ctVal: '', ctValCcy: '', expTime: '',
  instFamily: '', instId: `${base}-${quote}`, instType: 'SPOT', lever: '10', listTime: LISTED, lotSz,
  maxLmtSz: '10000000', maxMktSz: '1000000', minSz, optType: '', quoteCcy: quote, settleCcy: '', state: 'live',
  stk: '', tickSz, uly: '',
});

const swap = (base: string, ctVal: string, tickSz: string) => ({
  alias: '', baseCcy: '', category: '1', ctMult: '1', ctType: 'linear', ctVal, ctValCcy: base, expTime: '',
  instFamily: `${base}-USDT`, instId: `${base}-USDT-SWAP`, instType: 'SWAP', lever: '100', listTime: LISTED,
  lotSz: '0.01', maxLmtSz: '100000000', maxMktSz: '12000', minSz: '0.01', optType: '', quoteCcy: '',
  settleCcy: 'USDT', state: 'live', stk: '', tickSz, uly: `${base}-USDT`,
});

/** Instruments by okx instType; options are requested per underlying and this venue lists none. */
export const okxInstruments: Record<string, object[]> = {
  SPOT: [
    spot('BTC', 'USDT', '0.1', '0.00000001', '0.00001'),
    spot('ETH', 'USDT', '0.01', '0.000001', '0.0001'),
    spot('SOL', 'USDT', '0.01', '0.000001', '0.01'),
    spot('ETH', 'BTC', '0.00001', '0.000001', '0.001'),
  ],
  SWAP: [swap('BTC', '0.01', '0.1'), swap('ETH', '0.1', '0.01')],
  FUTURES: [{
    alias: 'quarter', baseCcy: '', category: '1', ctMult: '1', ctType: 'inverse', ctVal: '100', ctValCcy: 'USD',
    expTime: '1798732800000', instFamily: 'BTC-USD', instId: 'BTC-USD-261231', instType: 'FUTURES', lever: '100',
    listTime: LISTED, lotSz: '1', maxLmtSz: '1000000', maxMktSz: '3000', minSz: '1', optType: '', quoteCcy: '',
    settleCcy: 'BTC', state: 'live', stk: '', tickSz: '0.1', uly: 'BTC-USD',
  }],
  OPTION: [],
};

/** Last prices used for tickers (a USD estimate needs only these). */
export const okxPrices: Record<string, string> = {
  'BTC-USDT': '64250.1', 'ETH-USDT': '3120.55', 'SOL-USDT': '148.32', 'ETH-BTC': '0.04857',
};

/** One entry of /api/v5/asset/currencies per currency and chain. */
export const okxCurrencies = [
  ['BTC', 'Bitcoin', 'BTC-Bitcoin', '0.0002', '8'],
  ['ETH', 'Ethereum', 'ETH-ERC20', '0.0016', '8'],
  ['USDT', 'Tether', 'USDT-TRC20', '1', '6'],
  ['SOL', 'Solana', 'SOL-Solana', '0.008', '8'],
].map(([ccy, name, chain, fee, wdTickSz]) => ({
  canDep: true, canInternal: true, canWd: true, ccy, chain, fee, logoLink: '', mainNet: true, maxFee: fee,
  maxWd: '1000000', minDep: '0.00005', minFee: fee, minWd: fee, name, needTag: false, usedWdQuota: '0',
  wdQuota: '10000000', wdTickSz,
}));
