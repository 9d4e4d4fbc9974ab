/**
 * What Discord accepts on each route the fake serves, from Discord's own OpenAPI description of its HTTP
 * API (github.com/discord/discord-api-spec, specs/openapi.json) as zod 4 schemas (npm discord-api-spec,
 * version pinned in package.json). One table maps route → request body, so a route cannot be served
 * without saying what Discord would accept on it.
 */
import * as S from 'discord-api-spec/zod';
import * as z from 'zod/mini';
import type { JsonObject } from './types.js';

// zod/mini ships without messages; a violation has to say what is wrong in words.
z.config(z.locales.en());

type Schema = z.ZodMiniType;

/** A route's request body: none, one schema, or a schema chosen by the body's `type` (interaction callbacks). */
export type BodySpec = { none: true } | { schema: Schema } | { byType: Partial<Record<number, Schema>> };

const none: BodySpec = { none: true };
const json = (schema: Schema): BodySpec => ({ schema });

/**
 * Docs: interactions/application-commands, Application Command Structure: default_member_permissions is a
 * "?string" permission bit set, and discord.js 14.28.1 (src/managers/ApplicationCommandManager.js,
 * transformCommand) sends it as a decimal string; the spec types it as a number. Both are accepted.
 */
const permissions = z.nullish(z.union([z.string().check(z.regex(/^\d+$/)), z.number()]));
const commandCreate = z.extend(S.ApplicationCommandCreateRequestSchema, { default_member_permissions: permissions });
/** PUT .../commands takes `ApplicationCommandUpdateRequest[]` (operation bulk_set_application_commands). */
const commandList = z.array(z.extend(S.ApplicationCommandUpdateRequestSchema, { default_member_permissions: permissions }));
/** Names for the schemas adjusted here, so a report still points at the spec definition they extend. */
const ADJUSTED = new Map<Schema, string>([
  [commandCreate, 'ApplicationCommandCreateRequestSchema'],
  [commandList, 'ApplicationCommandUpdateRequestSchema[]'],
]);

/**
 * Interaction callback bodies by callback type; the spec's requestBody is their union. Types 1 (PONG),
 * 10, 12 and 13 are for HTTP interactions, premium and activity apps, which the bot never sends.
 */
const callbacks: Partial<Record<number, Schema>> = {
  4: S.CreateMessageInteractionCallbackRequestSchema,
  5: S.CreateMessageInteractionCallbackRequestSchema,
  6: S.UpdateMessageInteractionCallbackRequestSchema,
  7: S.UpdateMessageInteractionCallbackRequestSchema,
  8: S.ApplicationCommandAutocompleteCallbackRequestSchema,
  9: S.ModalInteractionCallbackRequestSchema,
};

/**
 * Every route the fake serves, keyed `METHOD path` with the fake's `:param` names; the comment is the
 * spec's path. A body sent as multipart is checked through its `payload_json`, as Discord reads it.
 */
export const REQUEST_BODIES: Record<string, BodySpec> = {
  'GET /gateway': none, // /gateway
  'GET /gateway/bot': none, // /gateway/bot
  'GET /users/@me': none, // /users/@me
  'GET /applications/@me': none, // /applications/@me
  'GET /users/:user': none, // /users/{user_id}
  'GET /guilds/:guild/members/:user': none, // /guilds/{guild_id}/members/{user_id}
  'POST /users/@me/channels': json(S.CreatePrivateChannelRequestSchema), // /users/@me/channels
  'GET /channels/:channel': none, // /channels/{channel_id}
  'DELETE /channels/:channel': none,
  'POST /channels/:channel/typing': none, // /channels/{channel_id}/typing
  'POST /channels/:channel/messages': json(S.MessageCreateRequestSchema), // /channels/{channel_id}/messages
  'GET /channels/:channel/messages/:message': none, // /channels/{channel_id}/messages/{message_id}
  'PATCH /channels/:channel/messages/:message': json(S.MessageEditRequestPartialSchema),
  'DELETE /channels/:channel/messages/:message': none,
  'GET /applications/:app/commands': none, // /applications/{application_id}/commands
  'PUT /applications/:app/commands': json(commandList),
  'POST /applications/:app/commands': json(commandCreate),
  'DELETE /applications/:app/commands/:command': none, // /applications/{application_id}/commands/{command_id}
  'GET /applications/:app/guilds/:guild/commands': none, // /applications/{application_id}/guilds/{guild_id}/commands
  'PUT /applications/:app/guilds/:guild/commands': json(commandList),
  'POST /applications/:app/guilds/:guild/commands': json(commandCreate),
  'DELETE /applications/:app/guilds/:guild/commands/:command': none,
  'POST /interactions/:id/:token/callback': { byType: callbacks }, // /interactions/{interaction_id}/{interaction_token}/callback
  'POST /webhooks/:app/:token': json(S.IncomingWebhookRequestPartialSchema), // /webhooks/{webhook_id}/{webhook_token}
  // /webhooks/{webhook_id}/{webhook_token}/messages/@original and .../messages/{message_id}
  'GET /webhooks/:app/:token/messages/:message': none,
  'PATCH /webhooks/:app/:token/messages/:message': json(S.IncomingWebhookUpdateRequestPartialSchema),
  'DELETE /webhooks/:app/:token/messages/:message': none,
};

