/** What a user sees while a key is checked, and after: saved with its checks, or refused with advice. */
import { EmbedBuilder } from 'discord.js';
import { expiryRuleOf, formatDrift, type ValidationResult, type ValidationStep, type Verdict } from '../../exchanges/index.js';
import type { Saved } from '../../keys/key-service.js';
import { balanceText } from './assets.js';
import { checkLines, warningText } from './checks.js';
import { accountLabel, bullets, COLOURS, dateWithRelative, hintText, plural, relativeStamp, safe, truncate } from './format.js';
import { field, LIMITS, type Field } from './paging.js';

const STEPS: Readonly<Record<ValidationStep, { n: number; text: (exchange: string) => string }>> = {
  clock: { n: 1, text: () => 'Checking the clock…' },
  key: { n: 2, text: (exchange) => `Checking the key with ${exchange}…` },
  permissions: { n: 3, text: () => 'Reading its permissions…' },
};

/** A progress line for the deferred reply, so a check that takes seconds does not look stuck. */
export function progressText(step: ValidationStep, exchangeName: string): string {
  const { n, text } = STEPS[step];
  return `⏳ ${n}/3 · ${text(safe(exchangeName, 80))}`;
}

/** The verb of each save, as the title says it. */
const DONE: Readonly<Record<'connect' | 'replace' | 'rotate', string>> = { connect: 'connected', replace: 'replaced', rotate: 'rotated' };

/** Assets in the connect preview: enough to recognise the account, short enough to read at once. */
const PREVIEW_ASSETS = 5;

/** Everything a stored key proved, with its warnings first, on one embed. */
export function renderSaved(input: {
  exchangeName: string;
  account: string;
  action: 'connect' | 'replace' | 'rotate';
  outcome: Saved;
  previousHint?: string;
}): EmbedBuilder[] {
  const { exchangeName, action, outcome } = input;
  const { result, record } = outcome;
  const expiryRule = expiryRuleOf(record.exchange);
  const warnings = result.warnings.map((code) =>
    warningText(code, { exchangeName, permissions: result.permissions, clock: result.clock, expiryRule, missingIps: result.missingIps }),
  );
  // stored without the owner's word (UNVERIFIED_WITHDRAW=allow): say so even when nothing else is unknown
  if (result.permissions.withdraw === 'unknown' && record.withdrawConfirmedAt === undefined && !result.warnings.includes('permissions_unknown')) {
    warnings.push(
      `⚠️ ${safe(exchangeName, 80)} does not report whether this key can withdraw, and nobody confirmed it cannot: check on ${safe(exchangeName, 80)} that withdrawals are off.`,
    );
  }
  const canWithdraw = result.permissions.withdraw === 'yes' || result.warnings.includes('withdraw_enabled');
  const colour = canWithdraw ? COLOURS.failure : warnings.length > 0 ? COLOURS.warning : COLOURS.ok;
  const intro = record.selfGenerated
    ? `Self-generated ${record.selfGenerated.keyType === 'ed25519' ? 'Ed25519' : 'RSA'} key ${hintText(record.keyHint)} passed its checks and is stored encrypted. Its private key was created and sealed by Keyward and was never shown to anyone.`
    : `Key ${hintText(record.keyHint)} passed its checks and is stored encrypted.`;
  const embed = new EmbedBuilder()
    .setColor(colour)
    .setTitle(truncate(`${accountLabel(exchangeName, input.account)} ${DONE[action]}`, LIMITS.title))
    .setDescription(truncate([intro, ...warnings].join('\n\n'), LIMITS.description))
    .addFields(
      field(
        'Checks',
        checkLines(result.permissions, result.clock, !result.warnings.includes('key_unproven'), record.withdrawConfirmedAt, {
          exchangeName,
          rule: expiryRule,
        }).join('\n'),
      ),
      field('Rotation', rotationText(outcome.due, exchangeName)),
      field('Balance', outcome.preview ? balanceText(outcome.preview, PREVIEW_ASSETS, LIMITS.fieldValue) : 'Balance preview unavailable — try /balance.'),
      field('Next steps', bullets(nextSteps(action, exchangeName, input.previousHint ?? outcome.previousHint))),
    )
    .setTimestamp(result.checkedAt);
  return [embed];
}

function rotationText(due: Saved['due'], exchangeName: string): string {
  if (!due) return 'No reminder set: rotation reminders are off. Turn them on with /keys remind.';
  const why = due.reason === 'expiry' ? `, because ${safe(exchangeName, 80)} says the key expires then` : '';
  return `Due ${dateWithRelative(due.at)}${why}. Keyward reminds you by DM.`;
}

