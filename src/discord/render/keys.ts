/** /keys: the list of stored keys, the result of a re-check, and the confirmations of removing and forgetting. */
import { EmbedBuilder } from 'discord.js';
import { expiryRuleOf, type KeyPermissions, type ValidationResult } from '../../exchanges/index.js';
import type { KeyView } from '../../keys/key-service.js';
import type { CredentialRecord } from '../../store/index.js';
import { checkLines, expiryLine, permissionSummary, warningText } from './checks.js';
import { accountLabel, bullets, COLOURS, dateStamp, dateWithRelative, hintText, plural, relativeStamp, safe, triWord, truncate } from './format.js';
import { clampPage, field, FOOTER_ROOM, LIMITS, packFields, pageLabel, type Field, type Page } from './paging.js';
import { nameOf, STATUS, verdictWords, warningWords } from './words.js';

/** Re-exported so /keys finds every renderer it needs in one module. */
export { renderAudit } from './audit.js';

/** Keys per page: a page stays scannable, and 25 fields is Discord's ceiling anyway. */
const KEYS_PER_PAGE = 10;
const TITLE = 'Your keys';

function keyField(view: KeyView, now: number, exchangeName: string): Field {
  const r = view.record;
  const status = STATUS[r.status];
  const why = r.status === 'failing' && r.verdict ? ` — ${verdictWords(r.verdict)}` : '';
  const checked = r.lastCheckedAt === undefined ? 'never checked' : `checked ${relativeStamp(r.lastCheckedAt)}`;
  const lines = [`${status.words}${why} · ${checked}`, permissionSummary(r.permissions, r.withdrawConfirmedAt)];
  if (r.selfGenerated) lines.push(selfGeneratedWords(r.selfGenerated.keyType, r.keyHint));
  if (view.due) {
    const expiry = view.due.reason === 'expiry' ? " (the exchange's expiry)" : '';
    lines.push(view.due.at <= now ? `⏰ **Rotation overdue** since ${dateStamp(view.due.at)}${expiry}` : `Rotate by ${dateWithRelative(view.due.at)}${expiry}`);
  } else lines.push('Rotation reminders off');
  const expires = r.permissions.expiresAt;
  const rule = expiryRuleOf(r.exchange);
  if (expires !== undefined && expires <= now) lines.push(`❌ Expired ${dateStamp(expires)}`);
  else if (expires !== undefined && rule) lines.push(expiryLine(r.permissions, { exchangeName, rule }).replace(/^📅 \*\*Expiry\*\* — /, ''));
  else if (expires !== undefined) lines.push(`Expires ${dateWithRelative(expires)}`);
  const tradingLapse = r.permissions.tradingExpiresAt;
  if (tradingLapse !== undefined)
    lines.push(tradingLapse <= now ? `⚠️ Trading lapsed ${dateStamp(tradingLapse)} (still reads)` : `Trading lapses ${dateWithRelative(tradingLapse)}`);
  return field(`${status.mark} ${accountLabel(exchangeName, r.account, r.keyHint)}`, lines.join('\n'));
}

/** "self-generated Ed25519 key …abcd": the private half was created and sealed by Keyward, never shown. */
export function selfGeneratedWords(keyType: 'ed25519' | 'rsa', keyHint: string): string {
  return `🔐 self-generated ${keyType === 'ed25519' ? 'Ed25519' : 'RSA'} key ${hintText(keyHint)} — its private key never left Keyward`;
}

function summary(keys: readonly KeyView[], now: number): string {
  if (keys.length === 0) return 'No keys connected yet. Start with /connect.';
  const lines = [`${plural(keys.length, 'key')} connected. Check one with /keys test, replace one with /keys rotate.`];
  const failing = keys.filter((k) => k.record.status === 'failing').length;
  const overdue = keys.filter((k) => k.due !== undefined && k.due.at <= now).length;
  if (failing > 0) lines.push(`❌ ${plural(failing, 'key')} failing.`);
  if (overdue > 0) lines.push(`⏰ ${plural(overdue, 'key')} overdue for rotation.`);
  return lines.join('\n');
}

/**
 * One page (0-based, clamped) of the user's keys: status, last check, what each may do, when it is
 * due for rotation ("overdue" once past) and when the exchange says it expires.
 */
export function renderKeyList(keys: KeyView[], now: number, page: number, exchangeNames: (id: string) => string): Page {
  const description = summary(keys, now);
  const pages = packFields(
    keys.map((k) => keyField(k, now, nameOf(exchangeNames, k.record.exchange))),
    LIMITS.total - TITLE.length - description.length - FOOTER_ROOM,
    KEYS_PER_PAGE,
  );
  const current = clampPage(page, pages.length);
  const label = pageLabel(current, pages.length);
  const worst = keys.some((k) => k.record.status === 'failing')
    ? COLOURS.failure
    : keys.some((k) => k.record.status === 'warning')
      ? COLOURS.warning
      : COLOURS.neutral;
  const embed = new EmbedBuilder().setColor(worst).setTitle(TITLE).setDescription(description);
  if (label) embed.setFooter({ text: label });
  const fields = pages[current] ?? [];
  if (fields.length > 0) embed.addFields(fields);
  return { embeds: [embed], page: current, pageCount: pages.length };
}

const PERMISSION_NAMES: ReadonlyArray<
  [Exclude<keyof KeyPermissions, 'ipCount' | 'expiresAt' | 'tradingExpiresAt' | 'createdAt' | 'expiryEstimated' | 'ipWhitelist'>, string]
