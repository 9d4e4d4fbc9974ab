/** Interaction callbacks and the interaction webhook (@original, follow-ups), with Discord's deadlines. */
import { ApiError, FormErrors, refuse } from './errors.js';
import type { Interactions } from './interactions.js';
import { checkChoices, checkMessage, checkModal, isEmptyMessage } from './limits.js';
import { EPHEMERAL, LOADING, createMessage, editMessage } from './messages.js';
import type { Route, RouteRequest, RouteResult } from './rest.js';
import type { InteractionRecord } from './run.js';
import type { Callback, JsonObject } from './types.js';
import type { StoredMessage, World } from './world.js';

/**
 * Callback types Discord accepts per interaction type. Docs: interactions/receiving-and-responding,
 * Interaction Callback Type: 6 and 7 "Only valid for component-based interactions", 9 "Not available for
 * MODAL_SUBMIT". A modal submitted from a message may update it: discord.js 14.28.1
 * src/structures/ModalSubmitInteraction.js offers update()/deferUpdate() when isFromMessage().
 */
function allowedTypes(record: InteractionRecord): number[] {
  if (record.kind === 2) return [4, 5, 9];
  if (record.kind === 3) return [4, 5, 6, 7, 9];
  if (record.kind === 4) return [8];
  return record.sourceMessageId ? [4, 5, 6, 7] : [4, 5];
}

/** The routes an interaction token opens; none of them takes the bot token. */
export function interactionRoutes(world: World, interactions: Interactions): Route[] {
  const hook = (request: RouteRequest) => webhookRecord(world, interactions, request);
  return [
    {
      method: 'POST',
      path: '/interactions/:id/:token/callback',
      auth: false,
      handle: (r) => callback(world, interactions, r),
      refused: (r, error) => noteCallback(interactions.find(r.params.id!), r, { status: error.status, code: error.code }),
    },
    { method: 'POST', path: '/webhooks/:app/:token', auth: false, handle: (r) => followUp(world, hook(r), r) },
    { method: 'GET', path: '/webhooks/:app/:token/messages/:message', auth: false, handle: (r) => ({ status: 200, body: target(world, hook(r), r).api }) },
    { method: 'PATCH', path: '/webhooks/:app/:token/messages/:message', auth: false, handle: (r) => editResponse(world, hook(r), r) },
    {
      method: 'DELETE',
      path: '/webhooks/:app/:token/messages/:message',
      auth: false,
      handle: (r) => {
        world.messages.delete(target(world, hook(r), r).api.id);
        return { status: 204 };
      },
    },
  ];
}

function callback(world: World, interactions: Interactions, request: RouteRequest): RouteResult {
  const record = interactions.find(request.params.id!);
  const outcome: Pick<Callback, 'status' | 'code'> = { status: 0 };
  try {
    const result = acknowledge(world, interactions, record, request);
    outcome.status = result.status;
    return result;
  } catch (error) {
    if (error instanceof ApiError) Object.assign(outcome, { status: error.status, code: error.code });
    throw error;
  } finally {
    noteCallback(record, request, outcome);
  }
}

/** Keeps every callback, accepted or not, in the history of the interaction it names. */
function noteCallback(record: InteractionRecord | undefined, request: RouteRequest, outcome: Pick<Callback, 'status' | 'code'>): void {
  if (!record || record.token !== request.params.token) return;
  record.recordCallback({ type: request.body?.type, data: request.body?.data, receivedAt: request.receivedAt, ...outcome });
}

/**
 * Docs: interactions/receiving-and-responding, Interaction Callback: "you must send an initial response
 * within 3 seconds of receiving the event. If the 3 second deadline is exceeded, the token will be
 * invalidated" — answered as 10062 Unknown interaction; a second initial response is 40060 "Interaction
 * has already been acknowledged" (codes: topics/opcodes-and-status-codes, JSON Error Codes).
 */
