import { describe, expect, it } from 'vitest';
import type { E2E } from './harness.js';
import { newUser, said } from './access-helpers.js';
import { buttonId, settled, textOf, useKeyward } from './harness.js';

const h = useKeyward();

/** Rewrites what the store holds behind a button, as an older release or a damaged store might have left it. */
async function tamper(e: E2E, customId: string, change: (target: Record<string, unknown>) => Record<string, unknown>): Promise<void> {
  const key = `link:${customId.split(':')[2]}`;
  const stored = JSON.parse((await e.app.store.coordination.takeOnce(key))!) as { target: Record<string, unknown> };
  await e.app.store.coordination.putOnce(key, JSON.stringify({ ...stored, target: change(stored.target) }), 60_000);
}

describe('a button whose stored target does not fit it', () => {
  it('is refused as an invalid link on /keys remove, and the key stays', async () => {
    const user = newUser(h);
    await h.connect(user, 'binance', h.key('binance').typed);
    const { reply } = await h.command(user, 'keys', 'remove', { key: 'binance/main' });
    const remove = buttonId(reply, 'Remove');
    await tamper(h, remove, (t) => ({ ...t, account: 'Main Account' }));
    const answer = await settled(await h.press(user, remove));
    expect(textOf(answer).trim()).toBe(said('LINK_INVALID'));
    expect(answer.privateToUser).toBe(true);
    expect((await h.app.store.listCredentials(user)).map((c) => c.account)).toEqual(['main']);
  });

  it('is refused as an invalid link on /connect\'s "Add as another account", and no form opens', async () => {
    const user = newUser(h);
    await h.connect(user, 'binance', h.key('binance').typed);
    const { reply } = await h.command(user, 'connect', undefined, { exchange: 'binance' });
    const another = buttonId(reply, 'Add as another account');
    await tamper(h, another, ({ account: _dropped, ...rest }) => rest);
    const answer = await settled(await h.press(user, another));
    expect(textOf(answer).trim()).toBe(said('LINK_INVALID'));
    expect(answer.modal).toBeUndefined();
  });
});
