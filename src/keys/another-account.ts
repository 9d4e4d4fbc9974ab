import { nextAccountName } from './account-name.js';

/** The key service's check before a form opens: room, quota, and which accounts on the exchange exist. */
export interface ConnectCheck {
  prepareConnect(userId: string, exchange: string, account: string): Promise<{ exists: boolean; taken: ReadonlySet<string> }>;
}

/**
 * "Add as another account": the first free "<account>-2", "<account>-3", … on that exchange, checked
 * like any new account (room under the cap, a validation available) before its form opens.
 */
export async function prepareAnotherAccount(keys: ConnectCheck, userId: string, exchange: string, account: string): Promise<string> {
  const { taken } = await keys.prepareConnect(userId, exchange, account);
  const next = nextAccountName(account, taken);
  await keys.prepareConnect(userId, exchange, next);
  return next;
}
