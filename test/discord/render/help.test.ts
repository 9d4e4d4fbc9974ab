import { describe, expect, it } from 'vitest';
import { listExchanges } from '../../../src/exchanges/catalog.js';
import { HELP_TOPICS, renderHelp } from '../../../src/discord/render/help.js';
import { entry, HOSTILE } from './fixtures.js';
import { expectWithinDiscordLimits, textOf, UNESCAPED_AT } from './limits.js';

const majors = listExchanges().slice(0, 10);

describe('help', () => {
  it("offers the topics traders ask about, within Discord's 25 choices", () => {
    const values = HELP_TOPICS.map((t) => t.value);
    expect(values).toEqual(expect.arrayContaining(['create-key', 'permissions', 'ip-whitelist', 'clock', 'rate-limits', 'safety', 'reminders', 'commands']));
    expect(HELP_TOPICS.length).toBeLessThanOrEqual(25);
    expect(new Set(values).size).toBe(values.length);
    for (const t of HELP_TOPICS) expect(t.name.length).toBeLessThanOrEqual(100);
  });

  it("renders every topic within Discord's limits", () => {
    for (const t of [...HELP_TOPICS.map((x) => x.value), undefined]) expectWithinDiscordLimits(renderHelp(t, majors));
  });

  it('shows the overview of every command and the list of guides when no topic is given', () => {
    const text = textOf(renderHelp(undefined, majors));
    for (const command of [
      '/connect',
      '/balance',
      '/keys list',
      '/keys test',
      '/keys rotate',
      '/keys remove',
      '/keys forget',
      '/keys audit',
      '/keys remind',
      '/exchanges',
      '/help',
    ]) {
      expect(text).toContain(command);
    }
    expect(text).toContain('/help topic:ip-whitelist');
  });

  it('lists where each major exchange hides its API page', () => {
    const text = textOf(renderHelp('create-key', majors));
    expect(text).toContain('**Binance**: Profile → Account → API Management → Create API');
    expect(text).toContain('**Bybit**: Profile → Account & Security → API Management → Create New Key');
  });

  it('says to grant Read and Trade and never Withdraw', () => {
    const text = textOf(renderHelp('permissions', majors));
    expect(text).toContain('**Read**');
    expect(text).toContain('**Trade**');
    expect(text).toContain('**Never grant Withdraw.**');
  });

  it('explains that un-whitelisted Bybit keys expire and that rate limits are shared per IP', () => {
    expect(textOf(renderHelp('ip-whitelist', majors))).toContain('Bybit keys without a whitelist expire after 90 days');
    expect(textOf(renderHelp('rate-limits', majors))).toContain('every bot running on one server shares one allowance');
  });

  it('explains reminders with the remind command and the Snooze and Rotate buttons', () => {
    const text = textOf(renderHelp('reminders', majors));
    expect(text).toContain('days:<30–365>');
    expect(text).toContain('days:off');
    expect(text).toContain('**Rotate**');
    expect(text).toContain('**Snooze**');
  });

  it('falls back to the overview for a topic that does not exist, escaping what was typed', () => {
    const embeds = renderHelp(HOSTILE, majors);
    expectWithinDiscordLimits(embeds);
    expect(textOf(embeds)).toContain('There is no guide called');
    expect(textOf(embeds)).not.toMatch(UNESCAPED_AT);
  });

  it('keeps the key guide within limits with many majors and long paths', () => {
    const many = Array.from({ length: 200 }, (_, i) => entry({ id: `e${i}`, name: HOSTILE, createKeyPath: HOSTILE }));
    expectWithinDiscordLimits(renderHelp('create-key', many));
  });
});
