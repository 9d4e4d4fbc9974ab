/** What a key can do, in the same lines and sentences wherever a check result is shown. */
import { formatDrift, ruleApplies, type ClockReading, type ExpiryRule, type KeyPermissions, type Tri, type WarningCode } from '../../exchanges/index.js';
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
export function checkLines(p: KeyPermissions, clock: ClockReading | undefined, proven = true, confirmedAt?: number, expiry?: ExpiryContext): string[] {
  return [
    proven
      ? '✅ **Authenticates** — the exchange accepted the key'
      : '❔ **Authenticates** — the wallet was found; its private key is not checked until it trades',
    `${TRI_MARK[p.read]} **Read** — ${READ_WORDS[p.read]}`,
    `${TRI_MARK[either(p.spotTrade, p.futuresTrade)]} **Trade** — ${tradeWords(p)}`,
    withdrawLine(p.withdraw, confirmedAt),
    ipLine(p),
    expiryLine(p, expiry),
    ...(p.tradingExpiresAt === undefined ? [] : [tradingLapseLine(p, p.tradingExpiresAt, expiry)]),
    clockLine(clock),
  ];
}

/** The exchange a key belongs to and its expiry rule, so the expiry line can say who does what, and why. */
export interface ExpiryContext {
  exchangeName: string;
  rule?: ExpiryRule;
}

/** What the exchange does to the key when its rule runs out, as a verb. */
const EFFECT_VERB: Readonly<Record<ExpiryRule['effect'], string>> = {
  invalidates: 'stops accepting',
  deletes: 'deletes',
  deactivates: 'deactivates',
  stops_trading: 'turns trading off on',
  expires: 'stops accepting',
};

/** "unless you bind an IP" where binding one avoids the rule. */
const unlessBound = (rule: ExpiryRule) => (rule.appliesTo === 'no_ip' ? ' unless you bind an IP' : '');

/** What Keyward can honestly say about its own checks keeping a key alive. */
export function checksAsUseWords(rule: ExpiryRule, exchangeName: string): string {
  if (rule.checksCountAsUse === 'yes') return `${exchangeName} counts Keyward's checks as use.`;
  if (rule.checksCountAsUse === 'no') return `${exchangeName} does not count Keyward's checks as use.`;
  return `Whether Keyward's own checks count as use is not known: ${exchangeName} does not say, so do not rely on them to keep the key alive.`;
}

/**
 * The expiry line: the exchange's date and, where a rule stands behind it, what the exchange will do
 * and how to avoid it ("Bybit stops accepting this key on … unless you bind an IP").
 */
export function expiryLine(p: KeyPermissions, expiry?: ExpiryContext): string {
  const known = expiry?.rule?.effect === 'stops_trading' ? undefined : expiry?.rule;
  const rule = known && ruleApplies(known, p) !== 'no' ? known : undefined;
  const name = safe(expiry?.exchangeName ?? 'The exchange', 80);
  if (p.expiresAt === undefined) {
    if (rule && rule.clock === 'last_use' && ruleApplies(rule, p) === 'unknown') {
      return `❔ **Expiry** — ${name} ${EFFECT_VERB[rule.effect]} keys not bound to an IP after ${plural(rule.days ?? 0, 'day')} without use; ${name} does not tell Keyward whether this one is bound. ${checksAsUseWords(rule, name)}`;
    }
    return '➖ **Expiry** — none reported';
  }
  if (!rule) return `📅 **Expiry** — ${dateWithRelative(p.expiresAt)}`;
  const base = `📅 **Expiry** — ${name} ${EFFECT_VERB[rule.effect]} this key on ${dateWithRelative(p.expiresAt)}`;
  if (!p.expiryEstimated) return `${base}${unlessBound(rule)}`;
  return `${base} if it goes unused until then${unlessBound(rule)} (counted from this check: ${plural(rule.days ?? 0, 'day')} without use). ${checksAsUseWords(rule, name)}`;
}

function tradingLapseLine(p: KeyPermissions, at: number, expiry?: ExpiryContext): string {
  const rule = expiry?.rule?.effect === 'stops_trading' && ruleApplies(expiry.rule, p) !== 'no' ? expiry.rule : undefined;
  if (!rule) return `📅 **Trading permission** — lapses ${dateWithRelative(at)}; the key itself stays valid`;
  return `📅 **Trading permission** — ${safe(expiry!.exchangeName, 80)} turns trading off on this key on ${dateWithRelative(at)}${unlessBound(rule)}; the key itself stays valid`;
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
  return Math.abs(clock.driftMs) > CLOCK_WARN_MS
    ? `⚠️ **Clock** — off by ${drift}`
    : `✅ **Clock** — this server and the exchange agree on the time (${apart} apart)`;
}

/** What a warning sentence may need to be concrete. */
export interface WarningContext {
  exchangeName: string;
  permissions: KeyPermissions;
  clock?: ClockReading;
  /** the exchange's expiry rule, whose advice says how to keep the key */
  expiryRule?: ExpiryRule;
  /** Keyward's public addresses the key's whitelist leaves out */
  missingIps?: readonly string[];
}

