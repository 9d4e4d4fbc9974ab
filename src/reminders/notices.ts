import type { Store } from '../store/index.js';
import type { PostedNotice } from './ports.js';

/**
 * Users whose DMs are closed miss reminders; Keyward remembers that (instead of retrying, which
 * Discord punishes) and tells them with their next command's reply.
 */
export class MissedNotices {
  constructor(private readonly store: Store) {}

  /** Records that `count` reminders could not be delivered; true when this is news (DMs were open before). */
  async markClosed(userId: string, count: number, now: number): Promise<boolean> {
    let first = false;
    await this.store.updateUser(userId, (u) => {
      first = u.dm.closedAt === undefined;
      return { ...u, dm: { closedAt: u.dm.closedAt ?? now, missedReminders: (u.dm.missedReminders ?? 0) + count } };
    });
    return first;
  }

  /** Remembers where a notice naming the user was posted, so forget can delete it. */
  async rememberPosted(userId: string, notice: PostedNotice | undefined): Promise<void> {
    if (!notice) return;
    await this.store.updateUser(userId, (u) => ({ ...u, dm: { ...u.dm, notices: [...(u.dm.notices ?? []), notice].slice(-20) } }));
  }

  /** The notice for a user's next reply, once; undefined when there is nothing to tell. */
  async takeNotice(userId: string): Promise<string | undefined> {
    const user = await this.store.getUser(userId);
    if (!user?.dm.closedAt) return undefined;
    const missed = user.dm.missedReminders ?? 0;
    await this.store.updateUser(userId, (u) => ({ ...u, dm: u.dm.notices ? { notices: u.dm.notices } : {} }));
    return `📭 Keyward could not DM you ${missed === 1 ? 'a key notice' : `${missed} key notices`} because your DMs are closed. See /keys list for what is due, and allow direct messages from this server's members to get reminders.`;
  }
}
