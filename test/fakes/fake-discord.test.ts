import {
  ActionRowBuilder,
  ApplicationCommandOptionType,
  ButtonBuilder,
  ButtonStyle,
  Client,
  DiscordAPIError,
  Events,
  LabelBuilder,
  MessageFlags,
  ModalBuilder,
  PermissionFlagsBits,
  Routes,
  TextDisplayBuilder,
  TextInputBuilder,
  TextInputStyle,
  type Interaction,
} from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { loginClient, shardOf, startFakeDiscord, type FakeDiscord, type FakeDiscordOptions } from './discord/index.js';
import { failOnPendingViolations } from './discord/violations.js';

const GUILD = String(7n << 22n);
const USER = '200000000000000001';
const running: Array<{ fake: FakeDiscord; client?: Client }> = [];

afterEach(async () => {
  for (const { fake, client } of running.splice(0)) {
    await client?.destroy();
    await fake.close();
  }
});

/** A fake with one guild and one user, and a real client logged into it that runs `handler` on every interaction. */
async function online(handler: (i: Interaction) => Promise<unknown> = async () => {}, opts: FakeDiscordOptions = {}) {
  const fake = await startFakeDiscord(opts);
  fake.addGuild({ id: GUILD, name: 'Traders', roles: ['300000000000000001'] });
  fake.addUser({ id: USER, username: 'alice' });
  const entry: { fake: FakeDiscord; client?: Client } = { fake };
  running.push(entry);
  const client = await loginClient(fake);
  entry.client = client;
  client.on(Events.InteractionCreate, (i) => void handler(i));
  return { fake, client };
}

/** A modal of `fields` labelled text inputs; the builders let a sixth through, as Discord's users find out. */
function modalWith(fields: number) {
  const modal = new ModalBuilder().setCustomId('connect:binance').setTitle('Connect Binance');
  for (let n = 0; n < fields; n += 1) {
    const input = new TextInputBuilder().setCustomId(`f${n}`).setStyle(TextInputStyle.Short);
    modal.addLabelComponents(new LabelBuilder().setLabel(`Field ${n}`).setTextInputComponent(input));
  }
  return modal;
}