function acknowledge(world: World, interactions: Interactions, record: InteractionRecord | undefined, request: RouteRequest): RouteResult {
  if (!record || record.token !== request.params.token || record.expired) throw refuse.unknownInteraction();
  if (record.acknowledgedBy !== null) throw refuse.alreadyAcknowledged();
  if (request.receivedAt - record.sentAt > world.config.ackDeadlineMs) {
    record.expired = true;
    throw refuse.unknownInteraction();
  }
  const type = request.body?.type;
  const data = request.body?.data as JsonObject | undefined;
  const allowed = allowedTypes(record);
  if (!allowed.includes(type)) {
    const errors = new FormErrors();
    errors.add(['type'], 'BASE_TYPE_CHOICES', `Value must be one of {${allowed.join(', ')}}.`);
    errors.throwIfAny();
  }
  const source = record.sourceMessageId ? world.messages.get(record.sourceMessageId) : undefined;
  if (type === 4) {
    checkMessage(data ?? {}, ['data'], { partial: false, hasFiles: request.files.length > 0 });
    record.noteOriginal(respond(world, record, data ?? {}, request, ((data?.flags ?? 0) & EPHEMERAL) !== 0));
  } else if (type === 5) {
    const ephemeral = ((data?.flags ?? 0) & EPHEMERAL) !== 0;
    record.loading = true;
    record.noteOriginal(respond(world, record, { content: '', flags: LOADING }, { files: [] }, ephemeral));
  } else if (type === 6 || type === 7) {
    if (!source) throw refuse.unknownMessage();
    record.originalId = source.api.id;
    if (type === 7) {
      checkMessage(data ?? {}, ['data'], { partial: true, hasFiles: request.files.length > 0 });
      editMessage(world, source, data ?? {}, request.files);
      record.noteOriginal(source);
    }
  } else if (type === 8) {
    checkChoices(data);
  } else {
    checkModal(data);
    interactions.rememberModal(data!, record.sourceMessageId);
    record.noteModal(data!);
  }
  record.acknowledgedBy = type;
  if (request.query.get('with_response') !== 'true') return { status: 204 };
  const original = record.originalId && type !== 6 ? world.messages.get(record.originalId) : undefined;
  return {
    status: 200,
    body: {
      interaction: {
        id: record.id,
        type: record.kind,
        response_message_id: original?.api.id,
        response_message_loading: type === 5,
        response_message_ephemeral: original?.ephemeral ?? false,
      },
      resource: { type, ...(original && type !== 8 && type !== 9 ? { message: original.api } : {}) },
    },
  };
}

/** A message made by the interaction; a follow-up's metadata points at the original response. */
function respond(world: World, record: InteractionRecord, body: JsonObject, request: Pick<RouteRequest, 'files'>, ephemeral: boolean): StoredMessage {
  const original = record.originalId === undefined ? {} : { original_response_message_id: record.originalId };
  const interaction = { ...record.metadata, ...original };
  return createMessage(world, { channelId: record.channelId, body, files: request.files, ephemeral, interaction });
}

/**
 * The interaction behind a webhook token, refused when unknown, never acknowledged, or past its lifetime.
 * Docs: interactions/receiving-and-responding, Followup Messages: "Interaction tokens are valid for 15
 * minutes". The docs do not say which code an expired token gets; the fake answers 50027 Invalid Webhook Token.
 */
function webhookRecord(world: World, interactions: Interactions, request: RouteRequest): InteractionRecord {
  const record = interactions.findByToken(request.params.token!);
  if (request.params.app !== world.config.appId || !record || record.acknowledgedBy === null) throw refuse.unknownWebhook();
  if (request.receivedAt - record.sentAt > world.config.tokenLifetimeMs) throw refuse.invalidWebhookToken();
  return record;
}

/** The message a webhook route names: @original, or a follow-up of this same interaction. */
function target(world: World, record: InteractionRecord, request: RouteRequest): StoredMessage {
  const wanted = request.params.message === '@original' ? record.originalId : request.params.message;
  const ours = wanted !== undefined && (wanted === record.originalId || record.followups.some((f) => f.id === wanted));
  const stored = ours ? world.messages.get(wanted) : undefined;
  if (!stored) throw refuse.unknownMessage();
  return stored;
}

function editResponse(world: World, record: InteractionRecord, request: RouteRequest): RouteResult {
  const stored = target(world, record, request);
  const body = request.body ?? {};
  checkMessage(body, [], { partial: true, hasFiles: request.files.length > 0 });
  if (isEmptyMessage({ ...stored.api, ...body }) && request.files.length === 0) throw refuse.emptyMessage();
  editMessage(world, stored, body, request.files);
  if (stored.api.id === record.originalId) {
    record.loading = false;
    record.noteOriginal(stored);
  } else record.noteFollowup(stored);
  return { status: 200, body: stored.api };
}

/**
 * A follow-up. Docs: interactions/receiving-and-responding, Create Followup Message: directly after a
 * DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE it edits the loading message instead of creating one, and "The
 * ephemeral flag will be ignored, and the value you provided in the initial defer response will be preserved".
 */
function followUp(world: World, record: InteractionRecord, request: RouteRequest): RouteResult {
  const body = request.body ?? {};
  checkMessage(body, [], { partial: false, hasFiles: request.files.length > 0 });
  const deferred = record.loading && record.originalId ? world.messages.get(record.originalId) : undefined;
  if (deferred) {
    editMessage(world, deferred, body, request.files);
    record.loading = false;
    record.noteOriginal(deferred);
  }
  const stored = deferred ?? respond(world, record, body, request, ((body.flags ?? 0) & EPHEMERAL) !== 0);
  record.noteFollowup(stored);
  return request.query.get('wait') === 'true' ? { status: 200, body: stored.api } : { status: 204 };
}
