/** /keys audit: what happened to a user's keys, newest first, built only from the event's own fields. */
import { EmbedBuilder } from 'discord.js';
import type { AuditEvent } from '../../store/index.js';
import { COLOURS, hintText, plural, relativeStamp, safe } from './format.js';
import { fitLines, LIMITS } from './paging.js';
import { ACTION_WORDS, nameOf, verdictWords } from './words.js';

function eventLine(e: AuditEvent, exchangeNames: (id: string) => string): string {
  const mark = e.outcome === undefined ? '•' : e.outcome === 'ok' ? '✅' : '❌';
  const parts = [`${mark} ${relativeStamp(e.at)}`, ACTION_WORDS[e.action] ?? safe(e.action, 40)];
  if (e.exchange) {
    const where = [safe(nameOf(exchangeNames, e.exchange), 80), e.account ? safe(e.account, 64) : ''].filter(Boolean).join(' · ');
    parts.push(e.keyHint ? `${where} ${hintText(e.keyHint)}` : where);
  } else if (e.keyHint) parts.push(hintText(e.keyHint));
  if (e.outcome !== undefined && e.outcome !== 'ok') parts.push(verdictWords(e.outcome));
  return parts.join(' · ');
}

/** Recent events, newest first, with relative times; older ones that do not fit are counted, not cut mid-line. */
export function renderAudit(events: AuditEvent[], exchangeNames: (id: string) => string): EmbedBuilder[] {
  const lines = [...events].sort((a, b) => b.at - a.at).map((e) => eventLine(e, exchangeNames));
  const description = lines.length === 0 ? 'Nothing recorded yet.' : fitLines(lines, LIMITS.description, (hidden) => `…and ${plural(hidden, 'older event')}`);
  return [
    new EmbedBuilder()
      .setColor(COLOURS.neutral)
      .setTitle('Recent activity')
      .setDescription(description)
      .setFooter({ text: 'Keyward records what happened and when, never a secret.' }),
  ];
}
