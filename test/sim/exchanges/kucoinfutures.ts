/** KuCoin futures on loopback: kucoin's module and key checks, plus the futures account overview ccxt reads. */
import type { ResolvedKey, SimRequest } from '../types.js';
import { kucoinSim, ok } from './kucoin.js';

const amount = (n: number): number => Number(n.toFixed(8));

/** GET /api/v1/account-overview?currency=USDT (futures host): one currency's futures account. */
function accountOverview(req: SimRequest, key: ResolvedKey) {
  const currency = req.query.get('currency') ?? 'XBT';
  const held = key.balances[currency === 'XBT' ? 'BTC' : currency] ?? { free: 0, used: 0 };
  return ok({
    accountEquity: amount(held.free + held.used), unrealisedPNL: 0, marginBalance: amount(held.free + held.used), positionMargin: 0,
    orderMargin: amount(held.used), frozenFunds: 0, availableBalance: amount(held.free), currency, riskRatio: 0, maxWithdrawAmount: amount(held.free),
  });
}

export default kucoinSim('kucoinfutures', {
  'GET /api/v1/account-overview': { needs: 'read', answer: accountOverview },
}, {
  'GET /api/v1/account-overview': 'npm kucoin-api@2.1.21 dist/mjs/types/response/futures.types.d.ts AccountBalance (accountEquity, unrealisedPNL, marginBalance, positionMargin, orderMargin, frozenFunds, availableBalance, currency, riskRatio, maxWithdrawAmount); ccxt 4.5.84 js/src/kucoin.js fetchContractBalance (data.availableBalance, data.accountEquity); values made up',
});
