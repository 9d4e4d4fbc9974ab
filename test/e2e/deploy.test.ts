import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployCommands, inviteUrl, type DeployOptions } from '../../src/discord/deploy.js';
import { isAppError } from '../../src/errors.js';
import { freePort } from './process-helpers.js';
import { loadCommands } from '../../src/discord/loader.js';
import type { Command } from '../../src/discord/command.js';
import { startFakeDiscord, type FakeDiscord, type JsonObject } from '../fakes/discord/index.js';
import { GUILD, OTHER_GUILD } from './harness.js';

const STRANGER_GUILD = '900000000000000099';
/** What Discord fills in for fields a registration leaves out. */
const DISCORD_DEFAULTS = { type: 1, default_member_permissions: null, nsfw: false };

let discord: FakeDiscord;
let commands: Map<string, Command>;
let expected: JsonObject[];

beforeAll(async () => {
  discord = await startFakeDiscord();
  discord.addGuild({ id: GUILD, name: 'Traders' });
  discord.addGuild({ id: OTHER_GUILD, name: 'More traders' });
  commands = await loadCommands();
  expected = [...commands.values()].map((c) => JSON.parse(JSON.stringify(c.data.toJSON())) as JsonObject);
});
afterAll(async () => {
  await discord?.close();
});

const options = (o: Partial<DeployOptions>): DeployOptions => ({
  token: discord.token,
  applicationId: discord.appId,
  apiUrl: discord.apiUrl,
  guildIds: [],
  global: false,
  ...o,
});

/** A stored command without what Discord adds to it (ids, version, defaults for fields the bot left out). */
function asSent(stored: JsonObject): JsonObject {
  const { id: _id, application_id: _app, version: _version, guild_id: _guild, ...rest } = stored;
  return rest;
}

describe('deployCommands', () => {
  it('registers every command in each allowed server, exactly as the loader builds them', async () => {
    const scopes = await deployCommands(commands, options({ guildIds: [GUILD, OTHER_GUILD] }));
    expect(scopes).toEqual([GUILD, OTHER_GUILD]);
    for (const guild of [GUILD, OTHER_GUILD]) {
      const stored = discord.commands(guild);
      expect(stored.map((c) => c.guild_id)).toEqual(expected.map(() => guild));
      expect(stored.map((c) => c.name)).toEqual(expected.map((c) => c.name));
      for (const command of expected) expect(asSent(stored.find((s) => s.name === command.name)!)).toEqual({ ...DISCORD_DEFAULTS, ...command });
    }
    expect(discord.commands('global')).toEqual([]);
  });

  it('registers them globally, and only globally, when asked to', async () => {
    const before = discord.commands(GUILD);
    expect(await deployCommands(commands, options({ guildIds: [GUILD], global: true }))).toEqual(['global']);
    const stored = discord.commands('global');
    expect(stored.map((c) => c.name)).toEqual(expected.map((c) => c.name));
    for (const command of expected) expect(asSent(stored.find((s) => s.name === command.name)!)).toEqual({ ...DISCORD_DEFAULTS, ...command });
    expect(discord.commands(GUILD)).toEqual(before);
  });

  it("keeps each command's id when deployed again, so Discord does not duplicate them", async () => {
    const ids = discord.commands(OTHER_GUILD).map((c) => c.id);
    await deployCommands(commands, options({ guildIds: [OTHER_GUILD] }));
    expect(discord.commands(OTHER_GUILD).map((c) => c.id)).toEqual(ids);
  });

  it('for a server the bot is not in, names the server and gives the invite link with both scopes', async () => {
    const err = await deployCommands(commands, options({ guildIds: [STRANGER_GUILD] })).catch((e: unknown) => e);
    expect(isAppError(err, 'DISCORD_MISSING_ACCESS')).toBe(true);
    expect((err as Error).message).toContain(STRANGER_GUILD);
    expect((err as Error).message).toContain(inviteUrl(discord.appId));
    expect(inviteUrl(discord.appId)).toBe(`https://discord.com/oauth2/authorize?client_id=${discord.appId}&scope=bot+applications.commands&permissions=3072`);
  });

  it('says the token was refused on a 401, without quoting it', async () => {
    const token = 'MTEwMDAwMDAwMDAwMDAwMDAwMQ.wrong0.not-the-token-the-fake-accepts';
    const err = await deployCommands(commands, options({ token, guildIds: [GUILD] })).catch((e: unknown) => e);
    expect(isAppError(err, 'DISCORD_TOKEN_REFUSED')).toBe(true);
    expect((err as Error).message).toContain('Reset Token');
    expect((err as Error).message).not.toContain(token);
  });

  it('says Discord could not be reached when nothing answers, instead of an anonymous fetch error', async () => {
    const err = await deployCommands(commands, options({ apiUrl: `http://127.0.0.1:${await freePort()}/api`, guildIds: [GUILD] })).catch((e: unknown) => e);
    expect(isAppError(err, 'DISCORD_UNREACHABLE'), String(err)).toBe(true);
    expect((err as Error).message).toContain('ECONNREFUSED');
  });
});
