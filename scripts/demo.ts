/**
 * npm run demo — a scripted session against the project's own fakes, with no Discord token and no
 * exchange: the loopback Discord and exchange simulator run here, the real bot runs as its own
 * process configured only through its environment, and the transcript shows what the user sees.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startFakeDiscord, type FakeDiscord, type FakeMessage, type InteractionRun } from '../test/fakes/discord/index.js';
import { buttonId, PASTE_LABEL, settled } from '../test/e2e/driver.js';
import { startProcess, type RunningProcess } from '../test/e2e/process-helpers.js';
import { entryArgs } from '../test/helpers/spawn.js';
import { realisticKey, typedCredentials } from '../test/sim/keys.js';
import { startExchangeSimulator, type ExchangeSimulator } from '../test/sim/server.js';
import { describeMessage } from './transcript.js';

const GUILD = '900000000000000001';
const GENERATE = 'Generate a key pair here (recommended — no secret to copy)';
const ALICE = '100000000000000001';
const root = fileURLToPath(new URL('../', import.meta.url));

const say = (line = '') => process.stdout.write(`${line}\n`);
const show = (m: FakeMessage) => say(describeMessage(m));

/** One of the project's entry points as its own process, configured only through `env`. */
const run = (entry: string, env: Record<string, string>): RunningProcess => startProcess(process.execPath, entryArgs(entry), env, root);

/** Presses a button on the message that carries it (so an update edits that message). */
function press(discord: FakeDiscord, message: FakeMessage, label: string): Promise<InteractionRun> {
  say(`\nAlice presses [${label}]`);
  return discord.button({ userId: ALICE, guildId: GUILD, customId: buttonId(message, label), messageId: message.id });
}

/**
 * The recommended way: Keyward creates the key pair and shows only its public key; Alice registers it
 * on the exchange (here: the simulator) and types just the API key the exchange displays.
 */
async function generatedKey(discord: FakeDiscord, sim: ExchangeSimulator, opened: InteractionRun, exchange: string): Promise<FakeMessage> {
  const choice = await settled(opened, 15_000);
  show(choice);
  const card = await (await press(discord, choice, GENERATE)).waitForReply((m) => (m.content ?? '').includes('BEGIN PUBLIC KEY'), 30_000);
  show(card);
  const publicKey = /```\n(-----BEGIN PUBLIC KEY-----[\s\S]+?-----END PUBLIC KEY-----)\n```/.exec(card.content ?? '')![1]!;
  const apiKey = sim.addKey(exchange, realisticKey(exchange, { publicKey: `${publicKey}\n`, ips: ['127.0.0.1', '::ffff:127.0.0.1'] })).apiKey;
  say(`\nOn ${exchange} Alice chooses Self-generated, pastes the public key, keeps Read + Trade only; the exchange shows her an API key.`);
  const form = await (await press(discord, card, 'I created it')).waitForReply((m) => Boolean(m.modal), 15_000);
  say('  ✎ Alice sees a private form asking only for that API key:');
  show(form);
  say('  ▸ Alice presses [Submit]; Keyward signs a check with the private key it kept sealed:');
  const reply = await settled(await discord.modalSubmit({ userId: ALICE, guildId: GUILD, customId: form.modal!.custom_id, fields: { apiKey } }), 30_000);
  show(reply);
  return reply;
}

async function submitForm(discord: FakeDiscord, opened: InteractionRun, typed: Record<string, string>): Promise<FakeMessage> {
  let form = await opened.waitForReply((m) => Boolean(m.modal) || JSON.stringify(m.components).includes(PASTE_LABEL), 15_000);
  if (!form.modal) {
    show(form);
    form = await (await press(discord, form, PASTE_LABEL)).waitForReply((m) => Boolean(m.modal), 15_000);
  }
  say(`  ✎ Alice sees a private form and types her key into it:`);
  show(form);
  say('  ▸ Alice presses [Submit]; the form goes to Keyward, which checks the key with the exchange:');
  const reply = await settled(await discord.modalSubmit({ userId: ALICE, guildId: GUILD, customId: form.modal!.custom_id, fields: typed }), 30_000);
  show(reply);
  return reply;
}

async function slash(discord: FakeDiscord, label: string, name: string, subcommand?: string, options?: Record<string, string>): Promise<InteractionRun> {
  say(`\nAlice ▸ ${label}`);
  return discord.slash({ userId: ALICE, guildId: GUILD, name, subcommand, options });
}

/** Each exchange's wallet in this demo, so /balance shows accounts apart (amounts made up for the demo). */
const DEMO_BALANCES: Record<string, Record<string, { free: number; used: number }>> = {
  binance: { BTC: { free: 0.42, used: 0 }, USDT: { free: 3180.25, used: 120 }, ETH: { free: 0.8, used: 0 } },
  okx: { ETH: { free: 3.1, used: 0.2 }, USDT: { free: 845.1, used: 0 }, SOL: { free: 25, used: 0 } },
  bybit: { USDT: { free: 5020, used: 0 }, BTC: { free: 0.05, used: 0 } },
};

