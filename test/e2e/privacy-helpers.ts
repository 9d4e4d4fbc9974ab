import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import { DAY, ManualClock } from '../../src/clock.js';
import type { AuditEvent } from '../../src/store/index.js';
import type { FakeMessage, InteractionRun, RecordedRequest } from '../fakes/discord/index.js';
import type { Fault, KeyProfile } from '../sim/types.js';
import { realisticKey } from '../sim/keys.js';
import { GUILD, WITHDRAW_OFF_LABEL, buttonId, pasteForm, settled, textOf, useKeyward, type E2E } from './harness.js';
import { CREATED_LABEL, GENERATE_LABEL, isKeyPairCard, privateKeyCanary, publicKeyOf, storedKeyPairs } from './key-pair-helpers.js';

/** Takes every journey with canary keys; her DMs stay open. */
export const CANARY_ALICE = '300000000000000001';
/** Has one canary key and closed DMs, so his reminders become a channel notice; forgets everything at the end. */
export const CANARY_BOB = '300000000000000002';
/** Never does anything, so must never hear from Keyward. */
export const BYSTANDER = '300000000000000003';
const OPS_GUILD = '900000000000000077';
/** The operators' channel (REMINDER_CHANNEL_ID) where only a mention about closed DMs may appear. */
export const NOTICE_CHANNEL = '920000000000000077';

/** A world tuned for long journeys: a clock the test moves, no validation quota in the way, a notice channel for closed DMs. */
export function usePrivacyWorld(): { h: E2E; clock: ManualClock } {
  const clock = new ManualClock(Date.now());
  const h = useKeyward({ clock, env: { VALIDATIONS_PER_WINDOW: '1000', VALIDATION_TIMEOUT_MS: '2000', REMINDER_CHANNEL_ID: NOTICE_CHANNEL } });
  return { h, clock };
}

/** What the journeys left behind for the scans to read. */
export interface Journeys {
  /** every credential value a user typed */
  canaries: string[];
  /** every interaction pushed, in order */
  runs: InteractionRun[];
  /** the guild channel every command was run in */
  guildChannelId: string;
  /** each user's audit trail, read before anyone was forgotten */
  audits: Map<string, AuditEvent[]>;
}

const PUBLIC_SCAFFOLDING = /-----[A-Z ]+-----|organizations\/|\/apiKeys\//g;
const hex = (n: number) => randomBytes(n).toString('hex').slice(0, n);

/**
 * Every 12-character piece of the canaries that appears in `text`. One pass over the text, so a
 * megabyte of requests and logs is scanned in milliseconds.
 */
export function leakedPieces(text: string, canaries: readonly string[]): string[] {
  const pieces = new Set<string>();
  // the fixed parts of a format (a PEM's armour, coinbase's "organizations/…/apiKeys/") are public: hints and placeholders show them
  const parts = canaries.flatMap((c) => c.replace(PUBLIC_SCAFFOLDING, ' ').split(/\s+/));
  for (const p of parts) for (let i = 0; i + 12 <= p.length; i++) pieces.add(p.slice(i, i + 12));
  const found = new Set<string>();
  for (let i = 0; i + 12 <= text.length; i++) {
    const piece = text.slice(i, i + 12);
    if (pieces.has(piece)) found.add(piece);
  }
  return [...found];
}

/** The path of a request with its ids generalised, e.g. "POST /interactions/:id/:token/callback". */
export function routeOf(r: RecordedRequest): string {
  return `${r.method} ${r.path
    .replace(/\/\d{17,20}/g, '/:id')
    .replace(/\/interactions\/:id\/[^/]+/, '/interactions/:id/:token')
    .replace(/\/webhooks\/:id\/[^/]+/, '/webhooks/:app/:token')}`;
}

/** Drives the fake Discord as users would, keeping every run and every typed value. */
class Driver {
  readonly runs: InteractionRun[] = [];
  readonly canaries: string[] = [];
  constructor(private readonly h: E2E) {}

