/** Application command registration as Discord checks and stores it, so a bad deploy fails in tests. */
import { FormErrors } from './errors.js';
import type { JsonObject } from './types.js';

type Path = Array<string | number>;

const NAME = /^[-_\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;
const CHAT_INPUT = 1;
const SUBCOMMAND = 1;
const SUBCOMMAND_GROUP = 2;

/** Refuses (50035) a command list Discord would refuse: names, descriptions, option and choice counts. */
export function checkCommands(list: unknown): JsonObject[] {
  const errors = new FormErrors();
  const commands = errors.list([], list, 0, 100, true) as JsonObject[];
  const seen = new Set<string>();
  commands.forEach((command, i) => {
    const type = command.type ?? CHAT_INPUT;
    if (type === CHAT_INPUT) {
      checkName(errors, [i, 'name'], command.name);
      errors.text([i, 'description'], command.description, 1, 100, true);
      checkOptions(errors, [i, 'options'], command.options, 0);
    } else {
      errors.text([i, 'name'], command.name, 1, 32, true);
      if (command.description) errors.add([i, 'description'], 'APPLICATION_COMMAND_DESCRIPTION_INVALID', 'Context menu commands cannot have description');
    }
    const key = `${type}:${String(command.name)}`;
    if (seen.has(key)) errors.add([i, 'name'], 'APPLICATION_COMMANDS_DUPLICATE_NAME', 'Application command names must be unique');
    seen.add(key);
    if (commandSize(command) > 4000) errors.add([i], 'APPLICATION_COMMAND_TOO_LARGE', 'Command exceeds maximum size (4000)');
  });
  errors.throwIfAny();
  return commands;
}

function checkName(errors: FormErrors, at: Path, name: unknown): void {
  if (typeof name !== 'string') return errors.text(at, name, 1, 32, true);
  if (!NAME.test(name) || name !== name.toLowerCase()) {
    errors.add(at, 'APPLICATION_COMMAND_INVALID_NAME', 'Command name is invalid');
  }
}

function checkOptions(errors: FormErrors, path: Path, value: unknown, depth: number): void {
  const options = errors.list(path, value, 0, 25) as JsonObject[];
  const names = new Set<string>();
  let optionalSeen = false;
  options.forEach((option, i) => {
    const at = [...path, i];
    checkName(errors, [...at, 'name'], option.name);
    errors.text([...at, 'description'], option.description, 1, 100, true);
    if (names.has(option.name)) {
      errors.add([...at, 'name'], 'APPLICATION_COMMAND_OPTIONS_NAME_ALREADY_EXISTS', 'Option names must be unique');
    }
    names.add(option.name);
    const nests = option.type === SUBCOMMAND || option.type === SUBCOMMAND_GROUP;
    if (nests) {
      const maxDepth = option.type === SUBCOMMAND ? 2 : 1;
      if (depth >= maxDepth) errors.add([...at, 'type'], 'APPLICATION_COMMAND_OPTION_TYPE_INVALID', 'Sub-command nesting is too deep');
      checkOptions(errors, [...at, 'options'], option.options, depth + 1);
      return;
    }
    if (option.required && optionalSeen) {
      errors.add([...at, 'required'], 'APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID', 'Required options must be placed before non-required options');
    }
    if (!option.required) optionalSeen = true;
    const choices = errors.list([...at, 'choices'], option.choices, 0, 25) as JsonObject[];
    choices.forEach((choice, k) => {
      errors.text([...at, 'choices', k, 'name'], choice.name, 1, 100, true);
      if (typeof choice.value === 'string') errors.text([...at, 'choices', k, 'value'], choice.value, 1, 100);
    });
  });
}

/** Discord's 4000-character budget: names, descriptions, option texts and choices, all levels. */
function commandSize(node: JsonObject): number {
  const text = (v: unknown) => (typeof v === 'string' ? [...v].length : typeof v === 'number' ? String(v).length : 0);
  let size = text(node.name) + text(node.description) + text(node.value);
  for (const child of [...(node.options ?? []), ...(node.choices ?? [])] as JsonObject[]) size += commandSize(child);
  return size;
}

/** Stores a checked list, keeping the id of a command that keeps its name and type, as Discord does. */
export function storeCommands(
  previous: JsonObject[],
  incoming: JsonObject[],
  ids: { appId: string; guildId?: string; next: () => string },
): JsonObject[] {
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
