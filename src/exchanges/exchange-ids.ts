/** ccxt's list of exchange ids, loaded on demand: importing ccxt takes about a second. */
export async function ccxtExchangeIds(): Promise<readonly string[]> {
  return (await import('ccxt')).default.exchanges;
}
