import type { CatalogEntry } from './catalog.js';

/** Shown instead of the key's last characters where the API key alone authenticates: it is a secret itself. */
export const NEUTRAL_KEY_HINT = '••••';

/**
 * The only part of a credential Keyward shows: the last 4 characters of the API key (or of a
 * wallet's public address). Where the API key is the only credential, it is a bearer secret (e.g.
 * onetrading: ccxt's sign() sends `Authorization: Bearer <apiKey>`), so none of it is shown.
 */
export function keyHintFor(entry: Pick<CatalogEntry, 'fields'>, credentials: Record<string, string | undefined>): string {
  const onlyApiKey = entry.fields.length === 1 && entry.fields[0]!.key === 'apiKey';
  if (onlyApiKey) return NEUTRAL_KEY_HINT;
  return (credentials.apiKey ?? credentials.walletAddress ?? '').slice(-4);
}