function nextSteps(action: 'connect' | 'replace' | 'rotate', exchangeName: string, previousHint: string | undefined): string[] {
  const name = safe(exchangeName, 80);
  const old = previousHint ? `the old key (${hintText(previousHint)})` : 'the old key';
  const steps = ['See every account at once with /balance.', 'Check this key again any time with /keys test.'];
  if (action === 'rotate') return [`**Delete ${old} on ${name} now**: it keeps working until you do.`, ...steps];
  if (action === 'replace') return [`If nothing else uses ${old}, delete it on ${name}.`, ...steps];
  return steps;
}

/** Advice shown for a refusal: the first few items, the ones most likely to help. */
const MAX_ADVICE = 5;

/** Why a key was refused and what to try, with the reassurance that nothing changed. */
export function renderRefused(input: { exchangeName: string; account: string; verdict: Pick<Verdict, 'title' | 'advice'> & Partial<Verdict> }): EmbedBuilder[] {
  const { verdict } = input;
  const advice = verdict.advice.slice(0, MAX_ADVICE).map((a) => safe(a, 300));
  const lines = [`**${accountLabel(input.exchangeName, input.account)}**`, advice.length > 0 ? bullets(advice) : '', '**Nothing was saved or changed.**'];
  const embed = new EmbedBuilder()
    .setColor(COLOURS.failure)
    .setTitle(safe(verdict.title, LIMITS.title) || 'The key was refused.')
    .setDescription(truncate(lines.filter(Boolean).join('\n\n'), LIMITS.description));
  const extra: Field[] = [];
  // the raw code helps support, not the trader: it goes in the small print
  if (verdict.exchangeCode) embed.setFooter({ text: `Details for support: the exchange answered with code ${safe(verdict.exchangeCode, 64)}.` });
  if (verdict.kind === 'rate_limited') extra.push(field('Wait', `About ${plural(verdict.retryAfterSec ?? 60, 'second')} before trying again.`));
  if (verdict.kind === 'clock_skew' && verdict.driftMs !== undefined) extra.push(field('Clock difference', formatDrift(verdict.driftMs)));
  if (extra.length > 0) embed.addFields(extra);
  return [embed];
}

/** The refusal of a key whose exchange does not report whether it can withdraw (UNVERIFIED_WITHDRAW=refuse). */
export function unreportedWithdrawRefusal(exchangeName: string): Pick<Verdict, 'title' | 'advice'> {
  const name = safe(exchangeName, 80);
  return {
    title: `${name} does not report whether this key can withdraw, so Keyward refused it.`,
    advice: [
      'This server only stores keys whose exchange confirms withdrawals are off.',
      `Use an exchange that reports a key's permissions, or ask the server operator about UNVERIFIED_WITHDRAW.`,
      `If you keep this key, make sure withdrawals are off for it on ${name}.`,
    ],
  };
}

/**
 * The question asked before storing a key whose exchange does not report whether it can withdraw:
 * what passed, that nothing is stored yet, and that the buttons below decide.
 */
export function renderWithdrawQuestion(input: {
  exchangeName: string;
  account: string;
  keyHint: string;
  result: ValidationResult;
  walletBased: boolean;
  expiresAt: number;
}): EmbedBuilder[] {
  const name = safe(input.exchangeName, 80);
  const { result } = input;
  const ask = input.walletBased
    ? `Press **Withdrawals are off — store it** only if this is an API (agent) wallet that cannot withdraw, never your main wallet.`
    : `Press **Withdrawals are off — store it** only if you created this key on ${name} with withdrawals turned off.`;
  const embed = new EmbedBuilder()
    .setColor(COLOURS.warning)
    .setTitle(truncate(`${accountLabel(input.exchangeName, input.account)}: are withdrawals off?`, LIMITS.title))
    .setDescription(
      truncate(
        [
          `Key ${hintText(input.keyHint)} passed its checks, but **${name} does not report whether this key can withdraw**, so Keyward cannot check it.`,
          ask,
          `**Nothing is stored yet.** This question expires ${relativeStamp(input.expiresAt)}; Cancel stores nothing.`,
        ].join('\n\n'),
        LIMITS.description,
      ),
    )
    .addFields(field('Checks', checkLines(result.permissions, result.clock, !result.warnings.includes('key_unproven')).join('\n')))
    .setTimestamp(result.checkedAt);
  return [embed];
}

/** The answer to a declined confirmation: the key is gone and nothing changed. */
export function declinedText(exchangeName: string, account: string, keyHint: string): string {
  return `Cancelled: key ${hintText(keyHint)} was not stored for ${accountLabel(exchangeName, account)}. Nothing was saved or changed.`;
}