describe('fake discord with a real discord.js client', () => {
  it('logs the client in and delivers READY, the guild and the bot user', async () => {
    const { fake, client } = await online();
    expect(client.user.id).toBe(fake.botUserId);
    expect(client.application.id).toBe(fake.appId);
    expect(client.guilds.cache.get(GUILD)?.name).toBe('Traders');
    expect(fake.identifies).toEqual([{ shard: [0, 1], intents: 1 }]);
    expect(fake.requests.find((r) => r.path === '/gateway/bot')?.status).toBe(200);
  });

  it('records an ephemeral reply to a slash command with flag 64, sent without the bot token', async () => {
    const { fake } = await online(
      async (i) => i.isChatInputCommand() && i.reply({ content: `hi ${i.options.getString('who')}`, flags: MessageFlags.Ephemeral }),
    );
    const run = await fake.slash({ userId: USER, guildId: GUILD, roles: ['300000000000000001'], name: 'hello', options: { who: 'bob' } });
    const ack = await run.ack;
    expect(ack).toMatchObject({ type: 4, status: 204, data: { content: 'hi bob', flags: 64 } });
    expect(await run.waitForReply()).toMatchObject({ privateToUser: true, flags: MessageFlags.Ephemeral });
    expect(fake.requests.find((r) => r.path.endsWith('/callback'))?.authorization).toBeUndefined();
  });

  it('accepts a modal built from Label components and returns the typed values on submit', async () => {
    const { fake } = await online(async (i) => {
      if (i.isChatInputCommand()) {
        const modal = modalWith(1).addTextDisplayComponents(new TextDisplayBuilder().setContent('Read + Trade only.'));
        return i.showModal(modal);
      }
      if (i.isModalSubmit()) return i.reply({ content: `key has ${i.fields.getTextInputValue('f0').length} chars`, flags: MessageFlags.Ephemeral });
    });
    const opened = await fake.slash({ userId: USER, name: 'connect' });
    expect(await opened.ack).toMatchObject({ type: 9, status: 204 });
    expect(opened.original()?.modal?.title).toBe('Connect Binance');
    const submitted = await fake.modalSubmit({ userId: USER, customId: 'connect:binance', fields: { f0: 'fake-key-123' } });
    expect((await submitted.waitForReply()).content).toBe('key has 12 chars');
  });

  it('refuses a six-component modal and a 46-character title with 50035, seen by the client as DiscordAPIError', async () => {
    const errors: unknown[] = [];
    const { fake } = await online(async (i) => {
      if (!i.isChatInputCommand()) return;
      const long = { custom_id: 'x', title: 'T'.repeat(46), components: modalWith(1).toJSON().components };
      for (const modal of [modalWith(6), long]) await i.showModal(modal).catch((e: unknown) => errors.push(e));
    });
    const run = await fake.slash({ userId: USER, guildId: GUILD, name: 'connect' });
    await fake.waitFor(() => errors.length === 2);
    expect(errors[0]).toBeInstanceOf(DiscordAPIError);
    expect(errors[0]).toMatchObject({
      code: 50035,
      status: 400,
      rawError: { errors: { data: { components: { _errors: [{ code: 'BASE_TYPE_BAD_LENGTH' }] } } } },
    });
    expect(errors[1]).toMatchObject({ code: 50035, rawError: { errors: { data: { title: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH' }] } } } } });
    expect(run.callbacks.map((c) => c.status)).toEqual([400, 400]);
    expect(fake.takeViolations().map((v) => v.issue)).toEqual([
      'data.components: Must be between 1 and 5 in length. (documented rule the spec cannot express)',
      'data.title: Too big: expected string to have <=45 characters (ModalInteractionCallbackRequestSchema)',
    ]);
  });

  it('shows a deferred message as loading until editReply fills it', async () => {
    const { fake } = await online(async (i) => {
      if (!i.isChatInputCommand()) return;
      await i.deferReply({ flags: MessageFlags.Ephemeral });
      await new Promise((resolve) => setTimeout(resolve, 20));
      await i.editReply('Binance key works');
    });
    const run = await fake.slash({ userId: USER, guildId: GUILD, name: 'check' });
    const reply = await run.waitForReply();
    expect(reply).toMatchObject({ content: 'Binance key works', privateToUser: true });
    expect(run.edits.map((e) => e.flags & MessageFlags.Loading)).toEqual([MessageFlags.Loading, 0]);
  });

  it('answers 10062 to a first reply that arrives after the deadline', async () => {
    const errors: unknown[] = [];
    const { fake } = await online(
      async (i) => {
        await new Promise((resolve) => setTimeout(resolve, 120));
        if (i.isChatInputCommand()) await i.reply('too late').catch((e: unknown) => errors.push(e));
      },
      { ackDeadlineMs: 50 },
    );
    const run = await fake.slash({ userId: USER, name: 'slow' });
    expect(await run.ack).toMatchObject({ status: 404, code: 10062 });
    await fake.waitFor(() => errors.length === 1);
    expect(errors[0]).toMatchObject({ code: 10062, status: 404 });
  });

  it('answers 40060 to a second acknowledgement of the same interaction', async () => {
    const errors: unknown[] = [];
    const { fake, client } = await online(async (i) => {
      if (!i.isChatInputCommand()) return;
      await i.reply('first');
      const again = { body: { type: 4, data: { content: 'second' } }, auth: false };
      await client.rest.post(Routes.interactionCallback(i.id, i.token), again).catch((e: unknown) => errors.push(e));
    });
    const run = await fake.slash({ userId: USER, name: 'twice' });
    await fake.waitFor(() => errors.length === 1);
    expect(errors[0]).toMatchObject({ code: 40060, status: 400 });
    expect(run.callbacks.map((c) => c.status)).toEqual([204, 400]);
  });

  it('refuses 26 autocomplete choices and accepts 25', async () => {
    const { fake } = await online(async (i) => {
      if (!i.isAutocomplete()) return;
      const choices = (n: number) => Array.from({ length: n }, (_, k) => ({ name: `pair ${k}`, value: `P${k}` }));
      await i.respond(choices(26)).catch(() => i.respond(choices(25)));
    });
    const run = await fake.autocomplete({ userId: USER, guildId: GUILD, name: 'price', focused: 'pair', value: 'BT' });
    await fake.waitFor(() => run.callbacks.length === 2);
    expect(run.callbacks[0]).toMatchObject({ status: 400, code: 50035 });
    expect(run.callbacks[1]).toMatchObject({ status: 204, type: 8 });
    expect(run.callbacks[1]?.data?.choices).toHaveLength(25);
    expect(fake.takeViolations()).toMatchObject([{ route: 'POST /interactions/:id/:token/callback', issue: expect.stringContaining('data.choices: Too big') }]);
  });

  it('delivers user.send to an open user and rejects it with 50007 for a closed one', async () => {
    const { fake, client } = await online();
    fake.addUser({ id: '200000000000000002', username: 'bob', dmsClosed: 50007 });
    await (await client.users.fetch(USER)).send('Your OKX key expires in 3 days');
    expect(fake.dms(USER).map((m) => m.content)).toEqual(['Your OKX key expires in 3 days']);
    const closed = await client.users.fetch('200000000000000002');
    await expect(closed.send('hello')).rejects.toMatchObject({ code: 50007, status: 403 });
    expect(fake.dms('200000000000000002')).toEqual([]);
  });

  it('routes a guild interaction to the shard that owns the guild, and a DM to shard 0', async () => {
    const fake = await startFakeDiscord({ shardCount: 2 });
    const odd = String(1n << 22n);
    fake.addGuild({ id: odd });
    running.push({ fake });
    const client = await loginClient(fake, { shards: 'auto' });
    running[running.length - 1]!.client = client;
    const seen: number[] = [];
    client.on(Events.Raw, (packet: { t?: string }, shardId: number) => void (packet.t === 'INTERACTION_CREATE' && seen.push(shardId)));
    expect(fake.identifies.map((i) => i.shard)).toEqual(
      expect.arrayContaining([
        [0, 2],
        [1, 2],
      ]),
    );
    await fake.slash({ userId: USER, guildId: odd, name: 'ping' });
    await fake.slash({ userId: USER, name: 'ping' });
    await fake.waitFor(() => seen.length === 2);
    expect(seen).toEqual([shardOf(odd, 2), 0]);
    expect(seen[0]).toBe(1);
  });

  it('fails login with a wrong token', async () => {
    const fake = await startFakeDiscord();
    running.push({ fake });
    const client = new Client({ intents: [], rest: { api: fake.apiUrl } });
    await expect(client.login('not-the-token')).rejects.toMatchObject({ code: 'TokenInvalid' });
    expect(fake.requests.at(-1)).toMatchObject({ path: '/gateway/bot', status: 401 });
  });
  it('returns the created message to a reply made with withResponse', async () => {
    const seen: Array<string | undefined> = [];
    const { fake } = await online(async (i) => {
      if (!i.isChatInputCommand()) return;
      const response = await i.reply({ content: 'stored', flags: MessageFlags.Ephemeral, withResponse: true });
      seen.push(response.resource?.message?.content);
    });
    await fake.slash({ userId: USER, guildId: GUILD, name: 'keys' });
    await fake.waitFor(() => seen.length === 1);
    expect(seen).toEqual(['stored']);
  });

  it('turns the first follow-up after a defer into the deferred message, keeping its visibility', async () => {
    const { fake } = await online(async (i) => {
      if (!i.isChatInputCommand()) return;
      await i.deferReply({ flags: MessageFlags.Ephemeral });
      await i.followUp({ content: 'checked' });
      await i.followUp({ content: 'second', flags: MessageFlags.Ephemeral });
    });
    const run = await fake.slash({ userId: USER, guildId: GUILD, name: 'check' });
    await fake.waitFor(() => run.followups.length === 2);
    expect(run.original()).toMatchObject({ content: 'checked', privateToUser: true });
    expect(run.followups.map((m) => [m.content, m.id === run.original()?.id])).toEqual([
      ['checked', true],
      ['second', false],
    ]);
  });

  it('types slash options from the registered command, so getNumber works on a whole number', async () => {
    const prices: number[] = [];
    const { fake, client } = await online(async (i) => void (i.isChatInputCommand() && prices.push(i.options.getNumber('price', true))));
    const price = { type: ApplicationCommandOptionType.Number as const, name: 'price', description: 'Trigger price', required: true };
    await client.application.commands.set([
      { name: 'alert', description: 'Set a price alert', options: [price], defaultMemberPermissions: PermissionFlagsBits.ManageGuild },
    ]);
    await fake.slash({ userId: USER, name: 'alert', options: { price: 64000 } });
    await fake.waitFor(() => prices.length === 1);
    expect(prices).toEqual([64000]);
    expect(fake.commands('global').map((c) => [c.name, c.default_member_permissions])).toEqual([['alert', String(PermissionFlagsBits.ManageGuild)]]);
  });

  it('refuses to register a command whose name has upper-case letters', async () => {
    const { fake, client } = await online();
    const bad = client.application.commands.set([{ name: 'Connect', description: 'Store a key' }], GUILD);
    await expect(bad).rejects.toMatchObject({
      code: 50035,
      rawError: { errors: { 0: { name: { _errors: [{ code: 'APPLICATION_COMMAND_INVALID_NAME' }] } } } },
    });
    expect(fake.takeViolations()).toMatchObject([{ route: 'PUT /applications/:app/guilds/:guild/commands' }]);
  });

  it('lets a button on a message from the bot update that message in place', async () => {
    const { fake } = await online(async (i) => {
      const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
        new ButtonBuilder().setCustomId('forget:okx').setLabel('Forget').setStyle(ButtonStyle.Danger),
      );
      if (i.isChatInputCommand()) return i.reply({ content: 'OKX key stored', components: [row] });
      if (i.isButton()) return i.update({ content: `Forgotten (${i.message.id})`, components: [] });
    });
    const posted = await (await fake.slash({ userId: USER, guildId: GUILD, name: 'keys' })).waitForReply();
    const pressed = await fake.button({ userId: USER, customId: 'forget:okx', messageId: posted.id });
    expect(await pressed.ack).toMatchObject({ type: 7, status: 204 });
    expect(fake.channelMessages(posted.channelId!).map((m) => [m.content, m.components])).toEqual([[`Forgotten (${posted.id})`, []]]);
  });

  it('refuses follow-ups once the interaction token has expired', async () => {
    const errors: unknown[] = [];
    const { fake } = await online(
      async (i) => {
        if (!i.isChatInputCommand()) return;
        await i.reply({ content: 'working on it', flags: MessageFlags.Ephemeral });
        await new Promise((resolve) => setTimeout(resolve, 80));
        await i.followUp('done').catch((e: unknown) => errors.push(e));
      },
      { tokenLifetimeMs: 40 },
    );
    await fake.slash({ userId: USER, name: 'slow' });
    await fake.waitFor(() => errors.length === 1);
    expect(errors[0]).toMatchObject({ code: 50027, status: 401 });
  });

  it('refuses a DM over 2000 characters with 50035 and an empty one with 50006', async () => {
    const { fake, client } = await online();
    const dm = await (await client.users.fetch(USER)).createDM();
    await expect(dm.send('x'.repeat(2001))).rejects.toMatchObject({
      code: 50035,
      rawError: { errors: { content: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH' }] } } },
    });
    await expect(client.rest.post(Routes.channelMessages(dm.id), { body: {} })).rejects.toMatchObject({ code: 50006 });
    expect(fake.dms(USER)).toEqual([]);
    expect(fake.takeViolations().map((v) => v.issue)).toEqual([
      'content: Must be 2000 or fewer in length. (documented rule the spec cannot express)',
      '50006 Cannot send an empty message (documented rule the spec cannot express)',
    ]);
  });

  it('answers unknown routes with 404, records them, and fails the running test naming the route', async () => {
    const { fake, client } = await online();
    await expect(client.rest.get('/guilds/1/audit-logs')).rejects.toMatchObject({ code: 0, status: 404 });
    expect(fake.requests.at(-1)).toMatchObject({ method: 'GET', path: '/guilds/1/audit-logs', status: 404 });
    expect(failOnPendingViolations).toThrow('GET /guilds/1/audit-logs: the fake has no such route, so nothing checks this request against the spec');
  });

  it('checks a multipart body through its payload_json: a file with valid text is delivered, one with an over-long embed title is refused', async () => {
    const { fake, client } = await online();
    const dm = await (await client.users.fetch(USER)).createDM();
    const file = { attachment: Buffer.from('keys,binance'), name: 'keys.csv', description: 'Your keys' };
    await dm.send({ content: 'Export attached', files: [file] });
    expect(fake.requests.at(-1)?.files).toMatchObject([{ name: 'keys.csv' }]);
    expect(fake.dms(USER).map((m) => m.attachments.map((a) => a.filename))).toEqual([['keys.csv']]);
    await expect(dm.send({ embeds: [{ title: 't'.repeat(257) }], files: [file] })).rejects.toMatchObject({ code: 50035 });
    expect(fake.takeViolations().map((v) => v.issue)).toEqual([
      'embeds.0.title: Too big: expected string to have <=256 characters (MessageCreateRequestSchema)',
    ]);
  });

  it('fails the running test with the route and the schema issue when the bot sends a body the spec refuses', async () => {
    const { fake, client } = await online();
    const dm = await (await client.users.fetch(USER)).createDM();
    await expect(dm.send({ embeds: [{ title: 't'.repeat(257) }] })).rejects.toMatchObject({ code: 50035, status: 400 });
    expect(fake.dms(USER)).toEqual([]);
    expect(failOnPendingViolations).toThrow(
      'POST /channels/:channel/messages: embeds.0.title: Too big: expected string to have <=256 characters (MessageCreateRequestSchema)',
    );
  });
  it('tells the bot where a command ran and which installation allowed it', async () => {
    const seen: unknown[] = [];
    const { fake } = await online(
      async (i) => void seen.push([i.context, i.authorizingIntegrationOwners.guildId, i.authorizingIntegrationOwners.userId, i.guildId]),
    );
    await fake.slash({ userId: USER, guildId: GUILD, name: 'keys' });
    await fake.slash({ userId: USER, name: 'keys' });
    await fake.slash({ userId: USER, name: 'keys', userInstall: true, privateChannel: true });
    await fake.waitFor(() => seen.length === 3);
    expect(seen).toEqual([
      [0, GUILD, null, GUILD],
      [1, '0', null, null],
      [2, null, USER, null],
    ]);
  });
});