/** Where a body breaks the spec: Discord's nested `errors` tree, and one line per issue for the test report. */
export interface SpecBreach {
  errors: JsonObject;
  issues: string[];
}

/** Checks a request body against its route's entry; `undefined` when it conforms. */
export function checkBody(spec: BodySpec, body: JsonObject | undefined): SpecBreach | undefined {
  if ('none' in spec)
    return body === undefined ? undefined : breach([{ path: [], code: 'BASE_TYPE_EMPTY', message: 'the spec defines no request body for this route' }]);
  const schema = 'schema' in spec ? spec.schema : spec.byType[body?.type];
  if (!schema)
    return breach([{ path: ['type'], code: 'BASE_TYPE_CHOICES', message: `no callback type ${String(body?.type)} in the spec's union for this route` }]);
  const result = schema.safeParse(body, { reportInput: true });
  if (result.success) return undefined;
  const name = schemaName(schema);
  return breach(flatten(result.error.issues as Issue[], []).map((i) => ({ ...i, message: `${i.message} (${name})` })));
}

interface Issue {
  code: string;
  path: PropertyKey[];
  message: string;
  origin?: string;
  expected?: string;
  input?: unknown;
  errors?: Issue[][];
}

interface FlatIssue {
  path: PropertyKey[];
  code: string;
  message: string;
}

/**
 * zod's issues as Discord-style field errors. A union (e.g. the component types a modal accepts) is
 * explained through the branch whose `type` matched and that got furthest into the body, or reported as a
 * type none of them takes.
 */
function flatten(issues: Issue[], base: PropertyKey[]): FlatIssue[] {
  return issues.flatMap((issue): FlatIssue[] => {
    const path = [...base, ...issue.path];
    if (issue.code !== 'invalid_union' || !issue.errors?.length) return [{ path, code: discordCode(issue), message: issue.message }];
    const typeMatched = issue.errors.filter((branch) => !branch.some((i) => i.path.length === 1 && i.path[0] === 'type' && i.code === 'invalid_value'));
    const depth = (branch: Issue[]) => Math.max(...branch.map((i) => i.path.length));
    const best = typeMatched.sort((a, b) => depth(b) - depth(a) || a.length - b.length)[0];
    if (best) return flatten(best, path);
    const type = (issue.input as JsonObject | undefined)?.type;
    return [{ path, code: 'UNION_TYPE_CHOICES', message: `no shape the spec allows here has type ${JSON.stringify(type)}` }];
  });
}

/** Discord's error code names for the same faults, so a refusal reads like Discord's own 50035. */
function discordCode(issue: Issue): string {
  const sized = issue.origin === 'string' || issue.origin === 'array';
  if (issue.code === 'too_big') return sized ? 'BASE_TYPE_MAX_LENGTH' : 'NUMBER_TYPE_MAX';
  if (issue.code === 'too_small') return sized ? 'BASE_TYPE_MIN_LENGTH' : 'NUMBER_TYPE_MIN';
  if (issue.code === 'invalid_type') return issue.input === undefined ? 'BASE_TYPE_REQUIRED' : `BASE_TYPE_${String(issue.expected).toUpperCase()}`;
  if (issue.code === 'invalid_value') return 'BASE_TYPE_CHOICES';
  return `BASE_TYPE_${issue.code.toUpperCase()}`;
}

function breach(issues: FlatIssue[]): SpecBreach {
  const errors: JsonObject = {};
  for (const issue of issues) {
    let node = errors;
    for (const key of issue.path) node = node[String(key)] ??= {};
    (node._errors ??= []).push({ code: issue.code, message: issue.message });
  }
  return { errors, issues: issues.map((i) => `${i.path.length ? i.path.join('.') : '(body)'}: ${i.message}`) };
}

/** The exported name of a schema, so a report points at the spec definition. */
function schemaName(schema: Schema): string {
  return ADJUSTED.get(schema) ?? Object.entries(S).find(([, value]) => value === schema)?.[0] ?? 'schema';
}
