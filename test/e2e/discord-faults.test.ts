import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY, ManualClock } from '../../src/clock.js';
import { healthMember } from '../../src/reminders/schedule.js';
import type { FaultKind } from '../fakes/discord/index.js';
import { newUser } from './access-helpers.js';
import { GUILD, buttonId, textOf, useKeyward } from './harness.js';

const clock = new ManualClock(Date.now());
const h = useKeyward({ clock });

/** Every Discord REST call the journeys make, by what it does. */
const CALLS = {
  'interaction callback': { method: 'POST', path: /^\/interactions\/[^/]+\/[^/]+\/callback$/ },
  'edit of the reply': { method: 'PATCH', path: /^\/webhooks\/[^/]+\/[^/]+\/messages\/@original$/ },
  'opening a DM': { method: 'POST', path: /^\/users\/@me\/channels$/ },
  'posting a message': { method: 'POST', path: /^\/channels\/[^/]+\/messages$/ },
  'member lookup': { method: 'GET', path: /^\/guilds\/[^/]+\/members\/[^/]+$/ },
} as const;
type Call = keyof typeof CALLS;

const FAULTS: FaultKind[] = [404, 429, 503, 'network'];

/** Resolves once the bot has sent Discord nothing new for 150 ms. */
async function quiet(): Promise<void> {
  let seen = -1;
  for (let i = 0; i < 60 && seen !== h.discord.requests.length; i += 1) {
    seen = h.discord.requests.length;
    await sleep(150);
  }
}

/** A journey: what is set up without faults, then the part that meets them. */
interface Journey {
  name: string;
  calls: Call[];
  prepare(user: string): Promise<() => Promise<unknown>>;
}

const JOURNEYS: Journey[] = [
  {
    name: 'connecting a key',
    calls: ['interaction callback', 'edit of the reply'],
    async prepare(user) {
      const { typed } = h.key('binance');
      return async () => {
        const opened = await h.discord.slash({ userId: user, guildId: GUILD, name: 'connect', options: { exchange: 'binance' } });
        const modal = await opened.waitForReply((m) => Boolean(m.modal), 2_000).catch(() => undefined);
        if (modal?.modal) await h.discord.modalSubmit({ userId: user, guildId: GUILD, customId: String(modal.modal.custom_id), fields: typed });
      };
    },
  },
  {
    name: 'sending a form the exchange never sees (typed values refused)',
    calls: ['interaction callback', 'edit of the reply'],
    async prepare(user) {
      return async () => {
        const opened = await h.discord.slash({ userId: user, guildId: GUILD, name: 'connect', options: { exchange: 'binance' } });
        const modal = await opened.waitForReply((m) => Boolean(m.modal), 2_000).catch(() => undefined);
        if (modal?.modal)
          await h.discord.modalSubmit({ userId: user, guildId: GUILD, customId: String(modal.modal.custom_id), fields: { apiKey: 'x', secret: 'y' } });
      };
    },
  },
  {
    name: 'removing a key',
    calls: ['interaction callback'],
    async prepare(user) {
      await h.connect(user, 'okx', h.key('okx').typed);
      const question = await h.command(user, 'keys', 'remove', { key: 'okx/main' });
      return () => h.press(user, buttonId(question.reply, 'Remove'));
    },
  },
  {
    name: 'a reminder DM and its Rotate button',
    calls: ['opening a DM', 'posting a message', 'member lookup', 'interaction callback'],
    async prepare(user) {
      await h.connect(user, 'gate', h.key('gate').typed);
      await h.app.store.coordination.unschedule(healthMember(user));
      clock.advance(77 * DAY);
      return async () => {
        await h.app.scheduler.tick();
        const dm = h.discord.dms(user).find((m) => m.components.length > 0);
        if (dm) await h.press(user, buttonId(dm, 'Rotate Gate · main'), { guildId: null });
      };
    },
  },
];

const unhandled: unknown[] = [];
const collect = (reason: unknown) => void unhandled.push(reason);
beforeAll(() => void process.on('unhandledRejection', collect));
afterAll(() => void process.off('unhandledRejection', collect));

describe('Discord failing one call at a time', () => {
  for (const journey of JOURNEYS) {
    for (const call of journey.calls) {
      it(`leaves the bot serving when ${call} fails (404, 429, 5xx, network) while ${journey.name}`, async () => {
        for (const fail of FAULTS) {
          const user = newUser(h);
          const act = await journey.prepare(user);
          h.discord.failRequests({ ...CALLS[call], fail, ...(fail === 429 ? { times: 3 } : {}) });
          try {
            await act();
            await quiet();
          } finally {
            h.discord.clearFaults();
          }
          expect(unhandled.splice(0), `${fail} on ${call}`).toEqual([]);
          const help = await h.command(newUser(h), 'help');
          expect(textOf(help.reply).length, `${fail} on ${call}: /help still answered`).toBeGreaterThan(0);
        }
      });
    }
  }
});
