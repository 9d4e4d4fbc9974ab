/**
 * Every exchange a user can connect, with the form fields its key needs. Built once from the
 * snapshot of the installed ccxt's metadata (catalog-snapshot.ts, checked against ccxt by a test so
 * an upgrade cannot leave it stale) and enriched with hand-written notes; ccxt itself is not loaded.
 */
import { fieldDefaults, fieldOrder, PEM_MAX_LENGTH, walletPrivateKeyWording } from './catalog-fields.js';
import { agentWalletNote, passphraseNote, rankedIds, siblingGroups, unsupportedReasons } from './catalog-notes.js';
import { matchItems, nearestItems, toSearchItem, type SearchItem } from './catalog-search.js';
import type { ExchangeMetadata } from './ccxt-metadata.js';
import { exchangeSnapshot } from './catalog-snapshot.js';
import { profileFor } from './profiles/index.js';

/** A ccxt credential property; the form asks for exactly the ones an exchange requires. */
export type CredentialKey = 'apiKey' | 'secret' | 'password' | 'uid' | 'walletAddress' | 'privateKey' | 'accountId' | 'login' | 'twofa' | 'token';

/** One box of the connect form, already within Discord's limits. */
export interface CredentialField {
  key: CredentialKey;
  label: string;
  hint: string;
  placeholder?: string;
  sensitive: boolean;
  multiline: boolean;
  maxLength: number;
}

/** What Keyward knows about one exchange: how to ask for its key and what trips users up. Frozen: every caller shares it. */
export interface CatalogEntry {
  id: string;
  name: string;
  rank: number;
  fields: CredentialField[];
  supported: boolean;
  unsupportedReason?: string;
  walletBased: boolean;
  /** the exchange documents a call that says what a key may do, and Keyward reads it on every check */
  fullCheck: boolean;
  notes: string[];
  createKeyPath?: string;
  siblings: string[];
  sandbox: boolean;
}

/** A Discord modal holds five components and one is the safety note, which leaves four boxes. */
export const MAX_FIELDS = 4;
/** Autocomplete answers hold at most 25 choices. */
const MAX_RESULTS = 25;

interface Catalog {
  ranked: CatalogEntry[];
  byId: Map<string, CatalogEntry>;
  search: SearchItem[];
}

let cached: Catalog | undefined;

/** Every exchange ccxt can read a balance on, most used first; ones Keyward refuses carry the reason. */
export function listExchanges(): CatalogEntry[] {
  return [...catalog().ranked];
}

/** The entry for a ccxt id (case-insensitive), or undefined: user input may name anything. */
export function getExchange(id: string): CatalogEntry | undefined {
  return catalog().byId.get(id.trim().toLowerCase());
}

/** Autocomplete: the majors for an empty query, otherwise prefix > word > substring > typo matches. */
export function searchExchanges(query: string, limit = MAX_RESULTS): CatalogEntry[] {
  return matchItems(catalog().search, query, Math.max(1, Math.min(MAX_RESULTS, Math.floor(limit))));
}

/** The nearest names to an unknown one, for "no such exchange, did you mean …". */
export function closestExchanges(query: string, n = 3): CatalogEntry[] {
  return nearestItems(catalog().search, query, Math.max(0, Math.floor(n)));
}

function catalog(): Catalog {
  cached ??= build();
  return cached;
}

function build(): Catalog {
  const drafts = exchangeSnapshot.filter((m) => m.balance).map(describe);
  const present = new Set(drafts.map((d) => d.id));
  const ranked = drafts
    .map((d) => ({ d, major: rankedIds.indexOf(d.id) }))
    .sort((a, b) => majorOrder(a.major) - majorOrder(b.major) || a.d.name.localeCompare(b.d.name, 'en', { sensitivity: 'base' }))
    .map(({ d }, i): CatalogEntry => deepFreeze({ ...d, rank: i + 1, siblings: siblingsOf(d.id, present) }));
  return {
    ranked,
    byId: new Map(ranked.map((e) => [e.id, e])),
    search: ranked.map((e) => toSearchItem(e, profileFor(e.id).searchAliases ?? [])),
  };
}

function majorOrder(index: number): number {
  return index === -1 ? Number.MAX_SAFE_INTEGER : index;
}

function describe(exchange: ExchangeMetadata): Omit<CatalogEntry, 'rank' | 'siblings'> {
  const { id, credentials: required } = exchange;
  const known = required.filter((k): k is CredentialKey => fieldOrder.includes(k as CredentialKey));
  const keys = fieldOrder.filter((k) => known.includes(k));
  const walletBased = exchange.dex && keys.some((k) => k === 'walletAddress' || k === 'privateKey');
  const fields = keys.map((key) => field(id, key, walletBased));
  const unsupportedReason = refusal(
    id,
    keys,
    required.filter((k) => !known.includes(k as CredentialKey)),
  );
  const profile = profileFor(id);
  const notes = [...(profile.notes ?? [])];
  if (keys.includes('password') && !keys.includes('login')) notes.push(passphraseNote);
  if (walletBased) notes.push(agentWalletNote);
  const createKeyPath = profile.createKeyPath;
  return {
    id,
    name: profile.displayName ?? exchange.name,
    fields,
    supported: unsupportedReason === undefined,
    ...(unsupportedReason === undefined ? {} : { unsupportedReason }),
    walletBased,
    fullCheck: profile.readKeyInfo !== undefined,
    notes,
    ...(createKeyPath === undefined ? {} : { createKeyPath }),
    sandbox: exchange.sandbox,
  };
}

function field(id: string, key: CredentialKey, walletBased: boolean): CredentialField {
  const profile = profileFor(id);
  const multiline = profile.pemFields?.includes(key) ?? false;
  const walletWording = walletBased && key === 'privateKey' ? walletPrivateKeyWording : {};
  const wording = { ...fieldDefaults[key], ...walletWording, ...profile.fieldWording?.[key] };
  return {
    key,
    label: wording.label,
    hint: wording.hint,
    ...(wording.placeholder === undefined ? {} : { placeholder: wording.placeholder }),
    sensitive: wording.sensitive,
    multiline,
    maxLength: multiline ? PEM_MAX_LENGTH : wording.maxLength,
  };
}

/** Why Keyward will not take this exchange's key, or undefined when it will. */
function refusal(id: string, keys: CredentialKey[], unknown: string[]): string | undefined {
  if (keys.includes('login')) {
    return 'it signs in with your account login and password, which Keyward never holds. Use an exchange that issues API keys.';
  }
  if (keys.includes('twofa')) return 'it needs the secret behind your 2FA codes, which Keyward never holds.';
  const handWritten = unsupportedReasons[id];
  if (handWritten) return handWritten;
  if (unknown.length > 0) return `it asks for a credential Keyward does not know yet (${unknown.join(', ')}).`;
  if (keys.length > MAX_FIELDS) return `it needs ${keys.length} credentials and a Discord form has room for ${MAX_FIELDS}.`;
  if (keys.length === 0) return 'it asks for no credentials, so there is no key to check.';
  return undefined;
}

function siblingsOf(id: string, present: Set<string>): string[] {
  const related = siblingGroups.filter((g) => g.includes(id)).flat();
  return [...new Set(related)].filter((other) => other !== id && present.has(other));
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
