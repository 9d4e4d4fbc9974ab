import { beforeAll, describe, expect, it } from 'vitest';
import type { JsonObject, RecordedRequest } from '../fakes/discord/index.js';
import { textOf } from './harness.js';
import { BYSTANDER, CANARY_ALICE, CANARY_BOB, NOTICE_CHANNEL, routeOf, runEveryJourney, usePrivacyWorld, type Journeys } from './privacy-helpers.js';

const { h, clock } = usePrivacyWorld();
let j: Journeys;

beforeAll(async () => {
  j = await runEveryJourney(h, clock);
}, 90_000);

const EPHEMERAL = 64;
const sent = (route: string): RecordedRequest[] => h.discord.requests.filter((r) => routeOf(r) === route);
const bodyOf = (r: RecordedRequest): JsonObject => (r.body ?? {}) as JsonObject;
const callbacks = (...types: number[]) => sent('POST /interactions/:id/:token/callback').filter((r) => types.includes(bodyOf(r).type));

/** Every request that carries a message someone could read: replies, updates, follow-ups, edits, channel and DM posts. */
function messagePayloads(): JsonObject[] {
  return [
    ...callbacks(4, 7).map((r) => bodyOf(r).data as JsonObject),
    ...sent('POST /webhooks/:app/:token').map(bodyOf),
    ...sent('PATCH /webhooks/:app/:token/messages/@original').map(bodyOf),
    ...sent('POST /channels/:id/messages').map(bodyOf),
  ];
}

describe('every reply over every journey', () => {
  it('is sent privately, whether a direct reply or a defer', () => {
    const first = callbacks(4, 5);
    expect(first.length).toBeGreaterThan(25);
    for (const r of first) expect(Number(bodyOf(r).data?.flags ?? 0) & EPHEMERAL, JSON.stringify(r.body).slice(0, 200)).toBe(EPHEMERAL);
  });

  it('keeps follow-ups private, including the missed-reminder notice', () => {
    const followUps = sent('POST /webhooks/:app/:token');
    expect(followUps.some((r) => /could not DM you/.test(String(bodyOf(r).content)))).toBe(true);
    for (const r of followUps) expect(Number(bodyOf(r).flags ?? 0) & EPHEMERAL).toBe(EPHEMERAL);
  });

  it('stays private through every edit, progress step and button update', () => {
    const shown = j.runs.flatMap((run) => [...run.edits, ...run.followups]).filter((m) => !m.modal);
    expect(shown.length).toBeGreaterThan(40);
    expect(shown.some((m) => (m.content ?? '').startsWith('⏳'))).toBe(true);
    for (const m of shown) expect(m.privateToUser, textOf(m).slice(0, 120)).toBe(true);
  });

  it('never posts in the server channel where the commands were run', () => {
    expect(j.guildChannelId).toMatch(/^\d{17,20}$/);
    expect(h.discord.channelMessages(j.guildChannelId)).toEqual([]);
  });

  it('tells the operator channel about closed DMs with a mention and nothing else, and deletes it when that user is forgotten', () => {
    const posted = h.discord.requests.filter((r) => r.method === 'POST' && r.path === `/channels/${NOTICE_CHANNEL}/messages`).map(bodyOf);
    expect(posted).toEqual([
      {
        content: `<@${CANARY_BOB}> Keyward has a notice for you: run any Keyward command to see it.`,
        allowed_mentions: { parse: [], users: [CANARY_BOB] },
      },
    ]);
    expect(h.discord.channelMessages(NOTICE_CHANNEL)).toEqual([]); // Bob ran /keys forget at the end
  });

  it('sends DMs only to the owner of the keys they are about', () => {
    expect(
      sent('POST /users/@me/channels')
        .map((r) => bodyOf(r).recipient_id)
        .sort(),
    ).toEqual([CANARY_ALICE, CANARY_ALICE, CANARY_BOB]);
    expect(h.discord.dms(BYSTANDER)).toEqual([]);
    const hints = (id: string) => new Set((j.audits.get(id) ?? []).map((e) => e.keyHint).filter(Boolean));
    const aliceDms = h.discord.dms(CANARY_ALICE);
    expect(aliceDms.length).toBe(2);
    for (const dm of aliceDms) {
      const shown = [...textOf(dm).matchAll(/…(\w{4})/g)].map((m) => m[1]);
      expect(shown.length).toBeGreaterThan(0);
      for (const hint of shown) expect(hints(CANARY_ALICE)).toContain(hint);
      for (const hint of hints(CANARY_BOB)) expect(textOf(dm)).not.toContain(`…${hint}`);
    }
    const allowed = new Set([NOTICE_CHANNEL, ...aliceDms.map((m) => m.channelId)]);
    for (const r of sent('POST /channels/:id/messages')) {
      const channel = r.path.split('/')[2]!;
      if (r.status === 200) expect(allowed).toContain(channel);
      else expect(r.code).toBe(50007);
    }
  });

  it('mentions nobody: every message carries an empty allowed_mentions.parse', () => {
    const payloads = messagePayloads();
    expect(payloads.length).toBeGreaterThan(50);
    for (const p of payloads) expect(p.allowed_mentions?.parse, JSON.stringify(p).slice(0, 200)).toEqual([]);
  });
});
