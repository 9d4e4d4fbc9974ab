import type { BaseError } from 'ccxt';
import { expect, it } from 'vitest';
import type { VerdictKind } from '../../src/exchanges/types.js';
import type { SimExchangeFixture } from './fixture.js';
import type { Fault } from './types.js';

/** One injected fault: the class ccxt raises for it, and the verdict Keyward reads from that error. */
export interface FaultCase {
  name: string;
  fault: Fault;
  /** the error's own class, not a parent: which class ccxt picks is what a ccxt upgrade may change */
  error: typeof BaseError;
  /** the verdict; `null` where Keyward must not guess one; absent where the row checks only ccxt's class */
  verdict?: VerdictKind | null;
  /** a call other than the table's, for a fault that only one endpoint shows */
  call?: () => Promise<unknown>;
}

/** One test per row: the fault is set on the simulator, the call fails, and the error is read. */
export function itRaisesOnEachFault(k: SimExchangeFixture, id: string, call: () => Promise<unknown>, cases: FaultCase[]): void {
  it.each(cases)('$name', async ({ fault, error, verdict, call: own }) => {
    k.sim.setFault(id, fault);
    const err = await k.failure((own ?? call)());
    expect(err.constructor).toBe(error);
    if (verdict !== undefined) expect(k.classify(err)).toBe(verdict ?? undefined);
  });
}
