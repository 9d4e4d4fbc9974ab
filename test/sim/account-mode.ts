import type { ExchangeProfile } from '../../src/exchanges/profiles/types.js';
import type { SimExchangeFixture } from './fixture.js';

/** The account-mode options a preloaded instance learnt from one fetchBalance, as the profile names them. */
export async function learntAccountMode(k: SimExchangeFixture, profile: ExchangeProfile): Promise<Record<string, unknown>> {
  const first = k.preloaded();
  await first.fetchBalance();
  return Object.fromEntries(profile.accountModeOptions!.map((name) => [name, first.options[name]]));
}

/** The requests a fetchBalance costs on a new preloaded instance handed what an earlier one learnt. */
export async function balanceRequestsGiven(k: SimExchangeFixture, id: string, learnt: Record<string, unknown>): Promise<number> {
  k.sim.resetStats(id);
  const second = k.preloaded();
  Object.assign(second.options, learnt);
  await second.fetchBalance();
  return k.sim.stats(id).requests;
}
