import { describe, expect, it } from 'vitest';
import { checkCommands } from './commands.js';
import { ApiError } from './errors.js';
import { COMPONENTS_V2, checkMessage, checkModal } from './limits.js';
import type { JsonObject } from './types.js';

/** The error body Discord would answer with, or undefined when the payload is accepted. */
function refusal(check: () => unknown): JsonObject | undefined {
  try {
    check();
    return undefined;
  } catch (error) {
    if (error instanceof ApiError) return error.body();
    throw error;
  }
}

const message = (body: JsonObject) => refusal(() => checkMessage(body, [], { partial: false, hasFiles: false }));
const button = (n: number, label = `b${n}`) => ({ type: 2, style: 1, label, custom_id: `id${n}` });
const row = (...components: JsonObject[]) => ({ type: 1, components });

describe('fake discord message limits', () => {
  it('accepts a 2000-character message and refuses one of 2001', () => {
    expect(message({ content: 'x'.repeat(2000) })).toBeUndefined();
    expect(message({ content: 'x'.repeat(2001) })?.errors).toEqual({ content: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 2000 or fewer in length.' }] } });
  });

  it('refuses an empty message with 50006 but lets an edit change nothing', () => {
    expect(message({ tts: false })).toEqual({ code: 50006, message: 'Cannot send an empty message' });
    expect(refusal(() => checkMessage({}, [], { partial: true, hasFiles: false }))).toBeUndefined();
  });

  it('refuses embeds over their limits: 11 embeds, 26 fields, a 1025-character field and 6001 characters in all', () => {
    expect(message({ embeds: Array.from({ length: 11 }, () => ({ title: 't' })) })?.errors.embeds._errors[0].code).toBe('BASE_TYPE_MAX_LENGTH');
    const fields = Array.from({ length: 26 }, (_, i) => ({ name: `f${i}`, value: 'v' }));
    expect(message({ embeds: [{ fields }] })?.errors.embeds[0].fields._errors[0].code).toBe('BASE_TYPE_MAX_LENGTH');
    expect(message({ embeds: [{ fields: [{ name: 'n', value: 'v'.repeat(1025) }] }] })?.errors.embeds[0].fields[0].value).toBeDefined();
    const big = [{ description: 'd'.repeat(4096) }, { description: 'd'.repeat(1905) }];
    expect(message({ embeds: big })?.errors.embeds._errors[0].code).toBe('MAX_EMBED_SIZE_EXCEEDED');
  });

  it('refuses a sixth action row, a sixth button, an 81-character label and a repeated custom id', () => {
    expect(message({ components: Array.from({ length: 6 }, (_, i) => row(button(i))) })?.errors.components._errors).toBeDefined();
    expect(message({ components: [row(...Array.from({ length: 6 }, (_, i) => button(i)))] })?.errors.components[0].components._errors).toBeDefined();
    expect(message({ components: [row(button(1, 'l'.repeat(81)))] })?.errors.components[0].components[0].label).toBeDefined();
    expect(message({ components: [row(button(1)), row(button(1))] })?.errors.components[1].components[0].custom_id._errors[0].code).toBe('COMPONENT_CUSTOM_ID_DUPLICATED');
  });

  it('refuses content in a layout (components v2) message', () => {
    const body = { flags: COMPONENTS_V2, content: 'hi', components: [{ type: 10, content: 'Key stored' }] };
    expect(message(body)?.errors.content._errors[0].code).toBe('MESSAGE_CANNOT_USE_LEGACY_FIELDS_WITH_COMPONENTS_V2');
  });
});

describe('fake discord modal limits', () => {
  const label = (customId: string) => ({ type: 18, label: 'API key', component: { type: 4, custom_id: customId, style: 1 } });

  it('accepts labels and a text display, and refuses a text display over 4000 characters', () => {
    expect(refusal(() => checkModal({ title: 'Connect', custom_id: 'c', components: [{ type: 10, content: 'Read only' }, label('k')] }))).toBeUndefined();
    const long = refusal(() => checkModal({ title: 'Connect', custom_id: 'c', components: [{ type: 10, content: 'x'.repeat(4001) }] }));
    expect(long?.errors.data.components[0].content).toBeDefined();
  });

  it('refuses a legacy action-row text input without a label, and a button inside a modal', () => {
    const legacy = refusal(() => checkModal({ title: 'T', custom_id: 'c', components: [{ type: 1, components: [{ type: 4, custom_id: 'k', style: 1 }] }] }));
    expect(legacy?.errors.data.components[0].components[0].label._errors[0].code).toBe('BASE_TYPE_REQUIRED');
    const withButton = refusal(() => checkModal({ title: 'T', custom_id: 'c', components: [{ type: 18, label: 'L', component: button(1) }] }));
    expect(withButton?.errors.data.components[0].component.type._errors[0].code).toBe('UNION_TYPE_CHOICES');
  });
});

describe('fake discord command registration', () => {
  const command = (extra: JsonObject = {}) => ({ name: 'alert', description: 'Set a price alert', ...extra });
  const option = (name: string, extra: JsonObject = {}) => ({ type: 3, name, description: 'd', ...extra });

  it('accepts a valid command with a subcommand and choices', () => {
    const sub = { type: 1, name: 'add', description: 'Add', options: [option('pair', { choices: [{ name: 'BTC/USDT', value: 'BTCUSDT' }] })] };
    expect(refusal(() => checkCommands([command({ options: [sub] })]))).toBeUndefined();
  });

  it('refuses a space in a name, a 101-character description, 26 options and 26 choices', () => {
    expect(refusal(() => checkCommands([command({ name: 'price alert' })]))?.errors[0].name).toBeDefined();
    expect(refusal(() => checkCommands([command({ description: 'd'.repeat(101) })]))?.errors[0].description).toBeDefined();
    const many = Array.from({ length: 26 }, (_, i) => option(`o${i}`));
    expect(refusal(() => checkCommands([command({ options: many })]))?.errors[0].options._errors).toBeDefined();
    const choices = Array.from({ length: 26 }, (_, i) => ({ name: `c${i}`, value: `c${i}` }));
    expect(refusal(() => checkCommands([command({ options: [option('pair', { choices })] })]))?.errors[0].options[0].choices).toBeDefined();
  });

  it('refuses a required option after an optional one, and two commands with one name', () => {
    const options = [option('a'), option('b', { required: true })];
    expect(refusal(() => checkCommands([command({ options })]))?.errors[0].options[1].required).toBeDefined();
    expect(refusal(() => checkCommands([command(), command()]))?.errors[1].name._errors[0].code).toBe('APPLICATION_COMMANDS_DUPLICATE_NAME');
  });
});