/** The rule's advice after a sentence, where the exchange has one. */
const avoidWords = (ctx: WarningContext) => (ctx.expiryRule ? ` ${safe(ctx.expiryRule.avoid, 300)}` : '');

/** One plain sentence per warning: what it means and what to do about it. A new code without wording does not compile. */
const WARNING_TEXT: Readonly<Record<WarningCode, (ctx: WarningContext, name: string) => string>> = {
  withdraw_enabled: (_, name) =>
    `🚨 **This key can withdraw funds**: turn withdrawals off for it on ${name} now, since anyone who obtains it could empty the account.`,
  no_ip_restriction: () =>
    "⚠️ The key is not bound to an IP address, so it works from anywhere: add Keyward's addresses (see /help topic:ip-whitelist) to the key's whitelist.",
  cannot_trade: () => '⚠️ This key is read-only: it cannot trade, so enable Trade on the exchange if your bot places orders.',
  expires_soon: (ctx, name) =>
    `⚠️ ${name} says this key expires ${ctx.permissions.expiresAt === undefined ? 'soon' : relativeStamp(ctx.permissions.expiresAt)}; create a new one before then and use /keys rotate.${avoidWords(ctx)}`,
  trading_expires: (ctx, name) =>
    `⚠️ ${name} turns trading off on this key ${ctx.permissions.tradingExpiresAt === undefined ? 'soon' : relativeStamp(ctx.permissions.tradingExpiresAt)}, though it can still read; bind the key to Keyward's IP on ${name} to keep trading on.`,
  expiry_rule: (ctx, name) => `⏳ ${withoutLabel(ruleLine(ctx, name))}.${avoidWords(ctx)}`,
  ip_whitelist_incomplete: (ctx) =>
    `⚠️ The key's IP whitelist leaves out ${ctx.missingIps && ctx.missingIps.length > 0 ? ctx.missingIps.map((ip) => `\`${safe(ip, 64)}\``).join(', ') : "some of Keyward's addresses"}: Keyward may call from ${ctx.missingIps && ctx.missingIps.length === 1 ? 'that address' : 'those addresses'}, and the exchange would refuse the key then. Add ${ctx.missingIps && ctx.missingIps.length === 1 ? 'it' : 'them'} to the whitelist (see /help topic:ip-whitelist).`,
  clock_drift: (ctx, name) =>
    `⚠️ This server's clock is ${ctx.clock ? `off by ${formatDrift(ctx.clock.driftMs)}` : 'out of sync'} against ${name}, which may refuse requests; ask the server operator to sync it (NTP).`,
  key_unproven: (_, name) =>
    `❔ On ${name} a wallet's balance is public, so this check proves the wallet address but not the private key: the first trade will show whether the key works.`,
  permissions_unknown: (_, name) =>
    `❔ ${name} does not report what this key may do, so Keyward could not confirm withdrawals are off; check the key's settings on ${name}.`,
};

/** The check line that carries the rule: the trading lapse (binance) or the key's expiry. */
function ruleLine(ctx: WarningContext, name: string): string {
  const p = ctx.permissions;
  const expiry = { exchangeName: name, rule: ctx.expiryRule };
  return ctx.expiryRule?.effect === 'stops_trading' && p.tradingExpiresAt !== undefined
    ? tradingLapseLine(p, p.tradingExpiresAt, expiry)
    : expiryLine(p, expiry);
}

/** "📅 **Expiry** — Bybit stops …" → "Bybit stops …". */
const withoutLabel = (line: string) => line.replace(/^\S+ \*\*[^*]+\*\* — /, '');

export function warningText(code: WarningCode, ctx: WarningContext): string {
  return WARNING_TEXT[code](ctx, safe(ctx.exchangeName, 80));
}

/** "read · spot trade · no withdraw · IP-bound": a key's powers in one short line. */
export function permissionSummary(p: KeyPermissions, withdrawConfirmedAt?: number): string {
  const read = p.read === 'yes' ? 'read' : p.read === 'no' ? 'no read' : 'read ?';
  const withdraw =
    p.withdraw === 'no'
      ? 'no withdraw'
      : p.withdraw === 'yes'
        ? '🚨 CAN WITHDRAW'
        : withdrawConfirmedAt === undefined
          ? '⚠️ withdrawal not reported'
          : `withdrawal: ${confirmedWords(withdrawConfirmedAt)}`;
  const ip = p.ipRestricted === 'yes' ? 'IP-bound' : p.ipRestricted === 'no' ? 'not IP-bound' : 'IP ?';
  return [read, tradeSummary(p), withdraw, ip].join(' · ');
}

function tradeSummary(p: KeyPermissions): string {
  const products = [p.spotTrade === 'yes' ? 'spot' : '', p.futuresTrade === 'yes' ? 'futures' : ''].filter(Boolean);
  if (products.length > 0) return `${products.join(' + ')} trade`;
  if (p.spotTrade === 'no') return p.futuresTrade === 'no' ? 'no trade' : 'no spot trade';
  return 'trade ?';
}
