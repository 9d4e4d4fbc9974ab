/** Discord's error answers, so the bot under test meets the same codes and bodies as in production. */
import type { JsonObject } from './types.js';

/** A refusal carried up to the HTTP layer, which writes it as Discord's `{ code, message, errors? }`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
    readonly errors?: JsonObject,
  ) {
    super(message);
  }

  body(): JsonObject {
    return this.errors ? { code: this.code, message: this.message, errors: this.errors } : { code: this.code, message: this.message };
  }

  /** One line per field error (`data.title: …`), or the message when there are none. */
  issues(): string[] {
    const lines: string[] = [];
    const walk = (node: JsonObject, path: string[]): void => {
      for (const [key, value] of Object.entries(node)) {
        if (key === '_errors') for (const e of value as JsonObject[]) lines.push(`${path.join('.') || '(body)'}: ${e.message}`);
        else walk(value as JsonObject, [...path, key]);
      }
    };
    walk(this.errors ?? {}, []);
    return lines.length > 0 ? lines : [`${this.code} ${this.message}`];
  }

  /** Refusals of a malformed body (50035 form body, 50006 empty message, 50109 bad JSON): the bot's fault, whatever the state. */
  get malformed(): boolean {
    return this.code === 50035 || this.code === 50006 || this.code === 50109;
  }
}

/**
 * Every refusal the fake can give, named once so routes read as Discord's documentation does. Codes and
 * messages: discord.com/developers/docs/topics/opcodes-and-status-codes (JSON Error Codes); the same
 * numbers as RESTJSONErrorCodes in discord-api-types 0.38.57 (rest/common.d.ts), installed with discord.js.
 */
export const refuse = {
  unauthorized: () => new ApiError(401, 0, '401: Unauthorized'),
  notFound: () => new ApiError(404, 0, '404: Not Found'),
  unknownApplication: () => new ApiError(404, 10002, 'Unknown Application'),
  unknownChannel: () => new ApiError(404, 10003, 'Unknown Channel'),
  unknownGuild: () => new ApiError(404, 10004, 'Unknown Guild'),
  unknownMember: () => new ApiError(404, 10007, 'Unknown Member'),
  unknownMessage: () => new ApiError(404, 10008, 'Unknown Message'),
  unknownUser: () => new ApiError(404, 10013, 'Unknown User'),
  unknownWebhook: () => new ApiError(404, 10015, 'Unknown Webhook'),
  unknownInteraction: () => new ApiError(404, 10062, 'Unknown interaction'),
  unknownCommand: () => new ApiError(404, 10063, 'Unknown application command'),
  alreadyAcknowledged: () => new ApiError(400, 40060, 'Interaction has already been acknowledged.'),
  missingAccess: () => new ApiError(403, 50001, 'Missing Access'),
  emptyMessage: () => new ApiError(400, 50006, 'Cannot send an empty message'),
  dmsClosed: (code: 50007 | 50278) => new ApiError(403, code, 'Cannot send messages to this user'),
  invalidWebhookToken: () => new ApiError(401, 50027, 'Invalid Webhook Token'),
  invalidRecipient: () => new ApiError(400, 50033, 'Invalid Recipient(s)'),
  invalidFormBody: (errors: JsonObject) => new ApiError(400, 50035, 'Invalid Form Body', errors),
};

type Path = ReadonlyArray<string | number>;

/** Collects field errors into Discord's nested `errors` tree, then refuses with 50035 if any. */
export class FormErrors {
  private readonly tree: JsonObject = {};
  private count = 0;

  add(path: Path, code: string, message: string): void {
    let node = this.tree;
    for (const key of path) node = node[String(key)] ??= {};
    (node._errors ??= []).push({ code, message });
    this.count += 1;
  }

  /** A string field: required or not, between `min` and `max` characters when present. */
  text(path: Path, value: unknown, min: number, max: number, required = false): void {
    if (value === undefined || value === null) {
      if (required) this.add(path, 'BASE_TYPE_REQUIRED', 'This field is required');
      return;
    }
    if (typeof value !== 'string') {
      this.add(path, 'BASE_TYPE_STRING', 'Could not interpret the value as a string.');
      return;
    }
    this.size(path, [...value].length, min, max);
  }

  /** An array field, counted like a string: Discord reports both with the same codes. */
  list(path: Path, value: unknown, min: number, max: number, required = false): unknown[] {
    if (value === undefined || value === null) {
      if (required) this.add(path, 'BASE_TYPE_REQUIRED', 'This field is required');
      return [];
    }
    if (!Array.isArray(value)) {
      this.add(path, 'BASE_TYPE_ARRAY', 'Could not interpret the value as a list.');
      return [];
    }
    this.size(path, value.length, min, max);
    return value;
  }

  /** Refuses the request with every collected error at once, as Discord does. */
  throwIfAny(): void {
    if (this.count > 0) throw refuse.invalidFormBody(this.tree);
  }

  private size(path: Path, length: number, min: number, max: number): void {
    if (length >= min && length <= max) return;
    if (min <= 0) this.add(path, 'BASE_TYPE_MAX_LENGTH', `Must be ${max} or fewer in length.`);
    else this.add(path, 'BASE_TYPE_BAD_LENGTH', `Must be between ${min} and ${max} in length.`);
  }
}
