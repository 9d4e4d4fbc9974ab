/**
 * Checks rendered embeds and modals with the same rules the fake Discord applies: Discord's own request
 * schemas (discord-api-spec, through the fake's route table) plus the documented rules the spec lacks.
 */
import type { EmbedBuilder, ModalBuilder } from 'discord.js';
import { expect } from 'vitest';
import { ApiError } from '../../fakes/discord/errors.js';
import { checkMessage, checkModal } from '../../fakes/discord/limits.js';
import { REQUEST_BODIES, checkBody } from '../../fakes/discord/spec.js';

/** Every reason Discord would refuse this body on this route; empty when it would accept it. */
function refusals(route: string, body: Record<string, unknown>, gapRules: () => void): string[] {
  const breach = checkBody(REQUEST_BODIES[route]!, body);
  try {
    gapRules();
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    return [...(breach?.issues ?? []), ...error.issues()];
  }
  return breach?.issues ?? [];
}

/**
 * Fails the test when Discord would refuse these embeds as the reply's edit (the route every rendered
 * reply goes through), listing each issue: field lengths and counts from the spec, the 6000 total by hand.
 */
export function expectWithinDiscordLimits(embeds: readonly EmbedBuilder[]): void {
  expect(embeds.length).toBeGreaterThan(0);
  const body = { embeds: embeds.map((e) => e.toJSON()) };
  const route = 'PATCH /webhooks/:app/:token/messages/:message';
  const issues = refusals(route, body, () => checkMessage(body, [], { partial: true, hasFiles: false }));
  expect(issues, issues.join('\n')).toEqual([]);
}

/** Fails the test when Discord would refuse to open this modal: the spec's modal callback plus the five-component rule. */
export function expectValidModal(modal: ModalBuilder): void {
  const body = { type: 9, data: modal.toJSON() };
  const issues = refusals('POST /interactions/:id/:token/callback', body, () => checkModal(body.data));
  expect(issues, issues.join('\n')).toEqual([]);
}

/** Every piece of text a user could read, joined, for assertions about wording. */
export function textOf(embeds: readonly EmbedBuilder[]): string {
  return embeds
    .map((e) => {
      const j = e.toJSON();
      return [j.title, j.description, j.author?.name, j.footer?.text, ...(j.fields ?? []).flatMap((f) => [f.name, f.value])].filter(Boolean).join('\n');
    })
    .join('\n');
}

/** An `@` that Discord could read as a mention: one not escaped with a backslash. */
export const UNESCAPED_AT = /(^|[^\\])@/m;
