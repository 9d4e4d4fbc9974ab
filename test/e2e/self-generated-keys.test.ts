import { generateKeyPairSync } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ManualClock, MINUTE } from '../../src/clock.js';
import type { FakeMessage } from '../fakes/discord/index.js';
import { realisticKey } from '../sim/keys.js';
import { GUILD, PASTE_LABEL, buttonId, hasButton, settled, textOf, useKeyward } from './harness.js';
import { CREATED_LABEL, GENERATE_LABEL, isKeyPairCard, privateKeyCanary, publicKeyOf, storedKeyPairs } from './key-pair-helpers.js';
import { leakedPieces } from './privacy-helpers.js';

const clock = new ManualClock(Date.parse('2026-11-30T12:00:00Z'));
const h = useKeyward({ clock, env: { VALIDATIONS_PER_WINDOW: '1000' } });

const GENERATE = GENERATE_LABEL;
const CREATED = CREATED_LABEL;

let nextUser = 500000000000000000n;
function newUser(): string {
  const id = String(++nextUser);
  h.discord.addUser({ id });
  return id;
}

/** Presses a button on the very message that carries it, so an update edits that message. */
async function pressOn(userId: string, message: FakeMessage, label: string) {
  return h.discord.button({ userId, guildId: GUILD, customId: buttonId(message, label), messageId: message.id });
}

/** /connect (or /keys rotate), then Generate: resolves with the card that shows the public key. */
async function generate(userId: string, exchange: string, via: 'connect' | 'rotate' = 'connect', account = 'main'): Promise<FakeMessage> {
  const { reply: choice } =
    via === 'connect'
      ? await h.command(userId, 'connect', undefined, { exchange, account })
      : await h.command(userId, 'keys', 'rotate', { key: `${exchange}/${account}` });
  expect(hasButton(choice, GENERATE) && hasButton(choice, PASTE_LABEL)).toBe(true);
  const run = await pressOn(userId, choice, GENERATE);
  return run.waitForReply(isKeyPairCard, 15_000);
}

/** What the user does on the exchange: register the public key; the exchange shows an API key. */
function uploadToExchange(exchange: string, card: FakeMessage, profile = {}): string {
  return h.sim.addKey(exchange, realisticKey(exchange, { ...profile, publicKey: publicKeyOf(card) })).apiKey;
}

/** "I created it", then the one-box form with the API key: resolves with the verdict. */
async function submitApiKey(userId: string, card: FakeMessage, apiKey: string): Promise<FakeMessage> {
  const opened = await pressOn(userId, card, CREATED);
  const modal = (await opened.waitForReply((m) => Boolean(m.modal), 10_000)).modal!;
  expect(JSON.stringify(modal.components)).not.toMatch(/[Ss]ecret key|Passphrase/);
  return settled(await h.discord.modalSubmit({ userId, guildId: GUILD, customId: modal.custom_id, fields: { apiKey } }));
}

