import { afterAll, describe, expect, it } from 'vitest';
import { HOUR, ManualClock } from '../../src/clock.js';
import { describeEachBackend } from '../helpers/backends.js';
import { newUser, openConnectForm, said, storedKeys } from './access-helpers.js';
import { asSeen } from './driver.js';
import { GUILD, buttonId, settled, textOf, useKeyward, type E2E } from './harness.js';

/** What the user reads, with command mentions shown as the plain "/keys list" they render as. */
const seen = (reply: Parameters<typeof textOf>[0]) => asSeen(textOf(reply));

// the user's lock decides these races, and each engine implements it: every engine runs them
describeEachBackend('races with forget, remove and the account cap', (backend) => {
  const clock = new ManualClock(Date.now());
  const url = backend.name === 'sqlite' ? undefined : backend.freshUrl('');
  const h = useKeyward({ clock, env: { MAX_ACCOUNTS_PER_USER: '2', VALIDATIONS_PER_WINDOW: '50', ...(url ? { STORE_URL: url } : {}) } });
  afterAll(async () => {
    if (url) await backend.cleanup(url);
  });

  /** Holds every signed request to `exchange` for `ms`, so a check is still in flight while the user acts. */
  function slowDown(exchange: string, ms = 1500): void {
    h.sim.setFault(exchange, { latencyMs: ms, scope: 'private' });
  }

  /** Resolves once the exchange has received a request beyond the `before` it had. */
  function exchangeReached(exchange: string, before: number): Promise<unknown> {
    return h.discord.waitFor(() => h.sim.stats(exchange).requests > before, 10_000);
  }

  /** /keys forget, confirmed. */
  async function forget(e: E2E, user: string): Promise<void> {
    const { reply } = await e.command(user, 'keys', 'forget');
    await settled(await e.press(user, buttonId(reply, 'Forget everything')));
  }

  describe('forget and remove win over work already in flight', () => {
    it('a /connect checking its key when the user forgets stores nothing: no key, no data key, no audit row', async () => {
      const user = newUser(h);
      await h.connect(user, 'binance', h.key('binance').typed);
      const form = await openConnectForm(h, user, 'okx');
      const before = h.sim.stats('okx').requests;
      slowDown('okx');
      try {
        const submitted = h.discord.modalSubmit({ userId: user, guildId: GUILD, customId: form, fields: h.key('okx').typed });
        await exchangeReached('okx', before);
        await forget(h, user);
        const reply = await settled(await submitted, 15_000);
        expect(seen(reply)).toBe(said('FORGOTTEN_MEANWHILE'));
      } finally {
        h.sim.clearFaults('okx');
      }
      expect(await h.app.store.getUser(user)).toBeUndefined();
      expect(await storedKeys(h, user)).toEqual([]);
      expect(await h.app.store.recentAudit(user)).toEqual([]);
    });

    it('a /connect whose exchange does not report withdrawals, checking its key when the user forgets, asks nothing and creates no data key', async () => {
      const user = newUser(h);
      await h.connect(user, 'binance', h.key('binance').typed);
      const form = await openConnectForm(h, user, 'mexc');
      const before = h.sim.stats('mexc').requests;
      slowDown('mexc');
      try {
        const submitted = h.discord.modalSubmit({ userId: user, guildId: GUILD, customId: form, fields: h.key('mexc').typed });
        await exchangeReached('mexc', before);
        await forget(h, user);
        const reply = await settled(await submitted, 15_000);
        expect(textOf(reply)).toBe(said('FORGOTTEN_MEANWHILE'));
      } finally {
        h.sim.clearFaults('mexc');
      }
      expect(await h.app.store.getUser(user)).toBeUndefined();
      expect(await storedKeys(h, user)).toEqual([]);
    });

    it('a rotation checking its new key when the key is removed does not bring the key back', async () => {
      const user = newUser(h);
      await h.connect(user, 'okx', h.key('okx').typed);
      const opened = await h.command(user, 'keys', 'rotate', { key: 'okx/main' });
      const before = h.sim.stats('okx').requests;
      slowDown('okx');
      try {
        const submitted = h.discord.modalSubmit({ userId: user, guildId: GUILD, customId: String(opened.reply.modal!.custom_id), fields: h.key('okx').typed });
        await exchangeReached('okx', before);
        const question = await h.command(user, 'keys', 'remove', { key: 'okx/main' });
        await settled(await h.press(user, buttonId(question.reply, 'Remove')));
        const reply = await settled(await submitted, 15_000);
        expect(seen(reply)).toBe(said('KEY_CHANGED_MEANWHILE', { exchange: 'okx', account: 'main' }));
      } finally {
        h.sim.clearFaults('okx');
      }
      expect(await storedKeys(h, user)).toEqual([]);
      expect((await h.app.store.recentAudit(user)).map((e) => e.action)).not.toContain('rotate');
    });

    it('a health check running when the user forgets sends no DM and writes nothing about them', async () => {
      const user = newUser(h);
      const { key, typed } = h.key('binance');
      await h.connect(user, 'binance', typed);
      h.sim.updateKey('binance', key.apiKey, { state: 'revoked' });
      const before = h.sim.stats('binance').requests;
      slowDown('binance');
      try {
        clock.advance(27 * HOUR);
        const ticking = h.app.scheduler.tick();
        await exchangeReached('binance', before);
        await forget(h, user);
        await ticking;
      } finally {
        h.sim.clearFaults('binance');
      }
      expect(h.discord.dms(user)).toEqual([]);
      expect(await h.app.store.getUser(user)).toBeUndefined();
      expect(await h.app.store.recentAudit(user)).toEqual([]);
    });
  });

  describe('limits hold under concurrent connects', () => {
    it('six forms sent at once never store more than the cap of two accounts', async () => {
      const user = newUser(h);
      const forms = [];
      for (const account of ['a1', 'a2', 'a3', 'a4', 'a5', 'a6']) forms.push(await openConnectForm(h, user, 'okx', account));
      slowDown('okx', 300);
      try {
        const runs = await Promise.all(forms.map((customId) => h.discord.modalSubmit({ userId: user, guildId: GUILD, customId, fields: h.key('okx').typed })));
        const replies = await Promise.all(runs.map((r) => settled(r, 20_000)));
        const refused = replies.filter((r) => seen(r) === said('ACCOUNT_LIMIT', { max: 2 }));
        expect(refused).toHaveLength(4);
      } finally {
        h.sim.clearFaults('okx');
      }
      expect(await storedKeys(h, user)).toHaveLength(2);
    });

    it('two forms for the same account sent at once store one key, and the other is told it already exists', async () => {
      const user = newUser(h);
      const first = await openConnectForm(h, user, 'okx');
      const second = await openConnectForm(h, user, 'okx');
      const keys = [h.key('okx'), h.key('okx')];
      slowDown('okx', 300);
      let replies;
      try {
        const runs = await Promise.all(
          [first, second].map((customId, i) => h.discord.modalSubmit({ userId: user, guildId: GUILD, customId, fields: keys[i]!.typed })),
        );
        replies = await Promise.all(runs.map((r) => settled(r, 20_000)));
      } finally {
        h.sim.clearFaults('okx');
      }
      const refusedAt = replies.findIndex((r) => seen(r) === said('ACCOUNT_EXISTS', { exchange: 'OKX', account: 'main' }));
      expect(refusedAt).toBeGreaterThanOrEqual(0);
      const storedHint = (await h.app.store.getCredential(user, 'okx', 'main'))!.keyHint;
      expect(storedHint).toBe(keys[1 - refusedAt]!.key.apiKey.slice(-4));
      expect(textOf(replies[1 - refusedAt]!)).toContain(storedHint);
    });
  });
});
