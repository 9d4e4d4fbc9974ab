/**
 * Cleans what a user pasted into the connect form before anything is stored or sent. A stray
 * space or invisible character is the most common reason a valid key "has an invalid signature".
 * Errors name fields by label and never repeat a value.
 */
import { AppError } from '../errors.js';
import type { CatalogEntry, CredentialField, CredentialKey } from './catalog.js';
import { profileFor } from './profiles/index.js';

/** Zero-width characters and the byte-order mark ride along with copied text; they are dropped. */
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF]/g;
/** JavaScript's \s covers the no-break spaces (U+00A0, U+2007, U+202F) that pasting brings. */
const EDGE_SPACE = /^\s+|\s+$/g;
/** Control, format (bidi overrides, isolates…), surrogate and private-use characters; tabs and line breaks count as whitespace. */
const CONTROL = /(?![\t\n\v\f\r])[\p{Cc}\p{Cf}\p{Cs}\p{Co}]/u;
const PEM_START = '-----BEGIN';
const PEM_BLOCK = /^-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END ([A-Z0-9 ]+)-----$/;
const BASE64_LINE = /^[A-Za-z0-9+/=]+$/;
const EVM_ADDRESS = /^0x[0-9a-f]{40}$/i;
const EVM_PRIVATE_KEY = /^(0x)?[0-9a-f]{64}$/i;

/** The credentials for `entry`, cleaned and checked, keyed by ccxt property; throws an AppError otherwise. */
export function normalizeCredentials(entry: CatalogEntry, raw: Record<string, string | undefined>): Record<string, string> {
  if (!entry.supported) {
    throw new AppError('EXCHANGE_UNSUPPORTED', { exchange: entry.name, reason: entry.unsupportedReason ?? '' });
  }
  const values = new Map<CredentialKey, string>();
  for (const field of entry.fields) values.set(field.key, clean(field, raw[field.key]));
  refuseMixUps(entry, values);
  const result: Record<string, string> = {};
  for (const field of entry.fields) result[field.key] = finish(field, values.get(field.key) ?? '');
  return result;
}

function clean(field: CredentialField, input: string | undefined): string {
  const value = (typeof input === 'string' ? input : '').replace(INVISIBLE, '').replace(EDGE_SPACE, '');
  if (value === '') throw new AppError('INPUT_EMPTY', { field: field.label });
  if (value.length > field.maxLength) throw new AppError('INPUT_TOO_LONG', { field: field.label, max: field.maxLength });
  if (CONTROL.test(value)) throw new AppError('INPUT_CONTROL', { field: field.label });
  return value;
}

/** Whitespace is never part of a key, except the line breaks of a PEM block where one is allowed. */
function finish(field: CredentialField, value: string): string {
  if (field.multiline && value.startsWith(PEM_START)) return pemBlock(field, value);
  if (/\s/.test(value)) throw new AppError('INPUT_WHITESPACE', { field: field.label });
  return value;
}

/**
 * Keeps a PEM's line breaks (ccxt and Node need them) by rebuilding the block from its lines:
 * \r\n becomes \n, the literal "\n" of a JSON key file becomes a real break, and a block
 * flattened onto one line gets its breaks back. Base64 holds no spaces, so nothing is lost.
 */
function pemBlock(field: CredentialField, value: string): string {
  const match = PEM_BLOCK.exec(value.replace(/(?:\\r)?\\n/g, '\n'));
  const incomplete = { field: field.label, expected: 'paste the whole key, from its -----BEGIN line to its -----END line' };
  if (!match || match[1] !== match[3]) throw new AppError('INPUT_FORMAT', incomplete);
  const lines = (match[2] ?? '').trim().split(/\s+/);
  if (lines.some((line) => !BASE64_LINE.test(line))) {
    throw new AppError('INPUT_FORMAT', {
      field: field.label,
      expected: 'between its BEGIN and END lines a private key holds only letters, digits, +, / and =',
    });
  }
  return [`-----BEGIN ${match[1]}-----`, ...lines, `-----END ${match[3]}-----`].join('\n');
}

/** Refuses values that were clearly pasted into the wrong box, without judging unfamiliar formats. */
function refuseMixUps(entry: CatalogEntry, values: Map<CredentialKey, string>): void {
  const label = (key: CredentialKey): string | undefined => entry.fields.find((f) => f.key === key)?.label;
  refuseWalletMixUps(values, label);
  const shapes = profileFor(entry.id).keyShapes ?? {};
  const shaped = entry.fields.filter((f) => shapes[f.key] !== undefined);
  for (const a of shaped) {
    for (const b of shaped) {
      if (a === b) continue;
      const [shapeA, shapeB] = [shapes[a.key] as RegExp, shapes[b.key] as RegExp];
      const [valueA, valueB] = [values.get(a.key) ?? '', values.get(b.key) ?? ''];
      if (!shapeA.test(valueA) && !shapeB.test(valueB) && shapeA.test(valueB) && shapeB.test(valueA)) {
        throw new AppError('INPUT_SWAPPED', { first: a.label, second: b.label });
      }
    }
  }
  refuseMisplacedPem(entry, values);
}

function refuseWalletMixUps(values: Map<CredentialKey, string>, label: (key: CredentialKey) => string | undefined): void {
  const address = values.get('walletAddress');
  const privateKey = values.get('privateKey');
  if (address !== undefined && EVM_PRIVATE_KEY.test(address)) {
    if (privateKey !== undefined && EVM_ADDRESS.test(privateKey)) {
      throw new AppError('INPUT_SWAPPED', { first: label('walletAddress') ?? '', second: label('privateKey') ?? '' });
    }
    throw new AppError('INPUT_MAIN_WALLET_KEY', { field: label('privateKey') ?? label('walletAddress') ?? '' });
  }
  if (privateKey !== undefined && EVM_ADDRESS.test(privateKey)) {
    throw new AppError('INPUT_FORMAT', {
      field: label('privateKey') ?? '',
      expected: 'that is a wallet address (0x and 40 hex characters), not a private key',
    });
  }
}

/** A private key block in a one-line box was meant for the PEM box next to it, if there is one. */
function refuseMisplacedPem(entry: CatalogEntry, values: Map<CredentialKey, string>): void {
  for (const field of entry.fields) {
    if (field.multiline || !(values.get(field.key) ?? '').startsWith(PEM_START)) continue;
    const pemBox = entry.fields.find((f) => f.multiline && !(values.get(f.key) ?? '').startsWith(PEM_START));
    if (pemBox) throw new AppError('INPUT_SWAPPED', { first: field.label, second: pemBox.label });
    throw new AppError('INPUT_FORMAT', { field: field.label, expected: 'a private key block (-----BEGIN …) does not belong in this box' });
  }
}
