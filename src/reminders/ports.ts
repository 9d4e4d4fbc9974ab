import type { KeyPermissions, VerdictKind } from '../exchanges/index.js';
import type { RotationDue } from './policy.js';

/** One key in a reminder DM. */
export interface ReminderItem {
  exchange: string;
  account: string;
  /** the server the key was connected in, so its DM buttons check membership there first */
  guildId?: string;
  keyHint: string;
  /** the stage being announced: d14, d7, d1, due, late1, late2… */
  stage: string;
  due: RotationDue;
  /** what the key's last check found, so the DM can tell whether the exchange's expiry rule touches it */
  permissions?: KeyPermissions;
}

/** What changed about a key since its last health check. */
export type HealthChange = 'stopped_working' | 'withdraw_enabled' | 'ip_unrestricted' | 'working_again';

export interface HealthAlert {
  exchange: string;
  account: string;
  guildId?: string;
  keyHint: string;
  change: HealthChange;
  verdict?: VerdictKind;
  /** the verdict's own title, safe to show */
  reason?: string;
}

/** How a DM attempt ended. "closed" means Discord refused it for good (50007/50278): never retried. */
export type DmResult = 'sent' | 'closed';

/** Where a user stands with the allowed servers: a member (with the role, if one is required), without the role, or gone. */
export type Standing = 'member' | 'no_role' | 'gone';

/** Membership checks (the Discord layer implements them through its REST API). */
export interface MembershipPort {
  /** Throws when Discord could not be asked. */
  standing(userId: string, guildHints?: ReadonlyArray<string | undefined>): Promise<Standing>;
}

/** A message posted in a channel, found again by these ids. */
export interface PostedNotice {
  channelId: string;
  messageId: string;
}

/** Sending DMs (the Discord layer implements it; reminders never import discord.js). */
export interface DmPort {
  sendReminders(userId: string, items: ReminderItem[]): Promise<DmResult>;
  sendHealthAlerts(userId: string, alerts: HealthAlert[]): Promise<DmResult>;
  /** A mention-only notice, with no details, in the operator's private channel (when configured); where it was posted. */
  notifyClosedDms?(userId: string): Promise<PostedNotice | undefined>;
  /** Deletes notices posted earlier (when the user they name is forgotten). */
  deleteNotices?(notices: PostedNotice[]): Promise<void>;
}
