import { afterEach, expect } from 'vitest';
import { DAY, type Clock } from '../../src/clock.js';
import { healthMember, reminderMember } from '../../src/reminders/schedule.js';
import type { CredentialRecord, UserRecord } from '../../src/store/index.js';
import { WITHDRAW_OFF_LABEL, type E2E } from '../e2e/harness.js';
import type { FakeDiscord, FakeMessage } from '../fakes/discord/index.js';
import type { KeyProfile } from '../sim/types.js';

/** A stored key as the key service would leave it; reminders never open `sealed`, so it holds filler. */
export function credential(over: Partial<CredentialRecord> = {}): CredentialRecord {
  const at = over.rotatedAt ?? Date.UTC(2026, 0, 1);
  return {
    v: 1,
    userId: '100000000000000001',
    exchange: 'binance',
    account: 'main',
    keyHint: 'AB12',
    createdAt: at,
    rotatedAt: at,
    status: 'ok',
    warnings: [],
    permissions: { read: 'yes', spotTrade: 'yes', futuresTrade: 'no', withdraw: 'no', transfer: 'no', ipRestricted: 'yes' },
    sealed: { nonce: 'AAAA', ct: 'AAAA' },
    reminders: {},
    ...over,
  };
}

/** A user record with the given settings, as the store creates it. */
export function user(settings: UserRecord['settings'] = {}): UserRecord {
  return { v: 1, id: '100000000000000001', createdAt: Date.UTC(2026, 0, 1), credentials: [], settings, dm: {} };
}

/** The bot's DM channel with a user (Discord keeps one per user, so asking again returns the same one). */
export async function dmChannelId(discord: FakeDiscord, userId: string): Promise<string> {
  const res = await fetch(`${discord.apiUrl}/v10/users/@me/channels`, {
    method: 'POST',
    headers: { authorization: `Bot ${discord.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ recipient_id: userId }),
  });
  return ((await res.json()) as { id: string }).id;
}

/** Every attempt the bot made to post into a channel, refused ones included: what Discord counts against a bot. */
export function postsTo(discord: FakeDiscord, channelId: string) {
  return discord.requests.filter((r) => r.method === 'POST' && r.path === `/channels/${channelId}/messages`);
}

/** Field names and values of a message's embeds, one string per field. */
export function fieldsOf(message: FakeMessage): Array<{ name: string; value: string }> {
  return message.embeds.flatMap((e) => (e.fields ?? []) as Array<{ name: string; value: string }>);
}

/** The labels of every button in a message, row by row. */
export function buttonLabels(message: FakeMessage): string[][] {
  return message.components.map((row) => ((row.components ?? []) as Array<{ label?: string }>).map((c) => c.label ?? ''));
}

/** A Discord timestamp for a moment, as renderers write dates ("D" = date, "R" = relative). */
export function stamp(ms: number, style: 'D' | 'R' = 'D'): string {
  return `<t:${Math.floor(ms / 1000)}:${style}>`;
}

/** Fails when any credential part of `keys` (other than the last four characters shown as a hint) appears in `text`. */
export function expectNoSecrets(text: string, keys: KeyProfile[]): void {
  expect(keys.length).toBeGreaterThan(0);
  for (const k of keys) {
    for (const secret of [k.apiKey.slice(0, -4), k.secret, k.password].filter((s): s is string => Boolean(s))) {
      expect(text.includes(secret), `a credential of the ${k.apiKey.slice(-4)} key leaked`).toBe(false);
    }
  }
}

/**
 * Fresh users and keys for one end-to-end file. After each test, everything sent so far is scanned
 * for every key connected so far, and the test's users leave the due-index, so that later clock
 * jumps in the same file do not message users whose test is over.
 */
export function useReminderCast(h: E2E, clock: Clock) {
  const keys: KeyProfile[] = [];
  const users = new Set<string>();
  let last = 0;
  afterEach(async () => {
    if (keys.length > 0) expectNoSecrets(h.everythingSent(), keys);
    for (const id of users) {
      await h.app.store.coordination.unschedule(reminderMember(id));
      await h.app.store.coordination.unschedule(healthMember(id));
    }
    users.clear();
  });
  return {
    keys,
    newUser(): string {
      const id = String(200000000000000000n + BigInt(++last));
      h.discord.addUser({ id });
      users.add(id);
      return id;
    },
    /** Connects a fresh simulated key through /connect (confirming withdrawals are off where the exchange does not say); `at` is when it was stored. */
    async connected(userId: string, exchange = 'binance', profile: Partial<KeyProfile> = {}) {
      const { key, typed } = h.key(exchange, profile);
      keys.push(key);
      const { reply } = await h.connect(userId, exchange, typed);
      if (reply.components.length > 0 && JSON.stringify(reply.components).includes(WITHDRAW_OFF_LABEL)) await h.confirmWithdrawOff(userId, reply);
      const record = await h.app.store.getCredential(userId, exchange, 'main');
      expect(record?.keyHint).toBe(key.apiKey.slice(-4));
      return { key, hint: record!.keyHint, at: clock.now() };
    },
  };
}

/** Whole days, for readable schedule arithmetic. */
export const days = (n: number): number => n * DAY;
