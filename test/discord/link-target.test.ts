import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { readLink } from '../../src/discord/link-target.js';
import type { Link } from '../../src/discord/links.js';
import { PAGER_ACTIONS, pagedTarget } from '../../src/discord/pager.js';

const target = pagedTarget({ query: z.string().optional() });
const link = (over: Partial<Link>): Link => ({ customId: 'exchanges:page:x', userId: '1', command: 'exchanges', action: 'page', target: { page: 2 }, ...over });

describe('reading a button back', () => {
  it('gives the page and the search the list was shown with', () => {
    expect(readLink(link({ target: { query: 'okx', page: 2 } }), PAGER_ACTIONS, target)).toEqual({ action: 'page', target: { query: 'okx', page: 2 } });
  });

  it('treats a button whose stored target is not a page as an invalid link', () => {
    const bad: Array<Link['target']> = [{ page: 'two' }, { page: -1 }, {}, { page: 1, exchange: 'okx' }];
    for (const stored of bad) {
      expect(() => readLink(link({ target: stored }), PAGER_ACTIONS, target)).toThrow(expect.objectContaining({ code: 'LINK_INVALID' }));
    }
  });

  it('treats an action the command does not make as an invalid link', () => {
    expect(() => readLink(link({ action: 'remove' }), PAGER_ACTIONS, target)).toThrow(expect.objectContaining({ code: 'LINK_INVALID' }));
  });
});
