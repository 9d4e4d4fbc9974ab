import { describe, expect, it } from 'vitest';
import { formTarget, keyTarget, pendingTarget } from '../../src/discord/key-link.js';
import { KEY_PAIR_TARGETS } from '../../src/discord/key-pair-flow.js';
import { WITHDRAW_TARGETS } from '../../src/discord/key-submit.js';
import { readLinkOf } from '../../src/discord/link-target.js';
import type { Link } from '../../src/discord/links.js';

/** The buttons of /connect, as the command reads them. */
const BUTTONS = { ...KEY_PAIR_TARGETS, ...WITHDRAW_TARGETS, replace: keyTarget, another: keyTarget, cancel: keyTarget, retry: keyTarget };
const link = (action: string, target: Link['target']): Link => ({ customId: `connect:${action}:x`, userId: '1', command: 'connect', action, target });
const invalid = expect.objectContaining({ code: 'LINK_INVALID' });

describe('reading a key button back', () => {
  it("gives the key's place, and the purpose or waiting key where the button carries one", () => {
    expect(readLinkOf(link('another', { exchange: 'binance', account: 'main' }), BUTTONS)).toEqual({
      action: 'another',
      target: { exchange: 'binance', account: 'main' },
    });
    expect(readLinkOf(link('paste', { exchange: 'okx', account: 'bot', purpose: 'replace' }), BUTTONS).target).toEqual({
      exchange: 'okx',
      account: 'bot',
      purpose: 'replace',
    });
    const answer = readLinkOf(link('withdraw-off', { exchange: 'mexc', account: 'main', purpose: 'connect', pending: 'AbC_12-x' }), BUTTONS);
    expect(answer.action === 'withdraw-off' && answer.target.pending).toBe('AbC_12-x');
  });

  it('treats a target that does not fit its button as an invalid link', () => {
    const bad: Array<[string, Link['target']]> = [
      ['another', { exchange: 'binance' }], // no account
      ['another', { exchange: 'Binance!', account: 'main' }], // not an exchange id
      ['replace', { exchange: 'binance', account: 'main', page: 1 }], // a field no release writes
      ['retry', { exchange: 'binance', account: 'main', purpose: 'steal' }], // not a purpose
      ['paste', { exchange: 'binance', account: 'main' }], // a form without its purpose
      ['created', { exchange: 'binance', account: 'main', purpose: 'connect' }], // no waiting pair
      ['withdraw-cancel', { exchange: 'mexc', account: 'main', pending: '../x' }], // not a one-time id
      ['cancel', { exchange: 1, account: true }],
    ];
    for (const [action, target] of bad) expect(() => readLinkOf(link(action, target), BUTTONS), `${action} ${JSON.stringify(target)}`).toThrow(invalid);
  });

  it('treats an action the command does not make as an invalid link, inherited names included', () => {
    for (const action of ['page', 'forget', 'toString', '__proto__', 'constructor']) {
      expect(() => readLinkOf(link(action, { exchange: 'binance', account: 'main' }), BUTTONS)).toThrow(invalid);
    }
  });

  it("asks a form link for its purpose and a created pair's form for the pair", () => {
    const forms = { submit: formTarget, 'api-key': pendingTarget };
    expect(readLinkOf(link('submit', { exchange: 'okx', account: 'main', purpose: 'rotate' }), forms).target.purpose).toBe('rotate');
    expect(() => readLinkOf(link('submit', { exchange: 'okx', account: 'main' }), forms)).toThrow(invalid);
    expect(() => readLinkOf(link('api-key', { exchange: 'okx', account: 'main', purpose: 'connect' }), forms)).toThrow(invalid);
  });
});
