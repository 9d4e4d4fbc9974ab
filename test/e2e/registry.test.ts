import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS_DIR, loadCommands } from '../../src/discord/loader.js';
import type { Command } from '../../src/discord/command.js';
import type { JsonObject } from '../fakes/discord/index.js';

const SUBCOMMAND = 1;
const SUBCOMMAND_GROUP = 2;

let commands: Map<string, Command>;
let json: JsonObject[];
let files: string[];

beforeAll(async () => {
  commands = await loadCommands();
  json = [...commands.values()].map((c) => c.data.toJSON() as JsonObject);
  files = (await readdir(COMMANDS_DIR)).filter((f) => /\.(ts|js)$/.test(f) && !f.endsWith('.d.ts'));
});

/** Every option at every depth, with where it sits, so limits are checked on subcommands' options too. */
function optionsOf(node: JsonObject, at: string): Array<{ at: string; option: JsonObject }> {
  return ((node.options ?? []) as JsonObject[]).flatMap((option) => {
    const here = `${at} ${String(option.name)}`;
    const nested = option.type === SUBCOMMAND || option.type === SUBCOMMAND_GROUP ? optionsOf(option, here) : [];
    return [{ at: here, option }, ...nested];
  });
}

describe('the commands folder, loaded through the real loader', () => {
  it('holds one command per file, each named after its file', () => {
    expect(files.length).toBeGreaterThanOrEqual(5);
    expect(json.map((c) => c.name).sort()).toEqual(files.map((f) => f.replace(/\.(ts|js)$/, '')).sort());
  });

  it('uses unique, lower-case names of 1 to 32 characters', () => {
    const names = json.map((c) => String(c.name));
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^[-_a-z0-9]{1,32}$/);
  });

  it("describes every command and option in 1 to 100 characters, within Discord's counts", () => {
    for (const command of json) {
      expect(String(command.description).length, `/${command.name}`).toBeGreaterThanOrEqual(1);
      expect(String(command.description).length, `/${command.name}`).toBeLessThanOrEqual(100);
      expect((command.options ?? []).length, `/${command.name}`).toBeLessThanOrEqual(25);
      for (const { at, option } of optionsOf(command, `/${command.name}`)) {
        expect(String(option.name), at).toMatch(/^[-_a-z0-9]{1,32}$/);
        expect(String(option.description ?? '').length, at).toBeGreaterThanOrEqual(1);
        expect(String(option.description ?? '').length, at).toBeLessThanOrEqual(100);
        expect((option.options ?? []).length, at).toBeLessThanOrEqual(25);
        expect((option.choices ?? []).length, at).toBeLessThanOrEqual(25);
        for (const choice of (option.choices ?? []) as JsonObject[]) expect(String(choice.name).length, at).toBeLessThanOrEqual(100);
      }
    }
  });

  it('makes every command usable only in a server that installed Keyward', () => {
    for (const command of json) {
      expect(command.contexts, `/${command.name}`).toEqual([0]);
      expect(command.integration_types, `/${command.name}`).toEqual([0]);
    }
  });
});

describe('the loader', () => {
  let dir: string;
  const good = (name: string) =>
    `export default { data: { name: '${name}', toJSON: () => ({ name: '${name}', description: 'x' }) }, execute: async () => undefined };\n`;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'keyward-commands-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  /** A commands folder holding exactly `modules` (file name → source). */
  async function folder(name: string, modules: Record<string, string>): Promise<URL> {
    const path = join(dir, name);
    await rm(path, { recursive: true, force: true });
    await mkdir(path, { recursive: true });
    await writeFile(join(path, 'package.json'), '{ "type": "module" }\n');
    for (const [file, source] of Object.entries(modules)) await writeFile(join(path, file), source);
    return pathToFileURL(`${path}/`);
  }

  it('loads a well-formed folder', async () => {
    const loaded = await loadCommands(await folder('fine', { 'alpha.js': good('alpha'), 'beta.js': good('beta') }));
    expect([...loaded.keys()]).toEqual(['alpha', 'beta']);
  });

  it('refuses a module whose export is not a command, naming the file', async () => {
    const url = await folder('broken', { 'alpha.js': good('alpha'), 'broken.js': "export default { data: { name: 'broken' }, execute: 'not a function' };\n" });
    await expect(loadCommands(url)).rejects.toThrow(/commands\/broken\.js does not export a valid command/);
  });

  it('refuses a command that is not named after its file', async () => {
    await expect(loadCommands(await folder('misnamed', { 'gamma.js': good('delta') }))).rejects.toThrow(
      /commands\/gamma\.js must define the command named after its file/,
    );
  });

  it('refuses two commands with the same name', async () => {
    await expect(loadCommands(await folder('twins', { 'alpha.js': good('alpha'), 'alpha.ts': good('alpha') }))).rejects.toThrow(/two commands are named alpha/);
  });
});
