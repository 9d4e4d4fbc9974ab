import { exchangeSnapshot } from './catalog-snapshot.js';

/** ccxt's list of exchange ids, from the snapshot: checking a setting's names does not load ccxt. */
export async function ccxtExchangeIds(): Promise<readonly string[]> {
  return exchangeSnapshot.map((m) => m.id);
}
