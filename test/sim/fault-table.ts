import type { BaseError } from 'ccxt';
import { expect, it } from 'vitest';
import type { VerdictKind } from '../../src/exchanges/types.js';
import type { SimExchangeFixture } from './fixture.js';
import type { Fault } from './types.js';

/** One injected fault: the class ccxt raises for it, and the verdict Keyward reads from that error. */
export interface FaultCase {
  name: string;
  fault: Fault;
  error: typeof BaseError;
  /** a class the error must not be, where which class ccxt picks is the point */
  notError?: typeof BaseError;
  /** the verdict; `null` where Keyward must not guess one; absent where the row checks only ccxt's class */
  verdict?: VerdictKind | null;
}

/** One test per row: the fault is set on the simulator, the call fails, and the error is read. */
export function itRaisesOnEachFault(k: SimExchangeFixture, id: string, call: () => Promise<unknown>, cases: FaultCase[]): void {
  it.each(cases)('$name', async ({ fault, error, notError, verdict }) => {
    k.sim.setFault(id, fault);
    const err = await k.failure(call());
    expect(err).toBeInstanceOf(error);
    if (notError) expect(err).not.toBeInstanceOf(notError);
    if (verdict !== undefined) expect(k.classify(err)).toBe(verdict ?? undefined);
  });
}
