/** Public shapes of the loopback fake Discord: what tests pass in and what they read back. */
import type { FaultRule } from './faults.js';
import type { Violation } from './violations.js';

/** A parsed JSON object as Discord sends or receives it; kept loose so tests can reach any field. */
export type JsonObject = Record<string, any>;

/** Options of a slash option value, the only kinds a user types into a chat-input command. */
export type OptionValue = string | number | boolean;

/** Lets a test stand up a fake whose deadlines and sharding match the case under test. */
export interface FakeDiscordOptions {
  token?: string;
  appId?: string;
  botUserId?: string;
  /** What GET /gateway/bot recommends; the client decides the count it identifies with. */
  shardCount?: number;
  /** How long after INTERACTION_CREATE the first callback is still accepted. */
  ackDeadlineMs?: number;
  /** How long the interaction token keeps working for follow-ups and edits. */
  tokenLifetimeMs?: number;
  /** The gateway accepts the TCP connection and never answers (a firewall or proxy eating WebSockets). */
  silentGateway?: boolean;
}

/** A role as the guild holds it; `permissions` is Discord's bit set as a decimal string. */
export interface FakeRole {
  id: string;
  name?: string;
  permissions?: string;
}

/** A guild text channel the bot can see. */
export interface FakeChannel {
  id: string;
  name?: string;
}

/** A guild the bot is in: roles and channels reach the client in GUILD_CREATE. */
export interface FakeGuildInput {
  id: string;
  name?: string;
  roles?: Array<string | FakeRole>;
  channels?: Array<string | FakeChannel>;
}

/** A Discord user; `dmsClosed` makes every DM to them fail with that code. */
export interface FakeUserInput {
  id: string;
  username?: string;
  dmsClosed?: 50007 | 50278;
}

/** Where an interaction happens: a guild channel, the bot's DM, or a DM between other users. */
export interface InteractionPlace {
  userId: string;
  /** Omit for the bot's DM. */
  guildId?: string;
  /** Role ids of the member; each must be one of the guild's roles. */
  roles?: string[];
  /** Defaults to the guild's first channel, or the user's DM with the bot. */
  channelId?: string;
  /** The command is available because the user installed the app (authorizing owner "1"). */
  userInstall?: boolean;
  /** A DM or group DM without the bot (context 2); needs `userInstall`. */
  privateChannel?: boolean;
}

/** A chat-input command as a user runs it. */
export interface SlashInput extends InteractionPlace {
  name: string;
  subcommand?: string;
  options?: Record<string, OptionValue>;
}

/** A user typing into an autocomplete option: `value` is the partial text of `focused`. */
export interface AutocompleteInput extends SlashInput {
  focused: string;
  value: string;
}

/** A user submitting a modal; fields map text input custom ids to what they typed. */
export interface ModalSubmitInput extends InteractionPlace {
  customId: string;
  fields: Record<string, string>;
}

/** A user pressing a button, on a message the bot sent (`messageId`) or on a stand-in message. */
export interface ButtonInput extends InteractionPlace {
  customId: string;
  messageId?: string;
}

/** One REST request the bot made, kept so tests can assert on what was really sent. */
export interface RecordedRequest {
  method: string;
  /** Route path below /api/v10, without the query string. */
  path: string;
  query: Record<string, string>;
  authorization: string | undefined;
  /** Parsed JSON body, or the parsed payload_json of a multipart body. */
  body: unknown;
  rawBody: string;
  files: Array<{ field: string; name: string; contentType: string; size: number }>;
  status: number;
  /** Discord's error code when the answer was an error. */
  code?: number;
  /** performance.now() when the request reached the fake. */
  receivedAt: number;
}

/** One POST to /interactions/:id/:token/callback, accepted or not. */
export interface Callback {
  type: number;
  data: JsonObject | undefined;
  /** performance.now() when the request reached the fake. */
  receivedAt: number;
  status: number;
  code?: number;
}

/** What the user sees of a message (or of a modal the bot opened). */
export interface FakeMessage {
  id: string;
  channelId?: string;
  content?: string;
  embeds: JsonObject[];
  components: JsonObject[];
  attachments: JsonObject[];
  flags: number;
  /** Ephemeral: only the user who acted sees it. */
  privateToUser: boolean;
  allowedMentions: unknown;
  /** Set when the response was a modal; a modal has no message id, so `id` is the interaction id. */
  modal?: JsonObject;
}

/** Everything that happened in answer to one pushed interaction. */
export interface InteractionRun {
  id: string;
  token: string;
  /** performance.now() when INTERACTION_CREATE was written to the socket. */
  sentAt: number;
  /** The first callback received, whatever its outcome. */
  ack: Promise<Callback>;
  callbacks: Callback[];
  /** The @original response as it stands after edits (or the modal, when one was opened). */
  original(): FakeMessage | undefined;
  /** Every version of @original, in order; a first follow-up after a defer is one of them. */
  edits: FakeMessage[];
  followups: FakeMessage[];
  /** The first version of @original or follow-up matching `predicate` (default: not still loading). */
  waitForReply(predicate?: (m: FakeMessage) => boolean, timeoutMs?: number): Promise<FakeMessage>;
}

/** The running fake: inputs for tests to drive, and records of what the bot did. */
export interface FakeDiscord {
  apiUrl: string;
  gatewayUrl: string;
  token: string;
  appId: string;
  botUserId: string;
  addGuild(g: FakeGuildInput): void;
  addUser(u: FakeUserInput): void;
  setDmsClosed(userId: string, code: 50007 | 50278 | null): void;
  /** Makes the user a member of the guild with these roles (acting in a guild does this too). */
  setMember(guildId: string, userId: string, roles: string[]): void;
  /** The user leaves the guild. */
  removeMember(guildId: string, userId: string): void;
  /** Makes matching REST requests fail until `clearFaults` (or `times` of them). */
  failRequests(rule: FaultRule): void;
  clearFaults(): void;
  slash(o: SlashInput): Promise<InteractionRun>;
  autocomplete(o: AutocompleteInput): Promise<InteractionRun>;
  modalSubmit(o: ModalSubmitInput): Promise<InteractionRun>;
  button(o: ButtonInput): Promise<InteractionRun>;
  requests: RecordedRequest[];
  dms(userId: string): FakeMessage[];
  channelMessages(channelId: string): FakeMessage[];
  commands(scope: 'global' | string): JsonObject[];
  identifies: Array<{ shard?: [number, number]; intents: number }>;
  waitFor<T>(probe: () => T | undefined | false, timeoutMs?: number): Promise<T>;
  /**
   * Takes back the requests this fake found malformed or could not check (see violations.ts), so a test
   * that provokes one on purpose can assert on it; any left over fail the running test.
   */
  takeViolations(): Violation[];
  /** Cuts the gateway connections abruptly; the client should RESUME its sessions. */
  dropGateway(): void;
  close(): Promise<void>;
}
