import { ActionRowBuilder, ButtonBuilder, ButtonStyle, DiscordAPIError, RESTJSONErrorCodes, Routes, type REST } from 'discord.js';
import type { Clock } from '../clock.js';
import type { Logger } from '../log.js';
import type { DmPort, DmResult, HealthAlert, PostedNotice, ReminderItem } from '../reminders/ports.js';
import type { CatalogPort } from './context.js';
import { isClosedDmError } from './errors.js';
import { REMINDER_TTL_MS, type Links } from './links.js';
import { renderHealthAlerts, renderReminderDigest } from './render/reminders.js';
import { NO_MENTIONS } from './replies.js';

const MAX_KEY_ROWS = 5;

/**
 * Reminder and alert DMs, sent through Discord's REST API only (no gateway session needed, so any
 * bot process can send them). A closed DM is reported, never retried: Discord counts refused
 * requests towards a temporary ban.
 */
export class DiscordDms implements DmPort {
  constructor(
    private readonly rest: REST,
    private readonly links: Links,
    private readonly catalog: CatalogPort,
    private readonly log: Logger,
    private readonly clock: Clock,
    private readonly noticeChannelId?: string,
  ) {}

  async sendReminders(userId: string, items: ReminderItem[]): Promise<DmResult> {
    const embeds = renderReminderDigest(items, (id) => this.catalog.entry(id).name, this.clock.now());
    return this.send(userId, { embeds: embeds.map((e) => e.toJSON()), components: await this.keyButtons(userId, items, true) });
  }

  async sendHealthAlerts(userId: string, alerts: HealthAlert[]): Promise<DmResult> {
    const embeds = renderHealthAlerts(alerts, (id) => this.catalog.entry(id).name);
    const broken = alerts.filter((a) => a.change !== 'working_again');
    return this.send(userId, { embeds: embeds.map((e) => e.toJSON()), components: await this.keyButtons(userId, broken, false) });
  }

  async notifyClosedDms(userId: string): Promise<PostedNotice | undefined> {
    if (!this.noticeChannelId) return undefined;
    try {
      const posted = (await this.rest.post(Routes.channelMessages(this.noticeChannelId), {
        body: { content: `<@${userId}> Keyward has a notice for you: run any Keyward command to see it.`, allowed_mentions: { parse: [], users: [userId] } },
      })) as { id?: unknown };
      return typeof posted.id === 'string' ? { channelId: this.noticeChannelId, messageId: posted.id } : undefined;
    } catch (err) {
      this.log.warn({ err }, 'could not post the closed-DM notice');
      return undefined;
    }
  }

  async deleteNotices(notices: PostedNotice[]): Promise<void> {
    for (const n of notices) {
      await this.rest.delete(Routes.channelMessage(n.channelId, n.messageId)).catch((err: unknown) => {
        // already deleted by a moderator (10008 Unknown Message) is fine; anything else is worth a line
        if (!(err instanceof DiscordAPIError && err.code === RESTJSONErrorCodes.UnknownMessage)) this.log.warn({ err }, 'could not delete a notice');
      });
    }
  }

  private async send(userId: string, body: { embeds: unknown[]; components: unknown[] }): Promise<DmResult> {
    try {
      const channel = (await this.rest.post(Routes.userChannels(), { body: { recipient_id: userId } })) as { id: string };
      await this.rest.post(Routes.channelMessages(channel.id), { body: { ...body, allowed_mentions: NO_MENTIONS } });
      return 'sent';
    } catch (err) {
      if (isClosedDmError(err)) return 'closed';
      throw err;
    }
  }

  /** Rotate now (opens the rotate form right from the DM) and, for reminders, Snooze 7 days: one row per key. */
  private async keyButtons(userId: string, keys: Array<{ exchange: string; account: string; guildId?: string }>, snooze: boolean): Promise<unknown[]> {
    const rows: unknown[] = [];
    for (const k of keys.slice(0, MAX_KEY_ROWS)) {
      const name = `${this.catalog.entry(k.exchange).name} · ${k.account}`.slice(0, 60);
      const link = (action: string) =>
        this.links.create(
          { userId, command: 'keys', action, target: { exchange: k.exchange, account: k.account }, dm: true, reusable: true, guildId: k.guildId },
          REMINDER_TTL_MS,
        );
      const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
        new ButtonBuilder()
          .setCustomId(await link('rotate'))
          .setLabel(`Rotate ${name}`)
          .setStyle(ButtonStyle.Primary),
      );
      if (snooze)
        row.addComponents(
          new ButtonBuilder()
            .setCustomId(await link('snooze'))
            .setLabel('Snooze 7 days')
            .setStyle(ButtonStyle.Secondary),
        );
      rows.push(row.toJSON());
    }
    return rows;
  }
}
