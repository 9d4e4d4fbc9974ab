/** Shared steps of the access, one-time id, limit and form-fuzz tests: fresh users, refusals, forms and sent-message checks. */
import { expect } from 'vitest';
import { AppError, type ErrorCode } from '../../src/errors.js';
import type { FakeMessage, InteractionRun, RecordedRequest } from '../fakes/discord/index.js';
import { asSeen, GUILD, settled, textOf, type E2E } from './harness.js';

/** Discord's callback type for "open a modal". */
const MODAL_CALLBACK = 9;

let nextUser = 0;

/** A Discord user no other test touches, so keys, quotas and links never leak between tests. */
export function newUser(h: E2E): string {
  nextUser += 1;
  const id = `3000000000${String(nextUser).padStart(8, '0')}`;
  h.discord.addUser({ id, username: `tester${nextUser}` });
  return id;
}

/** The exact words a user sees for a catalogued refusal; tests compare against the catalogue, not a copy. */
export function said(code: ErrorCode, params?: Record<string, unknown>): string {
  const make = AppError as unknown as new (c: ErrorCode, p?: Record<string, unknown>) => AppError;
  return new make(code, params).message;
}

/** True when the bot answered the interaction by opening a form. */
export function openedForm(run: InteractionRun): boolean {
  return run.callbacks.some((c) => c.type === MODAL_CALLBACK);
}

/** Waits for the private answer of a refused interaction and checks it is exactly `message`, privately, without a form. */
export async function expectRefusal(run: InteractionRun, message: string): Promise<FakeMessage> {
  const reply = await settled(run);
  expect(reply.modal, 'a refused interaction must not open a form').toBeUndefined();
  expect(asSeen(textOf(reply)).trim()).toBe(message);
  expect(reply.privateToUser).toBe(true);
  expect(openedForm(run)).toBe(false);
  return reply;
}

/** Runs /connect for `exchange` in the allowed server and returns the custom id of the form it opened. */
export async function openConnectForm(h: E2E, userId: string, exchange: string, account?: string): Promise<string> {
  const run = await h.discord.slash({ userId, guildId: GUILD, name: 'connect', options: { exchange, ...(account ? { account } : {}) } });
  const reply = await settled(run);
  if (!reply.modal) throw new Error(`/connect ${exchange} did not open a form: ${textOf(reply)}`);
  return String(reply.modal.custom_id);
}

/** Submits a form in the allowed server, in another server, or (`null`) in the bot's DM, and waits for the final answer. */
export async function submitForm(
  h: E2E,
  userId: string,
  customId: string,
  fields: Record<string, string>,
  guildId: string | null = GUILD,
): Promise<{ run: InteractionRun; reply: FakeMessage }> {
  const run = await h.discord.modalSubmit({ userId, guildId: guildId ?? undefined, customId, fields });
  return { run, reply: await settled(run) };
}

/** "exchange/account" of each key a user has stored. */
export async function storedKeys(h: E2E, userId: string): Promise<string[]> {
  return (await h.app.store.listCredentials(userId)).map((c) => `${c.exchange}/${c.account}`);
}

/** How many requests the simulated exchange has received so far. */
export function exchangeRequests(h: E2E, exchange: string): number {
  return h.sim.stats(exchange).requests;
}

/** A body the bot sent that puts a message on someone's screen (reply, update, edit, follow-up, channel or DM message). */
export interface SentMessage {
  path: string;
  body: Record<string, unknown>;
}

const WEBHOOK = /^\/webhooks\/[^/]+\/[^/]+(\/messages\/[^/]+)?$/;
const CHANNEL_MESSAGE = /^\/channels\/[^/]+\/messages(\/[^/]+)?$/;

/** Every message body among `requests`: interaction replies and updates, webhook edits and follow-ups, channel posts. */
export function sentMessages(requests: RecordedRequest[]): SentMessage[] {
  const out: SentMessage[] = [];
  for (const r of requests) {
    const body = (r.body ?? {}) as Record<string, unknown>;
    if (r.method === 'POST' && r.path.endsWith('/callback')) {
      if (body.type === 4 || body.type === 7) out.push({ path: r.path, body: (body.data ?? {}) as Record<string, unknown> });
    } else if ((r.method === 'POST' || r.method === 'PATCH') && (WEBHOOK.test(r.path) || CHANNEL_MESSAGE.test(r.path))) {
      out.push({ path: r.path, body });
    }
  }
  return out;
}

/** Checks that each message among `requests` forbids every mention, and that there was at least one. */
export function expectNoMentionsIn(requests: RecordedRequest[]): void {
  const messages = sentMessages(requests);
  expect(messages.length).toBeGreaterThan(0);
  for (const m of messages) expect(m.body.allowed_mentions, `allowed_mentions of ${m.path}`).toEqual({ parse: [] });
}
