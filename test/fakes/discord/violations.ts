/**
 * Requests Discord would refuse as malformed, or send to a route the fake cannot check. Each is a bug in
 * the bot (or a gap in the fake), so it must fail the test that was running, not just answer 400.
 */

/** One malformed or unchecked request: the route as the fake names it, and what was wrong with it. */
export interface Violation {
  /** `METHOD /path/:param`, as in the fake's route table; the requested path when no route matched. */
  route: string;
  path: string;
  issue: string;
  /** The fake that saw it, so a test can take back the violations it provoked on purpose. */
  owner: object;
}

const pending: Violation[] = [];
let collecting = false;

/** Records a violation; outside a test runner (the demo, benchmarks) it is also written to stderr. */
export function reportViolation(violation: Violation): void {
  pending.push(violation);
  if (!collecting) console.error(`fake discord: ${describe(violation)}`);
}

/** Test runs collect violations instead of printing them, and fail the test that caused them. */
export function collectViolations(): void {
  collecting = true;
}

/** Removes and returns the pending violations, of one fake or of all. */
export function takeViolations(owner?: object): Violation[] {
  const taken = pending.filter((v) => owner === undefined || v.owner === owner);
  for (const v of taken) pending.splice(pending.indexOf(v), 1);
  return taken;
}

/** Throws with every pending violation, so the running test fails naming each route and issue. */
export function failOnPendingViolations(): void {
  const found = takeViolations();
  if (found.length === 0) return;
  const lines = found.map((v) => `  ${describe(v)}`).join('\n');
  throw new Error(`fake discord: ${found.length} request(s) broke Discord's API specification:\n${lines}`);
}

/** Names the route, not the path: a webhook path carries the interaction token. */
function describe(v: Violation): string {
  return `${v.route}: ${v.issue}`;
}