  /** A simulated key whose secret (and passphrase) carry a marker, in the exchange's own shape; a PEM's random body is its own marker. */
  key(exchange: string, profile: Partial<KeyProfile> = {}): Record<string, string> {
    const marked =
      exchange === 'coinbase'
        ? {}
        : exchange === 'okx'
          ? { secret: `CANARYSECRET${hex(20)}`.toUpperCase(), password: `CANARYPASS-${hex(12)}` }
          : { secret: `CANARYSECRET${hex(52)}` };
    return this.h.key(exchange, { ...marked, ...profile }).typed;
  }

  private pushed(run: InteractionRun): InteractionRun {
    this.runs.push(run);
    return run;
  }

  async slash(userId: string, name: string, subcommand?: string, options?: Record<string, string>): Promise<FakeMessage> {
    const run = await this.h.discord.slash({ userId, guildId: GUILD, name, subcommand, options });
    this.runs.push(run);
    return settled(run);
  }

  async opening(userId: string, name: string, subcommand?: string, options?: Record<string, string>): Promise<InteractionRun> {
    const run = await this.h.discord.slash({ userId, guildId: GUILD, name, subcommand, options });
    this.runs.push(run);
    return run;
  }

  /** Presses a button on the very message that carries it (so an update edits that message). */
  async press(userId: string, message: FakeMessage, label: string): Promise<InteractionRun> {
    const run = await this.h.discord.button({ userId, customId: buttonId(message, label), messageId: message.id });
    this.runs.push(run);
    return run;
  }

  /** Fills the form `opened` showed, in the place it was opened, and waits for the verdict. */
  async submit(userId: string, opened: InteractionRun, typed: Record<string, string>, inDm = false): Promise<FakeMessage> {
    // where Keyward offers to create a key pair, these journeys paste (the pair journeys are their own)
    const recorded = { button: async (o: Parameters<E2E['discord']['button']>[0]) => this.pushed(await this.h.discord.button(o)) };
    const modal = await pasteForm(recorded, userId, opened, inDm ? undefined : GUILD);
    this.canaries.push(...Object.values(typed));
    const run = await this.h.discord.modalSubmit({ userId, guildId: inDm ? undefined : GUILD, customId: modal.custom_id, fields: typed });
    this.runs.push(run);
    return settled(run);
  }

  /**
   * The key-pair journey: Generate, a first API key the exchange does not know yet (refused, the pair
   * waits), the public key registered on the exchange, Try again with the key it shows.
   */
  async generatedKey(userId: string, opened: InteractionRun, exchange: string): Promise<string> {
    const card = await (await this.press(userId, await settled(opened), GENERATE_LABEL)).waitForReply(isKeyPairCard, 15_000);
    const apiKey = realisticKey(exchange).apiKey;
    const refused = await this.apiKey(userId, await this.press(userId, card, CREATED_LABEL), apiKey);
    this.h.sim.addKey(exchange, realisticKey(exchange, { apiKey, publicKey: publicKeyOf(card) }));
    return textOf(await this.apiKey(userId, await this.press(userId, refused, 'Try again'), apiKey));
  }

  /** A key pair created and then cancelled: its private key is destroyed and never stored. */
  async cancelledKeyPair(userId: string, opened: InteractionRun): Promise<string> {
    const card = await (await this.press(userId, await settled(opened), GENERATE_LABEL)).waitForReply(isKeyPairCard, 15_000);
    return textOf(await settled(await this.press(userId, card, 'Cancel')));
  }

  private async apiKey(userId: string, opened: InteractionRun, apiKey: string): Promise<FakeMessage> {
    const modal = (await opened.waitForReply((m) => Boolean(m.modal), 10_000)).modal!;
    return settled(this.pushed(await this.h.discord.modalSubmit({ userId, guildId: GUILD, customId: String(modal.custom_id), fields: { apiKey } })));
  }

  async connect(userId: string, exchange: string, typed: Record<string, string>, account: string): Promise<string> {
    return textOf(await this.submit(userId, await this.opening(userId, 'connect', undefined, { exchange, account }), typed));
  }
}