describe('connecting with a key pair Keyward creates', () => {
  it('connects binance with an Ed25519 pair: only the public key is shown, in a code block and a .pem file, and no secret is typed', async () => {
    const user = newUser();
    const card = await generate(user, 'binance');
    expect(card.privateToUser).toBe(true);
    expect(card.content).toContain('Self-generated');
    expect(card.content).toContain('Read + Trade only — never withdrawals');
    expect(card.attachments.map((a) => a.filename)).toEqual(['binance-ed25519-public-key.pem']);
    expect(card.attachments[0]!.size).toBe(publicKeyOf(card).length);
    expect(card.content).not.toContain('PRIVATE KEY');
    expect(await h.app.store.listCredentials(user)).toEqual([]);

    const apiKey = uploadToExchange('binance', card);
    const saved = textOf(await submitApiKey(user, card, apiKey));
    expect(saved).toMatch(/Binance · main\S* connected/);
    expect(saved).toContain(`Self-generated Ed25519 key …${apiKey.slice(-4)}`);
    const [stored] = await h.app.store.listCredentials(user);
    expect(stored).toMatchObject({ exchange: 'binance', keyHint: apiKey.slice(-4), selfGenerated: { keyType: 'ed25519', publicKey: publicKeyOf(card) } });
    expect(stored!.status).not.toBe('failing');

    expect(textOf((await h.command(user, 'keys', 'list')).reply)).toContain(`self-generated Ed25519 key …${apiKey.slice(-4)}`);
    expect(textOf((await h.command(user, 'keys', 'test', { key: 'binance/main' })).reply)).not.toMatch(/signature|failing/i);
    expect(textOf((await h.command(user, 'balance')).reply)).toContain('Binance');
  });

  it('connects bybit with an RSA pair the same way', async () => {
    const user = newUser();
    const card = await generate(user, 'bybit');
    expect(card.attachments.map((a) => a.filename)).toEqual(['bybit-rsa-public-key.pem']);
    const apiKey = uploadToExchange('bybit', card);
    expect(textOf(await submitApiKey(user, card, apiKey))).toContain(`Self-generated RSA key …${apiKey.slice(-4)}`);
    expect((await h.app.store.listCredentials(user))[0]).toMatchObject({ exchange: 'bybit', selfGenerated: { keyType: 'rsa' } });
  });

  it('keeps the pair when the check fails, and connects with Try again once the key exists on the exchange', async () => {
    const user = newUser();
    const card = await generate(user, 'binance');
    const apiKey = realisticKey('binance').apiKey; // typed before the exchange created it
    const refused = await submitApiKey(user, card, apiKey);
    expect(textOf(refused)).toContain('Nothing was saved');
    expect(await h.app.store.listCredentials(user)).toEqual([]);
    h.sim.addKey('binance', realisticKey('binance', { apiKey, publicKey: publicKeyOf(card) }));
    clock.advance(5 * MINUTE);
    const retry = await h.discord.button({ userId: user, guildId: GUILD, customId: buttonId(refused, 'Try again'), messageId: refused.id });
    const modal = (await retry.waitForReply((m) => Boolean(m.modal), 10_000)).modal!;
    const saved = await settled(await h.discord.modalSubmit({ userId: user, guildId: GUILD, customId: modal.custom_id, fields: { apiKey } }));
    expect(textOf(saved)).toMatch(/connected/);
    expect((await h.app.store.listCredentials(user))[0]!.selfGenerated?.publicKey).toBe(publicKeyOf(card));
  });

  it('destroys the pair after 30 minutes: nothing can be stored with it any more', async () => {
    const user = newUser();
    const card = await generate(user, 'binance');
    uploadToExchange('binance', card); // the key exists on the exchange, but its private key is gone
    clock.advance(30 * MINUTE + 1);
    const late = await settled(await pressOn(user, card, CREATED));
    expect(textOf(late)).toMatch(/expired/);
    expect(late.modal).toBeUndefined();
    expect(await h.app.store.listCredentials(user)).toEqual([]);
  });

  it('destroys the pair on Cancel, and says to delete any key already created with it', async () => {
    const user = newUser();
    const card = await generate(user, 'bybit');
    const created = buttonId(card, CREATED);
    const cancelled = await settled(await pressOn(user, card, 'Cancel'));
    expect(textOf(cancelled)).toContain('key pair was destroyed');
    expect(cancelled.attachments).toEqual([]);
    uploadToExchange('bybit', card);
    const late = textOf(await settled(await h.press(user, created))); // a stale client still shows the old button
    expect(late).toMatch(/expired, was cancelled or was already used/);
    expect(await h.app.store.listCredentials(user)).toEqual([]);
    expect((await h.app.store.recentAudit(user, 10)).map((e) => e.action)).toEqual(['key_pair_discarded', 'key_pair_created']);
  });

  it('rotates to a fresh pair, keeping the old key until the new one passed', async () => {
    const user = newUser();
    const first = await generate(user, 'binance');
    const oldKey = uploadToExchange('binance', first);
    await submitApiKey(user, first, oldKey);
    const before = (await h.app.store.listCredentials(user))[0]!;

    const card = await generate(user, 'binance', 'rotate');
    expect(publicKeyOf(card)).not.toBe(publicKeyOf(first));
    const refused = await submitApiKey(user, card, realisticKey('binance').apiKey);
    expect(textOf(refused)).toContain('Nothing was saved');
    expect((await h.app.store.listCredentials(user))[0]).toEqual(before);

    const newKey = uploadToExchange('binance', card);
    const rotated = textOf(await submitApiKey(user, card, newKey));
    expect(rotated).toContain('rotated');
    expect(rotated).toContain(oldKey.slice(-4)); // "delete the old key …ABCD"
    expect((await h.app.store.listCredentials(user))[0]).toMatchObject({ keyHint: newKey.slice(-4), selfGenerated: { publicKey: publicKeyOf(card) } });
  });

  it('still connects a pasted Ed25519 private key PEM, which keeps working', async () => {
    const user = newUser();
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    const key = h.sim.addKey('binance', realisticKey('binance', { publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString() }));
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const { reply } = await h.connect(user, 'binance', { apiKey: key.apiKey, secret: pem });
    expect(textOf(reply)).toMatch(/connected/);
    const [stored] = await h.app.store.listCredentials(user);
    expect(stored!.selfGenerated).toBeUndefined();
    expect(textOf((await h.command(user, 'keys', 'test', { key: 'binance/main' })).reply)).not.toMatch(/signature|failing/i);
  });
});

describe('the private keys Keyward created', () => {
  it('never appear in anything sent to Discord, in any log line, audit record or data file', async () => {
    const { privateKeys } = await storedKeyPairs(h);
    expect(privateKeys.length).toBeGreaterThanOrEqual(4);
    const leaks = (text: string) => leakedPieces(text, privateKeys.map(privateKeyCanary));
    expect(leaks(h.everythingSent())).toEqual([]);
    const audits = [];
    for await (const userId of h.app.store.users()) audits.push(...(await h.app.store.recentAudit(userId, 200)));
    expect(leaks(JSON.stringify(audits))).toEqual([]);
    const dataDir = join(h.dir, 'data');
    for (const file of await readdir(dataDir)) expect(leaks((await readFile(join(dataDir, file))).toString('latin1')), file).toEqual([]);
    // the scan finds a private key where there is one
    expect(leaks(privateKeys[0]!).length).toBeGreaterThan(0);
  });
});
