import { describe, expect, it } from 'vitest';
import { expectRefusal, newUser, said } from './access-helpers.js';
import { GUILD, settled, useKeyward } from './harness.js';

const h = useKeyward();

/** Values a user can type into the key option instead of picking a suggestion. */
const MADE_UP = ['Binance/Main Account', 'binance/' + 'a'.repeat(40), 'not an exchange/main', '../../etc/passwd/x', 'binance/main\u202e', 'binance/-main'];

describe('a key option typed instead of picked', () => {
  for (const sub of ['test', 'rotate', 'remove']) {
    it(`/keys ${sub} answers "no such key" for every made-up value, and logs no error`, async () => {
      const user = newUser(h);
      await h.connect(user, 'binance', h.key('binance').typed);
      const before = h.logs.length;
      for (const value of MADE_UP) {
        const run = await h.discord.slash({ userId: user, guildId: GUILD, name: 'keys', subcommand: sub, options: { key: value } });
        await expectRefusal(run, said('KEY_CHOICE_UNKNOWN'));
      }
      const written = h.logs.slice(before).join('');
      expect(written).not.toMatch(/"level":(50|60)/);
      expect(written).not.toContain('"stack"');
      expect(written).not.toContain('interaction failed');
    });
  }

  it('still finds the key when the picked value differs only in case or spaces', async () => {
    const user = newUser(h);
    await h.connect(user, 'binance', h.key('binance').typed);
    const run = await h.discord.slash({ userId: user, guildId: GUILD, name: 'keys', subcommand: 'remove', options: { key: ' Binance/MAIN ' } });
    const reply = await settled(run);
    expect(JSON.stringify(reply.components)).toContain('"Remove"');
  });
});