/** Every failure a connect can meet: the key's own faults and the exchange's. */
function failures(d: Driver): Array<{ exchange: string; typed: Record<string, string>; fault?: Fault; says: RegExp }> {
  const wrongSecret = { ...d.key('binance'), secret: `CANARYSECRET${hex(52)}` };
  const wrongPass = { ...d.key('okx'), password: `CANARYPASS-${hex(12)}` };
  const spaced = d.key('binance');
  spaced.secret = `${spaced.secret!.slice(0, 30)} ${spaced.secret!.slice(30)}`;
  const down = (fault: Fault, says: RegExp) => ({ exchange: 'binance', typed: d.key('binance'), fault: { ...fault, scope: 'private' as const }, says });
  return [
    { exchange: 'binance', typed: wrongSecret, says: /The secret key does not match this API key/ },
    { exchange: 'okx', typed: wrongPass, says: /The passphrase is wrong/ },
    { exchange: 'binance', typed: d.key('binance', { withdraw: true }), says: /This key can withdraw funds, so Keyward refused it/ },
    { exchange: 'okx', typed: d.key('okx', { ips: ['203.0.113.7'] }), says: /bound to IP addresses, and this server is not one of them/ },
    { exchange: 'coinbase', typed: { ...d.key('coinbase'), secret: d.key('coinbase').secret! }, says: /Coinbase rejected these credentials/ },
    { exchange: 'binance', typed: spaced, says: /Secret key contains spaces or line breaks/ },
    down({ serverError: 502 }, /Binance is unreachable or answered with a server error/),
    down({ rateLimit: { retryAfterSec: 2 } }, /Binance is rate-limiting this server/),
    down({ malformedJson: true }, /Binance is unreachable or answered with a server error/),
    down({ hang: true }, /Binance did not answer in time/),
  ];
}

/**
 * Pushes every journey a user can take, with canary credentials: connect (success and every kind
 * of failure, and the withdrawal question answered both ways), Replace, Add as another account, Cancel, /balance with a failing account, every
 * /keys subcommand, /exchanges, /help, reminder and health DMs (one user with closed DMs), a
 * rotation from a DM button, and /keys forget.
 */
