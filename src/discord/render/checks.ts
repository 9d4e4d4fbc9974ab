/** What a key can do, in the same lines and sentences wherever a check result is shown. */
import { formatDrift, type ClockReading, type KeyPermissions, type Tri, type WarningCode } from '../../exchanges/index.js';
import { dateStamp, dateWithRelative, plural, relativeStamp, safe, TRI_MARK } from './format.js';

/** Drift beyond this is worth a warning: several exchanges refuse requests a second off. */
const CLOCK_WARN_MS = 1_000;

/** The best of two answers: can the key trade anything at all? */
function either(a: Tri, b: Tri): Tri {
  if (a === 'yes' || b === 'yes') return 'yes';
  return a === 'no' && b === 'no' ? 'no' : 'unknown';
}

/**
 * One line per check, from authentication to clock, so a trader can tick them off. `confirmedAt`:
 * when the owner confirmed withdrawals are off on a key whose exchange does not report it.
 */
export function checkLines(p: KeyPermissions, clock: ClockReading | undefined, proven = true, confirmedAt?: number): string[] {
  return [
    proven ? '✅ **Authenticates** — the exchange accepted the key' : '❔ **Authenticates** — the wallet was found; its private key is not checked until it trades',
    `${TRI_MARK[p.read]} **Read** — ${READ_WORDS[p.read]}`,
    `${TRI_MARK[either(p.spotTrade, p.futuresTrade)]} **Trade** — ${tradeWords(p)}`,
    withdrawLine(p.withdraw, confirmedAt),
    ipLine(p),
    p.expiresAt === undefined ? '➖ **Expiry** — none reported' : `📅 **Expiry** — ${dateWithRelative(p.expiresAt)}`,
    ...(p.tradingExpiresAt === undefined ? [] : [`📅 **Trading permission** — lapses ${dateWithRelative(p.tradingExpiresAt)}; the key itself stays valid`]),
    clockLine(clock),
  ];
}

const READ_WORDS: Readonly<Record<Tri, string>> = { yes: 'can see balances and orders', no: 'cannot see balances', unknown: 'the exchange does not say' };

/** "can trade spot, not futures" rather than "spot yes · futures no". */
function tradeWords(p: KeyPermissions): string {
  const can = [p.spotTrade === 'yes' ? 'spot' : '', p.futuresTrade === 'yes' ? 'futures' : ''].filter(Boolean);
  const cannot = [p.spotTrade === 'no' ? 'spot' : '', p.futuresTrade === 'no' ? 'futures' : ''].filter(Boolean);
  const unknown = [p.spotTrade === 'unknown' ? 'spot' : '', p.futuresTrade === 'unknown' ? 'futures' : ''].filter(Boolean);
  const parts = [
    can.length > 0 ? `can trade ${can.join(' and ')}` : '',
    cannot.length > 0 ? `${can.length > 0 ? 'not' : 'cannot trade'} ${cannot.join(' or ')}` : '',
    unknown.length > 0 ? `${unknown.join(' and ')} not reported` : '',
  ].filter(Boolean);
  return parts.join(', ');
}

function withdrawLine(withdraw: Tri, confirmedAt: number | undefined): string {
  if (withdraw === 'no') return '✅ **Withdrawal disabled**';
  if (withdraw === 'yes') return '🚨 **Withdrawal ENABLED** — this key can move funds out of the account';
  if (confirmedAt !== undefined) return `☑️ **Withdrawal** — ${confirmedWords(confirmedAt)}`;
  return '❔ **Withdrawal** — not reported; check on the exchange that it is off';
}

/** The marker of a key whose withdrawal permission only its owner vouches for. */
function confirmedWords(confirmedAt: number): string {
  return `not reported — you confirmed it was off on ${dateStamp(confirmedAt)}`;
}

