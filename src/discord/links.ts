import { randomBytes } from 'node:crypto';
import { DAY, MINUTE } from '../clock.js';
import { AppError } from '../errors.js';
import type { Coordination } from '../store/index.js';

/** What a button or modal may do, bound server-side to the user it was made for. */
export interface LinkData {
  userId: string;
  command: string;
  action: string;
  target: Record<string, string | number | boolean>;
  /** may be used in the bot's DM (reminder buttons and the forms they open) */
  dm?: boolean;
  /** survives use (reminder buttons, Refresh); one-time links are consumed on first use */
  reusable?: boolean;
  /** the server the link's key belongs to: a DM use checks membership there first */
  guildId?: string;
}

export interface Link extends LinkData {
  customId: string;
}

/** Modals and confirmation buttons: long enough to type a key, short enough to be useless later. */
export const FORM_TTL_MS = 15 * MINUTE;
/** Buttons in reminder DMs are clicked days later. */
export const REMINDER_TTL_MS = 14 * DAY;

const CUSTOM_ID = /^([a-z]{1,20}):([a-z-]{1,24}):([A-Za-z0-9_-]{22})$/;

/**
 * One-time ids for buttons and modals. A custom id carries only "command:action:random"; who may
 * use it, on what, and until when lives in the store. Custom ids are untrusted input: old buttons
 * are clicked weeks later and ids can be replayed or forged.
 */
export class Links {
  /** writes started by `start` and not finished yet, so this process never reads before its own write */
  private readonly writing = new Map<string, Promise<void>>();

  constructor(private readonly coordination: Coordination) {}

  async create(data: LinkData, ttlMs: number): Promise<string> {
    const { customId, written } = this.start(data, ttlMs);
    await written;
    return customId;
  }

  /**
   * The custom id at once, and its write to the store under way: a form can be shown while the
   * link is stored (a person takes seconds to fill it in), and the caller awaits `written` after.
   */
  start(data: LinkData, ttlMs: number): { customId: string; written: Promise<void> } {
    const token = randomBytes(16).toString('base64url');
    const customId = `${data.command}:${data.action}:${token}`;
    if (!CUSTOM_ID.test(customId)) throw new Error(`link names must be short and lower-case: ${data.command}:${data.action}`);
    const written = Promise.all([
      this.coordination.putOnce(`link:${token}`, JSON.stringify(data), ttlMs),
      this.coordination.putOnce(`${ownedBy(data.userId)}${token}`, token, ttlMs), // so forget finds them
    ])
      .then(() => undefined)
      .finally(() => this.writing.delete(token));
    this.writing.set(
      token,
      written.catch(() => undefined),
    );
    return { customId, written };
  }

  /** Deletes every link made for a user (forget): a link names its user and lives up to 14 days. */
  async forgetUser(userId: string): Promise<void> {
    await Promise.all(this.writing.values()); // a form shown a moment ago: its id lands first, then goes
    for (const token of await this.coordination.takeOnceByPrefix(ownedBy(userId))) await this.coordination.takeOnce(`link:${token}`);
  }

  /**
   * The link behind a custom id, checked against the user who clicked and the place (a DM accepts
   * only links made for DMs); one-time links are used up only once every check passed.
   */
  async resolve(customId: string, userId: string, inDm = false): Promise<Link> {
    const match = CUSTOM_ID.exec(customId);
    if (!match) throw new AppError('LINK_INVALID');
    const [, command, action, token] = match;
    await this.writing.get(token!);
    const stored = await this.coordination.peekOnce(`link:${token}`);
    if (stored === undefined) throw new AppError('LINK_EXPIRED');
    const data = parse(stored);
    if (!data || data.command !== command || data.action !== action) throw new AppError('LINK_INVALID');
    if (data.userId !== userId) throw new AppError('LINK_NOT_YOURS');
    if (inDm && !data.dm) throw new AppError('CONTEXT_NOT_ALLOWED');
    if (!data.reusable && (await this.coordination.takeOnce(`link:${token}`)) === undefined) throw new AppError('LINK_EXPIRED');
    return { ...data, customId };
  }
}

const ownedBy = (userId: string) => `links-of:${userId}:`;

function parse(stored: string): LinkData | undefined {
  try {
    const data = JSON.parse(stored) as LinkData;
    return typeof data.userId === 'string' && typeof data.command === 'string' && typeof data.action === 'string' ? data : undefined;
  } catch {
    return undefined;
  }
}
