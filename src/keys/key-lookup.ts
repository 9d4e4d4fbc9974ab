import { AppError } from '../errors.js';
import { isKeyAddress } from '../store/index.js';
import { listKeys, type KeyRecords, type KeyView } from './views.js';

/** How a key is named in a command option: "binance/main". */
export function keyChoiceValue(key: { exchange: string; account: string }): string {
  return `${key.exchange}/${key.account}`;
}

/**
 * "binance/main" → its parts. Users can type any value instead of picking a suggestion, so one that
 * could not name a stored key is refused here, before the store is asked.
 */
export function parseKeyChoice(value: string): { exchange: string; account: string } {
  const [exchange, account, ...rest] = value.trim().toLowerCase().split('/');
  if (!exchange || !account || rest.length > 0 || !isKeyAddress(exchange, account)) throw new AppError('KEY_CHOICE_UNKNOWN');
  return { exchange, account };
}

/**
 * The stored key a user named in a command ("binance/main"): KEY_CHOICE_UNKNOWN for a value that
 * cannot name a key, ACCOUNT_NOT_FOUND for one that names no key of theirs.
 */
export async function findNamedKey(keys: Pick<KeyRecords, 'list'>, userId: string, choice: string): Promise<KeyView> {
  const { exchange, account } = parseKeyChoice(choice);
  const key = (await listKeys(keys, userId)).find((k) => k.exchange === exchange && k.account === account);
  if (!key) throw new AppError('ACCOUNT_NOT_FOUND', { exchange, account });
  return key;
}
