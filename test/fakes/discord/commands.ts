/**
 * Application command registration: the rules Discord documents (interactions/application-commands on
 * discord.com/developers/docs) that its OpenAPI spec cannot express. Lengths, counts of options and
 * choices, and types are checked against the spec's ApplicationCommandUpdateRequest first (spec.ts).
 */
import { FormErrors } from './errors.js';
import type { JsonObject } from './types.js';

type Path = Array<string | number>;

/** Docs: Application Command Naming: the CHAT_INPUT name regex, and lowercase variants must be used. */
const NAME = /^[-_\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;
const CHAT_INPUT = 1;
const SUBCOMMAND = 1;
const SUBCOMMAND_GROUP = 2;

/** Refuses (50035) a command list Discord would refuse for a documented rule the spec leaves out. */
export function checkCommands(list: unknown): JsonObject[] {
  const errors = new FormErrors();
  // Docs: Registering a Command: at most 100 global (or per-guild) CHAT_INPUT commands.
  const commands = errors.list([], list, 0, 100, true) as JsonObject[];
  const seen = new Set<string>();
  commands.forEach((command, i) => {
    const type = command.type ?? CHAT_INPUT;
    if (type === CHAT_INPUT) {
      checkName(errors, [i, 'name'], command.name);
      // Docs: Application Command Structure: "1-100 character description" for CHAT_INPUT (the spec allows none).
      errors.text([i, 'description'], command.description, 1, 100, true);
      checkOptions(errors, [i, 'options'], command.options, 0);
    } else if (command.description) {
      // Docs: same table: "Empty string for USER and MESSAGE commands".
      errors.add([i, 'description'], 'APPLICATION_COMMAND_DESCRIPTION_INVALID', 'Context menu commands cannot have description');
    }
    // Docs: Registering a Command: a name may be used once per command type in a scope.
    const key = `${type}:${String(command.name)}`;
    if (seen.has(key)) errors.add([i, 'name'], 'APPLICATION_COMMANDS_DUPLICATE_NAME', 'Application command names must be unique');
    seen.add(key);
    // Docs: Registering a Command: names, descriptions and choice values of one command total at most 4000 characters.
    if (commandSize(command) > 4000) errors.add([i], 'APPLICATION_COMMAND_TOO_LARGE', 'Command exceeds maximum size (4000)');
  });
  errors.throwIfAny();
  return commands;
}

function checkName(errors: FormErrors, at: Path, name: unknown): void {
  if (typeof name !== 'string') return;
  if (!NAME.test(name) || name !== name.toLowerCase()) {
    errors.add(at, 'APPLICATION_COMMAND_INVALID_NAME', 'Command name is invalid');
  }
}

function checkOptions(errors: FormErrors, path: Path, value: unknown, depth: number): void {
  const options = (Array.isArray(value) ? value : []) as JsonObject[];
  const names = new Set<string>();
  let optionalSeen = false;
  options.forEach((option, i) => {
    const at = [...path, i];
    checkName(errors, [...at, 'name'], option.name);
    if (names.has(option.name)) {
      errors.add([...at, 'name'], 'APPLICATION_COMMAND_OPTIONS_NAME_ALREADY_EXISTS', 'Option names must be unique');
    }
    names.add(option.name);
    const nests = option.type === SUBCOMMAND || option.type === SUBCOMMAND_GROUP;
    if (nests) {
      // Docs: Subcommands and Subcommand Groups: a group holds subcommands, a subcommand holds options, no deeper.
      const maxDepth = option.type === SUBCOMMAND ? 2 : 1;
      if (depth >= maxDepth) errors.add([...at, 'type'], 'APPLICATION_COMMAND_OPTION_TYPE_INVALID', 'Sub-command nesting is too deep');
      checkOptions(errors, [...at, 'options'], option.options, depth + 1);
      return;
    }
    // Docs: Application Command Option Structure: "Required options must be listed before optional options".
    if (option.required && optionalSeen) {
      errors.add([...at, 'required'], 'APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID', 'Required options must be placed before non-required options');
    }
    if (!option.required) optionalSeen = true;
    // Docs: Application Command Option Choice Structure: "up to 100 characters if string"; the spec allows 6000.
    ((option.choices ?? []) as JsonObject[]).forEach((choice, k) => {
      if (typeof choice.value === 'string') errors.text([...at, 'choices', k, 'value'], choice.value, 1, 100);
    });
  });
}

/** The 4000-character budget: names, descriptions, option texts and choices, all levels. */
function commandSize(node: JsonObject): number {
  const text = (v: unknown) => (typeof v === 'string' ? [...v].length : typeof v === 'number' ? String(v).length : 0);
  let size = text(node.name) + text(node.description) + text(node.value);
  for (const child of [...(node.options ?? []), ...(node.choices ?? [])] as JsonObject[]) size += commandSize(child);
  return size;
}

/** Stores a checked list, keeping the id of a command that keeps its name and type, as Discord does. */
export function storeCommands(previous: JsonObject[], incoming: JsonObject[], ids: { appId: string; guildId?: string; next: () => string }): JsonObject[] {
  return incoming.map((command) => {
    const type = command.type ?? CHAT_INPUT;
    const kept = previous.find((p) => p.name === command.name && p.type === type);
    return {
      default_member_permissions: null,
      nsfw: false,
      contexts: null,
      integration_types: [0],
      description: '',
      ...command,
      type,
      id: kept?.id ?? ids.next(),
      application_id: ids.appId,
      version: ids.next(),
      ...(ids.guildId ? { guild_id: ids.guildId } : {}),
    };
  });
}
