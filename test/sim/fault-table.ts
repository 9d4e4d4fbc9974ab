import type { BaseError, Exchange } from 'ccxt';
import { expect, it } from 'vitest';
import type { VerdictKind } from '../../src/exchanges/types.js';
import type { RefusalCase, SimExchangeFixture } from './fixture.js';
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

/**
 * One test per row: the fault is set on the simulator, the call fails, and the error is read, by the
 * profile's classifier unless the file reads verdicts another way.
 */
export function itRaisesOnEachFault(
  k: SimExchangeFixture,
  id: string,
  call: () => Promise<unknown>,
  cases: FaultCase[],
  verdictOf: (err: unknown) => VerdictKind | undefined = (err) => k.classify(err),
): void {
  // a loop, not it.each: it.each prints '$name' quoted and cut at 40 characters
  for (const { name, fault, error, verdict, call: own } of cases)
    it(name, async () => {
      k.sim.setFault(id, fault);
      const err = await k.failure((own ?? call)());
      expect(err.constructor).toBe(error);
      if (verdict !== undefined) expect(verdictOf(err)).toBe(verdict ?? undefined);
    });
}

/** How a file names its refusal rows, what each refusal's message must contain, and how it reads verdicts. */
export interface RefusalWording<R extends RefusalCase> {
  title: (r: R) => string;
  /** text the error message must contain, such as the exchange's code; unchecked when absent */
  says?: (r: R) => string;
  /** the profile's classifier unless given */
  verdictOf?: (err: unknown) => VerdictKind | undefined;
}

/** One test per refusal: staged on the standing key, it fails with the row's own class, its text and its verdict. */
export function itRefusesEach<R extends RefusalCase>(k: SimExchangeFixture, refusals: R[], { title, says, verdictOf }: RefusalWording<R>): void {
  const read = verdictOf ?? ((err: unknown) => k.classify(err));
  for (const r of refusals)
    it(title(r), async () => {
      const err = await k.refusal(r);
      expect(err.constructor).toBe(r.error);
      if (says) expect(err.message).toContain(says(r));
      expect(read(err)).toBe(r.verdict);
    });
}

/** Open bounds a measured number must fall between; a missing side is not checked. */
export interface Bounds {
  above?: number;
  below?: number;
}

/** One skewed clock on the simulator: ahead of ours when skewMs is positive, behind when negative. */
export interface ClockCase {
  name: string;
  skewMs: number;
  /** a fetchTime row: how far ahead of our clock the server time it reads must be */
  serverTimeAhead?: Bounds;
  /** the class, or a parent of it, the signed call fails with before loadTimeDifference */
  refusedWith?: typeof BaseError;
  /** the verdict Keyward reads from that first failure */
  refusedAs?: VerdictKind;
  /** where ccxt's options.timeDifference must land once loadTimeDifference has run */
  timeDifference?: Bounds;
}

/** How a file's clock rows reach the exchange. */
export interface ClockCalls {
  /** a fresh instance, so each row learns the time difference itself */
  exchange: () => Exchange;
  /** a signed call, and what its answer shows once the clock is corrected */
  signed: (exchange: Exchange) => Promise<unknown>;
  shows: Record<string, unknown>;
}

function expectWithin(value: number, { above, below }: Bounds): void {
  if (above !== undefined) expect(value).toBeGreaterThan(above);
  if (below !== undefined) expect(value).toBeLessThan(below);
}

/**
 * One test per row. A fetchTime row reads the skewed server time; any other row may see the signed call
 * fail first, then runs loadTimeDifference and expects the signed call to answer.
 */
export function itFollowsEachSkewedClock(k: SimExchangeFixture, id: string, calls: ClockCalls, cases: ClockCase[]): void {
  for (const { name, skewMs, serverTimeAhead, refusedWith, refusedAs, timeDifference } of cases)
    it(name, async () => {
      k.sim.setFault(id, { clockSkewMs: skewMs });
      const exchange = calls.exchange();
      if (serverTimeAhead) {
        expectWithin((await exchange.fetchTime())! - Date.now(), serverTimeAhead);
        return;
      }
      if (refusedWith || refusedAs) {
        const err = await k.failure(calls.signed(exchange));
        if (refusedWith) expect(err).toBeInstanceOf(refusedWith);
        if (refusedAs) expect(k.classify(err)).toBe(refusedAs);
      }
      await exchange.loadTimeDifference();
      if (timeDifference) expectWithin(exchange.options.timeDifference, timeDifference);
      expect(await calls.signed(exchange)).toMatchObject(calls.shows);
    });
}
