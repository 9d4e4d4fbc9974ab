/** The DMs Keyward sends on its own: rotation reminders and health alerts, one message per user per run. */
import { EmbedBuilder } from 'discord.js';
import { expiryRuleOf, ruleApplies } from '../../exchanges/index.js';
import type { HealthAlert, HealthChange, ReminderItem } from '../../reminders/ports.js';
import { accountLabel, COLOURS, dateStamp, dateWithRelative, plural, safe } from './format.js';
import { field, FOOTER_ROOM, LIMITS, packFields, type Field } from './paging.js';
import { nameOf, verdictWords } from './words.js';

/** Room for the closing "…and N more keys" field. */
const MORE_ROOM = 80;

/** Fields that fit one DM, the rest counted in a last field that points to /keys list. */
function oneMessage(fields: Field[], reserved: number): Field[] {
  const [first = []] = packFields(fields, LIMITS.total - reserved - MORE_ROOM, LIMITS.fields - 1);
  const hidden = fields.length - first.length;
  return hidden > 0 ? [...first, field('…and more', `${plural(hidden, 'more key')}: see /keys list.`)] : first;
}

/**
 * One DM about every key that reached a reminder stage: when each is due (or how long overdue), and
 * why when the date is the exchange's expiry. The Rotate and Snooze buttons come with it.
 */
export function renderReminderDigest(items: ReminderItem[], exchangeNames: (id: string) => string, now: number): EmbedBuilder[] {
  const title = items.length === 1 ? 'Time to rotate a key' : `Time to rotate ${plural(items.length, 'key')}`;
  const description = 'Rotating takes a minute: create a new key on the exchange, press **Rotate** (or use /keys rotate), then delete the old key there.';
  const footer = 'Snooze pauses the reminders for a key. /keys remind changes how often they come.';
  const fields = items.map((item) => {
    const name = nameOf(exchangeNames, item.exchange);
    const overdue = item.due.at <= now;
    const when = overdue ? `⏰ **Overdue** since ${dateStamp(item.due.at)}` : `Due ${dateWithRelative(item.due.at)}`;
    const known = expiryRuleOf(item.exchange);
    const rule = known && item.permissions && ruleApplies(known, item.permissions) === 'yes' ? known : undefined;
    const what =
      rule?.effect === 'stops_trading'
        ? `trading on the key ${overdue ? 'lapsed' : 'lapses'} then${overdue ? '' : ', though it still reads'}`
        : `the key ${overdue ? 'expired' : 'expires'} then${overdue ? '' : ', and stops working after that'}`;
    const why = item.due.reason !== 'expiry' ? '' : `\n${safe(name, 80)} says ${what}.${rule && !overdue ? ` ${safe(rule.avoid, 300)}` : ''}`;
    return field(accountLabel(name, item.account, item.keyHint), `${when}${why}`);
  });
  return [
    new EmbedBuilder()
      .setColor(items.some((i) => i.due.at <= now) ? COLOURS.failure : COLOURS.warning)
      .setTitle(title)
      .setDescription(description)
      .addFields(oneMessage(fields, title.length + description.length + FOOTER_ROOM))
      .setFooter({ text: footer }),
  ];
}

const ALERTS: Readonly<Record<HealthChange, { mark: string; text: string }>> = {
  stopped_working: { mark: '❌', text: 'Stopped working' },
  withdraw_enabled: { mark: '🚨', text: 'This key can now withdraw funds. Turn withdrawals off on the exchange right away, or delete the key there.' },
  ip_unrestricted: { mark: '⚠️', text: "This key is no longer bound to an IP address. Add the server's IP back to its whitelist." },
  working_again: { mark: '✅', text: 'Works again.' },
};

/** One DM about keys whose health changed at the last background check, worst news first. */
export function renderHealthAlerts(alerts: HealthAlert[], exchangeNames: (id: string) => string): EmbedBuilder[] {
  const order: HealthChange[] = ['withdraw_enabled', 'stopped_working', 'ip_unrestricted', 'working_again'];
  const sorted = [...alerts].sort((a, b) => order.indexOf(a.change) - order.indexOf(b.change));
  const fields = sorted.map((a) => {
    const { mark, text } = ALERTS[a.change];
    const why = a.reason ? safe(a.reason, 300) : a.verdict ? `${verdictWords(a.verdict)}.` : '';
    const value =
      a.change === 'stopped_working'
        ? `${why ? `${text}: ${why}` : `${text}.`}\nFix it on the exchange and run /keys test, or replace it with /keys rotate.`
        : text;
    return field(`${mark} ${accountLabel(nameOf(exchangeNames, a.exchange), a.account, a.keyHint)}`, value);
  });
  const bad = alerts.some((a) => a.change === 'stopped_working' || a.change === 'withdraw_enabled');
  const title = 'Keyward re-checked your keys';
  const description = 'Something changed since the previous check:';
  return [
    new EmbedBuilder()
      .setColor(bad ? COLOURS.failure : alerts.some((a) => a.change === 'ip_unrestricted') ? COLOURS.warning : COLOURS.ok)
      .setTitle(title)
      .setDescription(description)
      .addFields(oneMessage(fields, title.length + description.length)),
  ];
}