export async function runEveryJourney(h: E2E, clock: ManualClock): Promise<Journeys> {
  const d = new Driver(h);
  const [A, B] = [CANARY_ALICE, CANARY_BOB];
  for (const id of [A, B, BYSTANDER]) h.discord.addUser({ id });
  h.discord.addGuild({ id: OPS_GUILD, name: 'Operators', channels: [{ id: NOTICE_CHANNEL, name: 'keyward-notices' }] });

  expect(await d.connect(A, 'binance', d.key('binance'), 'main')).toMatch(/Binance · main\S* connected/);
  let n = 0;
  for (const f of failures(d)) {
    if (f.fault) h.sim.setFault(f.exchange, f.fault);
    const said = await d.connect(A, f.exchange, f.typed, `failed${++n}`);
    h.sim.clearFaults(f.exchange);
    expect(said, `failure ${n}`).toMatch(f.says);
  }
  const exists = await d.slash(A, 'connect', undefined, { exchange: 'binance' });
  expect(textOf(await d.submit(A, await d.press(A, exists, 'Replace it'), d.key('binance')))).toMatch(/replaced/);
  const another = await d.press(A, await d.slash(A, 'connect', undefined, { exchange: 'binance' }), 'Add as another account');
  expect(textOf(await d.submit(A, another, d.key('binance')))).toMatch(/main-2\S* connected/);
  await settled(await d.press(A, await d.slash(A, 'connect', undefined, { exchange: 'binance' }), 'Cancel'));
  expect(await d.connect(A, 'coinbase', d.key('coinbase'), 'main')).toMatch(/connected/);
  // exchanges that do not report withdrawals: the key waits for an answer (confirmed once, declined once)
  const asked = await d.submit(A, await d.opening(A, 'connect', undefined, { exchange: 'mexc', account: 'main' }), d.key('mexc'));
  expect(textOf(asked)).toMatch(/does not report whether this key can withdraw/);
  expect(textOf(await settled(await d.press(A, asked, WITHDRAW_OFF_LABEL)))).toMatch(/MEXC · main\S* connected/);
  const declined = await d.submit(A, await d.opening(A, 'connect', undefined, { exchange: 'gate', account: 'main' }), d.key('gate'));
  expect(textOf(await settled(await d.press(A, declined, 'Cancel')))).toMatch(/was not stored/);
  // key pairs Keyward creates: connected after a failed first try, rotated to a fresh pair, and one cancelled
  expect(await d.generatedKey(A, await d.opening(A, 'connect', undefined, { exchange: 'binance', account: 'pair' }), 'binance')).toMatch(
    /Self-generated Ed25519 key/,
  );
  expect(await d.generatedKey(A, await d.opening(A, 'keys', 'rotate', { key: 'binance/pair' }), 'binance')).toMatch(/pair\S* rotated/);
  expect(await d.generatedKey(A, await d.opening(A, 'connect', undefined, { exchange: 'bybit', account: 'pair' }), 'bybit')).toMatch(/Self-generated RSA key/);
  expect(await d.cancelledKeyPair(A, await d.opening(A, 'connect', undefined, { exchange: 'bybit', account: 'gone' }))).toMatch(/key pair was destroyed/);
  const okx = d.key('okx');
  expect(await d.connect(A, 'okx', okx, 'main')).toMatch(/connected/);
  h.sim.updateKey('okx', okx.apiKey!, { state: 'revoked' });

  const balance = await d.slash(A, 'balance');
  expect(textOf(balance)).toMatch(/OKX/);
  await (await d.press(A, balance, 'Refresh')).waitForReply((m) => m.embeds.length > 0);
  const choices = await h.discord.autocomplete({ userId: A, guildId: GUILD, name: 'keys', subcommand: 'test', focused: 'key', value: '' });
  d.runs.push(choices);
  await choices.ack;
  await d.slash(A, 'keys', 'list');
  await d.slash(A, 'keys', 'test', { key: 'binance/main' });
  expect(textOf(await d.submit(A, await d.opening(A, 'keys', 'rotate', { key: 'binance/main' }), d.key('binance')))).toMatch(/rotated/);
  await settled(await d.press(A, await d.slash(A, 'keys', 'remove', { key: 'binance/main-2' }), 'Remove'));
  await d.slash(A, 'keys', 'remind', { days: '60' });
  await d.slash(A, 'keys', 'audit');
  for (const options of [undefined, { search: 'okx' }]) await d.slash(A, 'exchanges', undefined, options);
  for (const options of [undefined, { topic: 'safety' }]) await d.slash(A, 'help', undefined, options);

  expect(await d.connect(B, 'binance', d.key('binance'), 'main')).toMatch(/connected/);
  h.discord.setDmsClosed(B, 50007);
  clock.advance(91 * DAY);
  expect(await h.app.scheduler.tick()).toBeGreaterThan(0);
  const reminder = h.discord.dms(A).find((m) => JSON.stringify(m.components).includes('Snooze 7 days'));
  expect(reminder, 'a reminder DM with Rotate and Snooze buttons').toBeDefined();
  expect(textOf(await d.submit(A, await d.press(A, reminder!, 'Rotate Binance · main'), d.key('binance'), true))).toMatch(/rotated/);
  await (await d.press(A, reminder!, 'Snooze 7 days')).waitForReply();
  const missed = await d.opening(B, 'keys', 'list');
  await missed.waitForReply((m) => /could not DM you/.test(m.content ?? ''));

  const audits = new Map<string, AuditEvent[]>();
  for (const id of [A, B]) audits.set(id, await h.app.store.recentAudit(id, 200));
  // the private keys Keyward created are canaries too, though nobody ever typed them
  d.canaries.push(...(await storedKeyPairs(h)).privateKeys.map(privateKeyCanary));
  await settled(await d.press(B, await d.slash(B, 'keys', 'forget'), 'Forget everything'));
  return { canaries: d.canaries, runs: d.runs, guildChannelId: d.runs[0]!.original()?.channelId ?? '', audits };
}
