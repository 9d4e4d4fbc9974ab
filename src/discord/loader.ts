import { readdir } from 'node:fs/promises';
import { z } from 'zod';
import type { Command } from './command.js';

const fn = z.custom<(...args: never[]) => unknown>((v) => typeof v === 'function');
const commandShape = z.object({
  data: z.object({ name: z.string().regex(/^[a-z][a-z-]{0,31}$/), toJSON: fn }),
  execute: fn,
  autocomplete: fn.optional(),
  onButton: fn.optional(),
  onModal: fn.optional(),
});

/** Where the commands live: `commands/` at the top of the project, next to `src/` (or their compiled copies). */
export const COMMANDS_DIR = new URL('../../commands/', import.meta.url);

/**
 * Loads every module in the commands folder and checks its shape, so a broken command stops the
 * bot at start (with its file name) rather than failing when someone uses it.
 */
export async function loadCommands(dir: URL = COMMANDS_DIR): Promise<Map<string, Command>> {
  const files = (await readdir(dir)).filter((f) => /\.(ts|js)$/.test(f) && !f.endsWith('.d.ts')).sort();
  const commands = new Map<string, Command>();
  for (const file of files) {
    const mod = (await import(new URL(file, dir).href)) as { default?: unknown };
    const parsed = commandShape.safeParse(mod.default);
    if (!parsed.success)
      throw new Error(`commands/${file} does not export a valid command: ${parsed.error.issues.map((i) => i.path.join('.') || i.message).join(', ')}`);
    const command = mod.default as Command;
    if (`${command.data.name}.${file.split('.').pop()}` !== file) throw new Error(`commands/${file} must define the command named after its file`);
    if (commands.has(command.data.name)) throw new Error(`two commands are named ${command.data.name}`);
    commands.set(command.data.name, command);
  }
  return commands;
}