async function main(): Promise<number> {
  const dir = await mkdtemp(join(tmpdir(), 'keyward-demo-'));
  const discord = await startFakeDiscord();
  const sim: ExchangeSimulator = await startExchangeSimulator();
  discord.addGuild({ id: GUILD, name: 'Traders' });
  discord.addUser({ id: ALICE, username: 'alice' });
  const env = {
    DISCORD_TOKEN: discord.token,
    DISCORD_APPLICATION_ID: discord.appId,
    DISCORD_API_URL: discord.apiUrl,
    ALLOWED_GUILD_IDS: GUILD,
    STORE_URL: `sqlite://${join(dir, 'data', 'keyward.sqlite')}`,
    KEYRING_FILE: join(dir, 'secrets', 'keyring.json'),
    EXCHANGE_API_OVERRIDES: JSON.stringify(sim.overrides),
    SCHEDULER_TICK_SECONDS: '1',
    LOG_LEVEL: 'info',
  };
  const secrets: string[] = [];
  const key = (exchange: string, profile = {}) => {
    const k = sim.addKey(exchange, realisticKey(exchange, { balances: DEMO_BALANCES[exchange], ...profile }));
    secrets.push(k.secret, ...(k.password ? [k.password] : []));
    return typedCredentials(k);
  };
  let bot: RunningProcess | undefined;
  try {
    say('Keyward demo: a loopback Discord and exchange simulator; the bot runs as its own process.\n');
    const deploy = run('src/cli/deploy-commands.ts', env);
    if ((await deploy.exited) !== 0) throw new Error(`deploy-commands failed:\n${deploy.output()}`);
    say(`$ npm run deploy-commands\n${deploy.output().trim()}`);
    bot = run('src/main.ts', env);
    await bot.waitFor('Keyward is ready');
    say('$ npm start   (the bot logged in to the fake Discord)');

    say('\nFirst the recommended way: Keyward creates the key pair, and no secret is ever typed, copied or shown.');
    await generatedKey(discord, sim, await slash(discord, '/connect exchange:binance', 'connect', undefined, { exchange: 'binance' }), 'binance');
    say('\nOKX takes no uploaded public key, so its key is pasted into a private form:');
    const refused = await submitForm(
      discord,
      await slash(discord, '/connect exchange:okx', 'connect', undefined, { exchange: 'okx' }),
      key('okx', { withdraw: true }),
    );
    say('\nAlice turns withdrawals off on a new OKX key and presses [Try again]');
    const retry = await discord.button({ userId: ALICE, guildId: GUILD, customId: buttonId(refused, 'Try again') });
    await submitForm(discord, retry, key('okx'));
    show(await settled(await slash(discord, '/balance', 'balance'), 30_000));
    say('\nRotating a generated key creates a fresh pair; the old key stays until the new one passed:');
    await generatedKey(discord, sim, await slash(discord, '/keys rotate key:binance/main', 'keys', 'rotate', { key: 'binance/main' }), 'binance');
    const confirm = await settled(await slash(discord, '/keys remove key:okx/main', 'keys', 'remove', { key: 'okx/main' }));
    show(confirm);
    say('\nAlice presses [Remove]');
    show(await settled(await discord.button({ userId: ALICE, guildId: GUILD, customId: buttonId(confirm, 'Remove') })));

    say('\nAlice pastes an existing Bybit key that the exchange says expires in 5 days; a reminder DM follows:');
    await submitForm(
      discord,
      await slash(discord, '/connect exchange:bybit', 'connect', undefined, { exchange: 'bybit' }),
      key('bybit', { expiresAt: Date.now() + 5 * 86_400_000 }),
    );
    const dm = await discord.waitFor(() => discord.dms(ALICE)[0], 20_000);
    say('\nDM from Keyward to Alice:');
    show(dm);
    show(await settled(await slash(discord, '/keys list', 'keys', 'list')));

    bot.child.kill('SIGTERM');
    const code = await bot.exited;
    const botOutput = bot.output();
    bot = undefined;
    const seen = [
      discord.requests.map((r) => r.rawBody).join('\n'),
      botOutput,
      deploy.output(),
      await readFile(join(dir, 'data', 'keyward.sqlite'), 'latin1'),
    ].join('\n');
    const leaks = secrets.filter((s) => seen.includes(s) || seen.includes(s.slice(0, 16)));
    say(`\nThe bot stopped cleanly (exit ${code}).`);
    if (leaks.length > 0) {
      say(`✗ ${leaks.length} secret(s) appeared in what the bot sent, logged or stored in plain text.`);
      return 1;
    }
    if (seen.includes('BEGIN PRIVATE KEY')) {
      say('✗ A private key appeared in what the bot sent, logged or stored in plain text.');
      return 1;
    }
    say('✓ The generated private keys never left the bot: only their public keys were shown.');
    say(`✓ None of the ${secrets.length} secrets typed in this session appeared in anything the bot sent to Discord, its logs, or its database file.`);
    return code === 0 ? 0 : 1;
  } finally {
    bot?.child.kill('SIGKILL');
    await discord.close();
    await sim.close();
    await rm(dir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`demo failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