> = [
  ['read', 'Read'],
  ['spotTrade', 'Spot trade'],
  ['futuresTrade', 'Futures trade'],
  ['withdraw', 'Withdraw'],
  ['transfer', 'Transfer'],
  ['ipRestricted', 'IP restriction'],
];

/** Every difference between two records that a trader would care about, one line each. */
function changes(before: CredentialRecord, after: CredentialRecord): string[] {
  const out: string[] = [];
  if (before.status !== after.status) out.push(`Status: ${STATUS[before.status].words} → ${STATUS[after.status].words}`);
  for (const [key, name] of PERMISSION_NAMES) {
    const [was, now] = [before.permissions[key], after.permissions[key]];
    if (was !== now) out.push(`${key === 'withdraw' && now === 'yes' ? '🚨 ' : ''}${name}: ${triWord(was)} → ${triWord(now)}`);
  }
  if (before.permissions.ipCount !== after.permissions.ipCount)
    out.push(`Bound IPs: ${before.permissions.ipCount ?? '?'} → ${after.permissions.ipCount ?? '?'}`);
  const [was, now] = [before.permissions.expiresAt, after.permissions.expiresAt];
  if (was !== now) out.push(`Expiry: ${was === undefined ? 'none' : dateStamp(was)} → ${now === undefined ? 'none' : dateStamp(now)}`);
  for (const w of after.warnings.filter((w) => !before.warnings.includes(w))) out.push(`New warning: ${warningWords(w)}`);
  for (const w of before.warnings.filter((w) => !after.warnings.includes(w))) out.push(`Resolved: ${warningWords(w)}`);
  return out;
}

/** A re-check's result, led by what changed since the previous check. */
export function renderKeyTested(input: {
  exchangeName: string;
  account: string;
  before: CredentialRecord;
  after: CredentialRecord;
  result: ValidationResult;
}): EmbedBuilder[] {
  const { exchangeName, before, after, result } = input;
  const status = STATUS[after.status];
  const body = result.ok
    ? [
        'The key works.',
        ...result.warnings.map((code) =>
          warningText(code, {
            exchangeName,
            permissions: result.permissions,
            clock: result.clock,
            expiryRule: expiryRuleOf(after.exchange),
            missingIps: result.missingIps,
          }),
        ),
      ]
    : [
        `**${safe(result.verdict?.title ?? 'The check failed.', 300)}**`,
        bullets((result.verdict?.advice ?? []).slice(0, 3).map((a) => safe(a, 300))),
        'The stored key was kept; nothing else changed.',
      ];
  const since = before.lastCheckedAt === undefined ? 'First check of this key' : `Since the last check (${relativeStamp(before.lastCheckedAt)})`;
  const diff = changes(before, after);
  const fields = [field('What changed', `${since}:\n${diff.length > 0 ? diff.join('\n') : 'nothing changed.'}`)];
  if (result.ok)
    fields.push(
      field(
        'Checks',
        checkLines(result.permissions, result.clock, !result.warnings.includes('key_unproven'), after.withdrawConfirmedAt, {
          exchangeName,
          rule: expiryRuleOf(after.exchange),
        }).join('\n'),
      ),
    );
  const embed = new EmbedBuilder()
    .setColor(status.colour)
    .setTitle(truncate(`${status.mark} ${accountLabel(exchangeName, input.account, after.keyHint)} — ${status.words}`, LIMITS.title))
    .setDescription(truncate(body.filter(Boolean).join('\n\n'), LIMITS.description))
    .addFields(fields)
    .setTimestamp(result.checkedAt);
  return [embed];
}

/** The page that lists keys, from the path that creates them ("… → API Management → Create API"). */
function managementPath(createKeyPath: string): string {
  const steps = createKeyPath.split(' → ');
  return steps.length > 1 && /^(create|generate)/i.test(steps[steps.length - 1] ?? '') ? steps.slice(0, -1).join(' → ') : createKeyPath;
}

/** Confirms a removal and reminds the user that the key still works on the exchange until deleted there. */
export function renderRemoved(input: { exchangeName: string; account: string; keyHint: string; createKeyPath?: string }): EmbedBuilder[] {
  const name = safe(input.exchangeName, 80);
  const hint = hintText(input.keyHint);
  const where = input.createKeyPath ? `On ${name}, open ${safe(managementPath(input.createKeyPath), 300)}` : `On ${name}, open the API management page`;
  const embed = new EmbedBuilder()
    .setColor(COLOURS.neutral)
    .setTitle(truncate(`${accountLabel(input.exchangeName, input.account)} removed`, LIMITS.title))
    .setDescription(
      [
        `Keyward deleted its encrypted copy of key ${hint}.`,
        `**The key still works on ${name}** until you delete it there. ${where}, find the key ending in ${hint} and delete it.`,
      ].join('\n\n'),
    );
  return [embed];
}

/** Confirms /keys forget, and that the keys themselves live on at the exchanges. */
export function renderForgotten(count: number): EmbedBuilder[] {
  const what = count > 0 ? `${plural(count, 'stored key')}, your settings and your history` : 'your settings and your history (you had no keys stored)';
  const lines = [`Keyward destroyed your encryption key and deleted ${what}. Nothing can bring them back.`];
  if (count > 0) lines.push('**The keys still work on the exchanges.** Delete them there too if nothing else uses them.');
  return [new EmbedBuilder().setColor(COLOURS.neutral).setTitle('Everything Keyward held about you is gone').setDescription(lines.join('\n\n'))];
}
