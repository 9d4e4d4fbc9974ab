/** The loopback fake Discord that end-to-end tests, the demo and benchmarks log a real discord.js Client into. */
export { FAKE_BOT_TOKEN, startFakeDiscord } from './server.js';
export { loginClient } from './client.js';
export { shardOf } from './payloads.js';
export type { FaultKind, FaultRule } from './faults.js';
export type {
  AutocompleteInput,
  ButtonInput,
  Callback,
  FakeChannel,
  FakeDiscord,
  FakeDiscordOptions,
  FakeGuildInput,
  FakeMessage,
  FakeRole,
  FakeUserInput,
  InteractionPlace,
  InteractionRun,
  JsonObject,
  ModalSubmitInput,
  OptionValue,
  RecordedRequest,
  SlashInput,
} from './types.js';
export type { Violation } from './violations.js';
