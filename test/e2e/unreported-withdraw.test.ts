import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HOUR, MINUTE } from '../../src/clock.js';
import { ManualClock } from '../helpers/manual-clock.js';
import { GUILD, WITHDRAW_OFF_LABEL, buttonId, settled, textOf, useKeyward } from './harness.js';
import { leakedPieces } from './privacy-helpers.js';

// mexc has no key-info call and gate's does not cover withdrawals: in the simulator, as on the real
// exchanges, nobody reports whether these keys can withdraw.
const clock = new ManualClock(Date.parse('2026-11-30T12:00:00Z'));
const h = useKeyward({ clock, env: { VALIDATIONS_PER_WINDOW: '1000' } });

let nextUser = 400000000000000000n;
function newUser(): string {
  const id = String(++nextUser);
  h.discord.addUser({ id });
  return id;
}

/** "<t:…:D>" of a moment, as the cards write dates. */
const dateOf = (ms: number) => `<t:${Math.floor(ms / 1000)}:D>`;

describe('a key whose exchange does not report withdrawals (UNVERIFIED_WITHDRAW=confirm, the default)', () => {
  it('is not stored until its owner confirms withdrawals are off; then it is stored, marked, and the confirmation is audited', async () => {
    const user = newUser();
    const { key, typed } = h.key('mexc');
    const { reply } = await h.connect(user, 'mexc', typed);
    const asked = textOf(reply);
    expect(asked).toContain('MEXC does not report whether this key can withdraw');
    expect(asked).toContain('Nothing is stored yet');
    expect(await h.app.store.listCredentials(user)).toEqual([]);

    const card = textOf(await h.confirmWithdrawOff(user, reply));
    expect(card).toMatch(/MEXC · main\S* connected/);
    expect(card).toContain(`not reported — you confirmed it was off on ${dateOf(clock.now())}`);
    const [stored] = await h.app.store.listCredentials(user);
    expect(stored).toMatchObject({ exchange: 'mexc', keyHint: key.apiKey.slice(-4), withdrawConfirmedAt: clock.now(), status: 'ok' });
    const audit = await h.app.store.recentAudit(user, 10);
    expect(audit.map((e) => `${e.action}/${e.outcome}`)).toEqual(expect.arrayContaining(['withdraw_off_confirmed/ok', 'connect/ok']));

    const list = textOf((await h.command(user, 'keys', 'list')).reply);
    expect(list).toContain(`withdrawal: not reported — you confirmed it was off on ${dateOf(clock.now())}`);
  });

  it('stores nothing, and says so, when its owner presses Cancel; the confirm button is dead afterwards', async () => {
    const user = newUser();
    const { reply } = await h.connect(user, 'gate', h.key('gate').typed);
    const cancelled = textOf(await settled(await h.press(user, buttonId(reply, 'Cancel'))));
    expect(cancelled).toContain('was not stored');
    expect(cancelled).toContain('Nothing was saved or changed');
    const late = textOf(await settled(await h.press(user, buttonId(reply, WITHDRAW_OFF_LABEL))));
    expect(late).toContain('already answered or has expired');
    expect(await h.app.store.listCredentials(user)).toEqual([]);
    expect((await h.app.store.recentAudit(user, 10)).map((e) => e.action)).toContain('withdraw_confirmation_declined');
  });

  it('stores nothing when the question expires unanswered', async () => {
    const user = newUser();
    const { reply } = await h.connect(user, 'mexc', h.key('mexc').typed);
    clock.advance(16 * MINUTE);
    const late = textOf(await settled(await h.press(user, buttonId(reply, WITHDRAW_OFF_LABEL))));
    expect(late).toMatch(/expired/);
    expect(await h.app.store.listCredentials(user)).toEqual([]);
  });

  it('refuses someone else pressing the confirm button, and the owner can still answer', async () => {
    const [owner, stranger] = [newUser(), newUser()];
    const { reply } = await h.connect(owner, 'mexc', h.key('mexc').typed);
    const refused = textOf(await settled(await h.press(stranger, buttonId(reply, WITHDRAW_OFF_LABEL))));
    expect(refused).toContain('belongs to someone else');
    expect(await h.app.store.listCredentials(owner)).toEqual([]);
    expect(await h.app.store.listCredentials(stranger)).toEqual([]);
    await h.confirmWithdrawOff(owner, reply);
    expect((await h.app.store.listCredentials(owner)).map((c) => c.exchange)).toEqual(['mexc']);
  });

  it('refuses the confirm button replayed after use, and stores the key only once', async () => {
    const user = newUser();
    const { reply } = await h.connect(user, 'mexc', h.key('mexc').typed);
    await h.confirmWithdrawOff(user, reply);
    const replayed = textOf(await settled(await h.press(user, buttonId(reply, WITHDRAW_OFF_LABEL))));
    expect(replayed).toContain('expired or was already used');
    expect(await h.app.store.listCredentials(user)).toHaveLength(1);
    expect((await h.app.store.recentAudit(user, 10)).filter((e) => e.action === 'withdraw_off_confirmed')).toHaveLength(1);
  });

  it('asks again for the new key of /keys rotate, keeping the old key until the answer', async () => {
    const user = newUser();
    const first = h.key('mexc');
    await h.confirmWithdrawOff(user, (await h.connect(user, 'mexc', first.typed)).reply);
    clock.advance(MINUTE);
    const opened = await h.discord.slash({ userId: user, guildId: GUILD, name: 'keys', subcommand: 'rotate', options: { key: 'mexc/main' } });
    const modal = (await opened.waitForReply((m) => Boolean(m.modal))).modal!;
    const second = h.key('mexc');
    const question = await settled(await h.discord.modalSubmit({ userId: user, guildId: GUILD, customId: modal.custom_id, fields: second.typed }));
    expect(textOf(question)).toContain('does not report whether this key can withdraw');
    expect((await h.app.store.getCredential(user, 'mexc', 'main'))?.keyHint).toBe(first.key.apiKey.slice(-4));
    const card = textOf(await h.confirmWithdrawOff(user, question));
    expect(card).toMatch(/rotated/);
    expect(card).toContain(`Delete the old key (…${first.key.apiKey.slice(-4)})`);
    const after = await h.app.store.getCredential(user, 'mexc', 'main');
    expect(after).toMatchObject({ keyHint: second.key.apiKey.slice(-4), withdrawConfirmedAt: clock.now() });
    expect((await h.app.store.recentAudit(user, 10)).map((e) => e.action)).toEqual(expect.arrayContaining(['withdraw_off_confirmed', 'rotate']));
  });

  it('asks after "Try again" too, once the corrected key passes', async () => {
    const user = newUser();
    const { typed } = h.key('gate');
    const { reply } = await h.connect(user, 'gate', { ...typed, secret: 'f'.repeat(64) });
    expect(textOf(reply)).toContain('Nothing was saved');
    const retry = await h.press(user, buttonId(reply, 'Try again'));
    const modal = (await retry.waitForReply((m) => Boolean(m.modal))).modal!;
    const question = await settled(await h.discord.modalSubmit({ userId: user, guildId: GUILD, customId: modal.custom_id, fields: typed }));
    expect(textOf(question)).toContain('Gate does not report whether this key can withdraw');
    expect(await h.app.store.listCredentials(user)).toEqual([]);
    await h.confirmWithdrawOff(user, question);
    expect((await h.app.store.listCredentials(user)).map((c) => c.withdrawConfirmedAt)).toEqual([clock.now()]);
  });

  it('keeps the marker through health checks', async () => {
    const user = newUser();
    await h.confirmWithdrawOff(user, (await h.connect(user, 'mexc', h.key('mexc').typed)).reply);
    const confirmedAt = clock.now();
    clock.advance(27 * HOUR);
    await h.app.scheduler.tick();
    const after = await h.app.store.getCredential(user, 'mexc', 'main');
    expect(after?.lastCheckedAt).toBe(clock.now());
    expect(after).toMatchObject({ withdrawConfirmedAt: confirmedAt, status: 'ok' });
    const tested = textOf((await h.command(user, 'keys', 'test', { key: 'mexc/main' })).reply);
    expect(tested).toContain(`not reported — you confirmed it was off on ${dateOf(confirmedAt)}`);
  });

  it('never puts the secret in a Discord payload, a log line or the database, not even while the key waits', async () => {
    const user = newUser();
    const { typed } = h.key('mexc', { secret: `CANARYSECRET${'7a'.repeat(10)}` });
    const { reply } = await h.connect(user, 'mexc', typed);
    const dir = join(h.dir, 'data');
    const bytes = (await Promise.all((await readdir(dir)).map((f) => readFile(join(dir, f))))).map((b) => b.toString('latin1')).join('\n');
    expect(bytes).toContain('pending-key:');
    expect(leakedPieces(bytes, [typed.secret!])).toEqual([]);
    await h.confirmWithdrawOff(user, reply);
    expect(h.everythingSent()).toContain('does not report whether this key can withdraw');
    expect(leakedPieces(h.everythingSent(), Object.values(typed))).toEqual([]);
  });
});
