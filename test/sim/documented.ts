/**
 * Ties the simulator's answers to the documented corpus (test/fixtures/exchanges): an error is served
 * with the body and source the corpus holds for its code; one the corpus lacks keeps its invented body
 * and no source, which the source check then reports.
 */
import type { DocumentedError, ExchangeFixtures } from '../fixtures/exchanges/types.js';
import type { SimResponse } from './types.js';

/** The corpus entry for an exchange's own error code (matched on the code it carries, not on its name). */
export function documentedError(fixtures: ExchangeFixtures, code: string): DocumentedError | undefined {
  return Object.values(fixtures.errors).find((e) => e.code === code);
}

/**
 * The documented answer for `code`; the HTTP status is the corpus's where it gives one, else the
 * simulator's own (statuses are mostly undocumented, and ccxt reads the body's code first).
 */
export function sourcedError(fixtures: ExchangeFixtures, code: string, invented: SimResponse): SimResponse {
  const doc = documentedError(fixtures, code);
  if (!doc) return invented;
  return { status: doc.status ?? invented.status, headers: invented.headers, body: structuredClone(doc.body), source: doc.source };
}
