import { describe, expect, it } from 'vitest';
import { CommandMentions } from '../../src/discord/command-mentions.js';

const GUILD = '900000000000000001';
/** What GET /applications/{id}/guilds/{guild}/commands returns, trimmed to the fields used (ids made up). */
const registered = [
  {
    id: '111',
    name: 'keys',
    options: [
      { type: 1, name: 'list' },
      { type: 1, name: 'test' },
    ],
  },
  { id: '222', name: 'balance', options: [{ type: 3, name: 'exchange' }] },
  { id: '333', name: 'help', options: [{ type: 3, name: 'topic' }] },
];
const rest = { get: async (route: string) => (route.includes(`/guilds/${GUILD}/`) ? registered : []) };

async function loaded(): Promise<CommandMentions> {
  const mentions = new CommandMentions();
  await mentions.load(rest as never, '1100000000000000001', [GUILD]);
  return mentions;
}

describe('command names in replies', () => {
  it('become mentions with the id registered in that server, subcommand included', async () => {
    const m = await loaded();
    expect(m.apply('Check it with /keys test, or see /balance.', GUILD)).toBe('Check it with </keys test:111>, or see </balance:222>.');
  });

  it('stay plain where a mention cannot work: a command with subcommands named alone, an option to pick, another server, unknown names', async () => {
    const m = await loaded();
    expect(m.apply('Use /keys to manage them.', GUILD)).toBe('Use /keys to manage them.');
    expect(m.apply('See /help topic:keys.', GUILD)).toBe('See /help topic:keys.');
    expect(m.apply('See /keys list.', '900000000000000002')).toBe('See /keys list.');
    expect(m.apply('organizations/…/apiKeys/… and https://x.example/balance', GUILD)).toBe('organizations/…/apiKeys/… and https://x.example/balance');
  });
});
