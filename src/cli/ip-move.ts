import { missingFromWhitelist } from '../exchanges/ip-whitelist.js';
import type { KeyPermissions } from '../exchanges/index.js';

/** Per exchange: keys that would be refused from the new addresses, keys bound to a list the exchange does not show, and keys unaffected. */
export interface IpMoveCount {
  breaks: number;
  cannotTell: number;
  unaffected: number;
}

/**
 * What moving the bot to `newIps` would do to each stored key, from the permissions recorded at its
 * last check: metadata only, nothing is decrypted.
 */
export function countIpMove(keys: Iterable<{ exchange: string; permissions: KeyPermissions }>, newIps: readonly string[]): Map<string, IpMoveCount> {
  const out = new Map<string, IpMoveCount>();
  for (const { exchange, permissions: p } of keys) {
    const count = out.get(exchange) ?? { breaks: 0, cannotTell: 0, unaffected: 0 };
    if (p.ipRestricted === 'no') count.unaffected += 1;
    else if (p.ipRestricted === 'yes' && p.ipWhitelist) count[missingFromWhitelist(p.ipWhitelist, newIps).length > 0 ? 'breaks' : 'unaffected'] += 1;
    else count.cannotTell += 1; // bound to a list the exchange does not show (binance, kucoin's masked one), or not reported
    out.set(exchange, count);
  }
  return out;
}

/** The report, one line per exchange, no user ids or accounts. */
export function ipMoveLines(counts: Map<string, IpMoveCount>, newIps: readonly string[]): string[] {
  const lines = [`Moving to ${newIps.join(', ')}:`];
  if (counts.size === 0) lines.push('  no stored keys');
  for (const [exchange, c] of [...counts].sort(([a], [b]) => a.localeCompare(b))) {
    lines.push(
      `  ${exchange}: ${c.breaks} would break, ${c.cannotTell} bound to a whitelist the exchange does not show (cannot tell), ${c.unaffected} unaffected`,
    );
  }
  const total = [...counts.values()].reduce((sum, c) => sum + c.breaks, 0);
  lines.push(`${total} key(s) would break: tell their owners to add the new addresses to their whitelists before the move.`);
  return lines;
}