function ipLine(p: KeyPermissions): string {
  if (p.ipRestricted === 'yes') {
    return `✅ **IP restriction** — ${p.ipCount === undefined ? 'bound to a whitelist' : `bound to ${plural(p.ipCount, 'IP')}`}`;
  }
  if (p.ipRestricted === 'no') return '⚠️ **IP restriction** — not restricted';
  return '❔ **IP restriction** — unknown';
}

function clockLine(clock: ClockReading | undefined): string {
  if (!clock) return '❔ **Clock** — not measured';
  const drift = formatDrift(clock.driftMs);
  const apart = `${Math.abs(Math.round(clock.driftMs)).toLocaleString('en-US')} ms`;
  return Math.abs(clock.driftMs) > CLOCK_WARN_MS ? `⚠️ **Clock** — off by ${drift}` : `✅ **Clock** — this server and the exchange agree on the time (${apart} apart)`;
}

/** What a warning sentence may need to be concrete. */
export interface WarningContext {
  exchangeName: string;
  permissions: KeyPermissions;
  clock?: ClockReading;
}

/** One plain sentence per warning: what it means and what to do about it. */
export function warningText(code: WarningCode, ctx: WarningContext): string {
  const name = safe(ctx.exchangeName, 80);
  switch (code) {
    case 'withdraw_enabled':
      return `🚨 **This key can withdraw funds**: turn withdrawals off for it on ${name} now, since anyone who obtains it could empty the account.`;
    case 'no_ip_restriction':
      return '⚠️ The key is not bound to an IP address, so it works from anywhere: ask the server operator for Keyward\'s IP and add it to the key\'s whitelist.';
    case 'cannot_trade':
      return '⚠️ This key is read-only: it cannot trade, so enable Trade on the exchange if your bot places orders.';
    case 'expires_soon':
      return `⚠️ ${name} says this key expires ${ctx.permissions.expiresAt === undefined ? 'soon' : relativeStamp(ctx.permissions.expiresAt)}; create a new one before then and use /keys rotate.`;
    case 'trading_expires':
      return `⚠️ ${name} turns trading off on this key ${ctx.permissions.tradingExpiresAt === undefined ? 'soon' : relativeStamp(ctx.permissions.tradingExpiresAt)}, though it can still read; bind the key to Keyward's IP on ${name} to keep trading on.`;
    case 'clock_drift':
      return `⚠️ This server's clock is ${ctx.clock ? `off by ${formatDrift(ctx.clock.driftMs)}` : 'out of sync'} against ${name}, which may refuse requests; ask the server operator to sync it (NTP).`;
    case 'key_unproven':
      return `❔ On ${name} a wallet's balance is public, so this check proves the wallet address but not the private key: the first trade will show whether the key works.`;
    case 'permissions_unknown':
      return `❔ ${name} does not report what this key may do, so Keyward could not confirm withdrawals are off; check the key's settings on ${name}.`;
  }
}

/** "read · spot trade · no withdraw · IP-bound": a key's powers in one short line. */
export function permissionSummary(p: KeyPermissions, withdrawConfirmedAt?: number): string {
  const read = p.read === 'yes' ? 'read' : p.read === 'no' ? 'no read' : 'read ?';
  const withdraw = p.withdraw === 'no' ? 'no withdraw' : p.withdraw === 'yes' ? '🚨 CAN WITHDRAW'
    : withdrawConfirmedAt === undefined ? '⚠️ withdrawal not reported' : `withdrawal: ${confirmedWords(withdrawConfirmedAt)}`;
  const ip = p.ipRestricted === 'yes' ? 'IP-bound' : p.ipRestricted === 'no' ? 'not IP-bound' : 'IP ?';
  return [read, tradeSummary(p), withdraw, ip].join(' · ');
}

function tradeSummary(p: KeyPermissions): string {
  const products = [p.spotTrade === 'yes' ? 'spot' : '', p.futuresTrade === 'yes' ? 'futures' : ''].filter(Boolean);
  if (products.length > 0) return `${products.join(' + ')} trade`;
  if (p.spotTrade === 'no') return p.futuresTrade === 'no' ? 'no trade' : 'no spot trade';
  return 'trade ?';
}
