import { accountNameSchema, exchangeIdSchema } from './records.js';

/** True when "exchange/account" could name a stored key at all: anything else is refused before the store is asked. */
export function isKeyAddress(exchange: string, account: string): boolean {
  return exchangeIdSchema.safeParse(exchange).success && accountNameSchema.safeParse(account).success;
}
