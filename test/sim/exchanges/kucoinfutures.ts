/** KuCoin futures on loopback: kucoin's module and key checks, plus the futures account overview ccxt reads. */
import type { ResolvedKey, SimRequest } from '../types.js';
import { kucoinSim, ok } from './kucoin.js';

export const ACCOUNT_OVERVIEW_SOURCE =
  'github Kucoin/kucoin-futures-go-sdk account.go (d0b4eefcbbbc9e0f17b2e21690813afb1fb78359) AccountModel: accountEquity, unrealisedPNL, marginBalance, positionMargin, orderMargin, frozenFunds, availableBalance, currency; ccxt 4.5.84 js/src/kucoin.js fetchContractBalance reads data.availableBalance and data.accountEquity; values made up';

const amount = (n: number): number => Number(n.toFixed(8));

/** GET /api/v1/account-overview?currency=USDT (futures host): one currency's futures account. */
function accountOverview(req: SimRequest, key: ResolvedKey) {
  const currency = req.query.get('currency') ?? 'XBT';
  const held = key.balances[currency === 'XBT' ? 'BTC' : currency] ?? { free: 0, used: 0 };
  return ok({
    accountEquity: amount(held.free + held.used),
    unrealisedPNL: 0,
    marginBalance: amount(held.free + held.used),
    positionMargin: 0,
    orderMargin: amount(held.used),
    frozenFunds: 0,
    availableBalance: amount(held.free),
    currency,
  });
}

export default kucoinSim(
  'kucoinfutures',
  {
    'GET /api/v1/account-overview': { needs: 'read', answer: accountOverview },
  },
  {
    'GET /api/v1/account-overview': ACCOUNT_OVERVIEW_SOURCE,
  },
);
