import { describe, expect, it } from 'vitest';
import { checkCommands } from './commands.js';
import { ApiError } from './errors.js';
import { COMPONENTS_V2, checkChoices, checkMessage, checkModal } from './limits.js';
import { REQUEST_BODIES, checkBody } from './spec.js';
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

/** What the spec says about a body sent on a route: Discord's error tree, or undefined when it conforms. */
const spec = (route: string, body: JsonObject | JsonObject[]) => checkBody(REQUEST_BODIES[route]!, body as JsonObject)?.errors;
const CALLBACK = 'POST /interactions/:id/:token/callback';
const FOLLOW_UP = 'POST /webhooks/:app/:token';
const DM = 'POST /channels/:channel/messages';
const message = (body: JsonObject) => refusal(() => checkMessage(body, [], { partial: false, hasFiles: false }));
const button = (n: number, label = `b${n}`) => ({ type: 2, style: 1, label, custom_id: `id${n}` });
const row = (...components: JsonObject[]) => ({ type: 1, components });
const code = (node: JsonObject | undefined) => node?._errors?.[0]?.code;

describe("Discord's API specification as the fake applies it", () => {
  it('accepts a 2000-character reply and refuses one of 2001', () => {
    expect(spec(FOLLOW_UP, { content: 'x'.repeat(2000) })).toBeUndefined();
    expect(code(spec(FOLLOW_UP, { content: 'x'.repeat(2001) })?.content)).toBe('BASE_TYPE_MAX_LENGTH');
  });

  it('refuses embeds over their own limits: 11 embeds, 26 fields, a 1025-character field value', () => {
    expect(code(spec(FOLLOW_UP, { embeds: Array.from({ length: 11 }, () => ({ title: 't' })) })?.embeds)).toBe('BASE_TYPE_MAX_LENGTH');
    const fields = Array.from({ length: 26 }, (_, i) => ({ name: `f${i}`, value: 'v' }));
    expect(code(spec(FOLLOW_UP, { embeds: [{ fields }] })?.embeds[0].fields)).toBe('BASE_TYPE_MAX_LENGTH');
    expect(code(spec(FOLLOW_UP, { embeds: [{ fields: [{ name: 'n', value: 'v'.repeat(1025) }] }] })?.embeds[0].fields[0].value)).toBe('BASE_TYPE_MAX_LENGTH');
  });

  it('refuses a sixth button in a row and an 81-character label, naming the schema', () => {
    expect(spec(DM, { components: [row(...Array.from({ length: 6 }, (_, i) => button(i)))] })?.components[0].components._errors[0].message).toContain(
      'MessageCreateRequestSchema',
    );
    expect(code(spec(DM, { components: [row(button(1, 'l'.repeat(81)))] })?.components[0].components[0].label)).toBe('BASE_TYPE_MAX_LENGTH');
  });

  it('checks each callback against the schema of its type (4, 5, 6, 7, 8, 9) and refuses a type the spec lacks', () => {
    const modal = { title: 'T'.repeat(46), custom_id: 'c', components: [{ type: 10, content: 'Read only' }] };
    expect(code(spec(CALLBACK, { type: 9, data: modal })?.data.title)).toBe('BASE_TYPE_MAX_LENGTH');
    const choices = Array.from({ length: 26 }, (_, k) => ({ name: `c${k}`, value: `c${k}` }));
    expect(code(spec(CALLBACK, { type: 8, data: { choices } })?.data.choices)).toBe('BASE_TYPE_MAX_LENGTH');
    expect(spec(CALLBACK, { type: 5, data: { flags: 64 } })).toBeUndefined();
    expect(spec(CALLBACK, { type: 6 })).toBeUndefined();
    expect(code(spec(CALLBACK, { type: 4, data: { content: 'x'.repeat(2001) } })?.data.content)).toBe('BASE_TYPE_MAX_LENGTH');
    expect(code(spec(CALLBACK, { type: 7, data: { embeds: Array.from({ length: 11 }, () => ({ title: 't' })) } })?.data.embeds)).toBe('BASE_TYPE_MAX_LENGTH');
    expect(code(spec(CALLBACK, { type: 1 })?.type)).toBe('BASE_TYPE_CHOICES');
  });

  it('explains a button inside a modal label as a type the label does not take', () => {
    const modal = { title: 'T', custom_id: 'c', components: [{ type: 18, label: 'L', component: button(1) }] };
    expect(spec(CALLBACK, { type: 9, data: modal })?.data.components[0].component._errors[0]).toMatchObject({ code: 'UNION_TYPE_CHOICES' });
  });

  it('refuses a body on a route the spec defines without one', () => {
    expect(code(spec('GET /users/@me', { hello: 1 }))).toBe('BASE_TYPE_EMPTY');
  });

  it('accepts default member permissions as the decimal string discord.js sends, which the spec types as a number', () => {
    const put = 'PUT /applications/:app/commands';
    expect(spec(put, [{ name: 'keys', description: 'Your keys', default_member_permissions: '8' }])).toBeUndefined();
    expect(code(spec(put, [{ name: 'keys', description: 'Your keys', default_member_permissions: 'admin' }])?.[0].default_member_permissions)).toBeDefined();
  });

  it('refuses a 33-character command name and a 101-character description, 26 options and 26 choices', () => {
    const command = (extra: JsonObject) => [{ name: 'alert', description: 'Set a price alert', ...extra }];
    const option = (name: string, extra: JsonObject = {}) => ({ type: 3, name, description: 'd', ...extra });
    const put = 'PUT /applications/:app/commands';
    expect(code(spec(put, command({ name: 'a'.repeat(33) }))?.[0].name)).toBe('BASE_TYPE_MAX_LENGTH');
    expect(code(spec(put, command({ description: 'd'.repeat(101) }))?.[0].description)).toBe('BASE_TYPE_MAX_LENGTH');
    expect(code(spec(put, command({ options: Array.from({ length: 26 }, (_, i) => option(`o${i}`)) }))?.[0].options)).toBe('BASE_TYPE_MAX_LENGTH');
    const choices = Array.from({ length: 26 }, (_, i) => ({ name: `c${i}`, value: `c${i}` }));
    expect(code(spec(put, command({ options: [option('pair', { choices })] }))?.[0].options[0].choices)).toBe('BASE_TYPE_MAX_LENGTH');
  });
});

describe('documented rules the spec cannot express', () => {
  it('refuses a channel message over 2000 characters, which the spec lets through up to 4000', () => {
    expect(spec(DM, { content: 'x'.repeat(2001) })).toBeUndefined();
    const over = refusal(() => checkMessage({ content: 'x'.repeat(2001) }, [], { partial: false, hasFiles: false, channel: true }));
    expect(code(over?.errors.content)).toBe('BASE_TYPE_MAX_LENGTH');
  });

  it('refuses an empty message with 50006 but lets an edit change nothing', () => {
    expect(message({ tts: false })).toEqual({ code: 50006, message: 'Cannot send an empty message' });
    expect(refusal(() => checkMessage({}, [], { partial: true, hasFiles: false }))).toBeUndefined();
  });

  it('refuses an embed field whose value is only whitespace, which the spec accepts as a string', () => {
    const embeds = [{ fields: [{ name: 'Balance', value: '  ' }] }];
    expect(spec(FOLLOW_UP, { embeds })).toBeUndefined();
    expect(code(message({ embeds })?.errors.embeds[0].fields[0].value)).toBe('BASE_TYPE_REQUIRED');
  });

  it('refuses embeds of 6001 characters in all, each within its own limit', () => {
    const big = [{ description: 'd'.repeat(4096) }, { description: 'd'.repeat(1905) }];
    expect(spec(FOLLOW_UP, { embeds: big })).toBeUndefined();
    expect(code(message({ embeds: big })?.errors.embeds)).toBe('MAX_EMBED_SIZE_EXCEEDED');
  });

  it('refuses a sixth action row, a select sharing its row, a repeated custom id and a link button without url', () => {
    const six = { components: Array.from({ length: 6 }, (_, i) => row(button(i))) };
    expect(spec(DM, six)).toBeUndefined();
    expect(code(message(six)?.errors.components)).toBe('BASE_TYPE_MAX_LENGTH');
    const select = { type: 3, custom_id: 's', options: [{ label: 'a', value: 'a' }] };
    expect(code(message({ components: [row(button(1), select)] })?.errors.components[0].components[1])).toBe('COMPONENT_LAYOUT_WIDTH_EXCEEDED');
    expect(code(message({ components: [row(button(1)), row(button(1))] })?.errors.components[1].components[0].custom_id)).toBe(
      'COMPONENT_CUSTOM_ID_DUPLICATED',
    );
    expect(code(message({ components: [row({ type: 2, style: 5, label: 'Docs' })] })?.errors.components[0].components[0].url)).toBe('BASE_TYPE_REQUIRED');
  });

  it('refuses content in a layout (components v2) message', () => {
    const body = { flags: COMPONENTS_V2, content: 'hi', components: [{ type: 10, content: 'Key stored' }] };
    expect(code(message(body)?.errors.content)).toBe('MESSAGE_CANNOT_USE_LEGACY_FIELDS_WITH_COMPONENTS_V2');
  });

  it('refuses a modal of six labels, which the spec allows up to 40', () => {
    const label = (n: number) => ({ type: 18, label: `L${n}`, component: { type: 4, custom_id: `k${n}`, style: 1 } });
    const modal = { title: 'Connect', custom_id: 'c', components: Array.from({ length: 6 }, (_, n) => label(n)) };
    expect(spec(CALLBACK, { type: 9, data: modal })).toBeUndefined();
    expect(code(refusal(() => checkModal(modal))?.errors.data.components)).toBe('BASE_TYPE_BAD_LENGTH');
  });

  it('refuses an autocomplete choice value of 101 characters, which the spec allows up to 6000', () => {
    const data = { choices: [{ name: 'BTC', value: 'v'.repeat(101) }] };
    expect(spec(CALLBACK, { type: 8, data })).toBeUndefined();
    expect(code(refusal(() => checkChoices(data))?.errors.data.choices[0].value)).toBe('BASE_TYPE_MAX_LENGTH');
  });
});

describe('fake discord command registration rules', () => {
  const command = (extra: JsonObject = {}) => ({ name: 'alert', description: 'Set a price alert', ...extra });
  const option = (name: string, extra: JsonObject = {}) => ({ type: 3, name, description: 'd', ...extra });

  it('accepts a valid command with a subcommand and choices', () => {
    const sub = { type: 1, name: 'add', description: 'Add', options: [option('pair', { choices: [{ name: 'BTC/USDT', value: 'BTCUSDT' }] })] };
    expect(refusal(() => checkCommands([command({ options: [sub] })]))).toBeUndefined();
  });

  it('refuses a space or a capital in a name and a missing description', () => {
    expect(refusal(() => checkCommands([command({ name: 'price alert' })]))?.errors[0].name).toBeDefined();
    expect(refusal(() => checkCommands([command({ name: 'Alert' })]))?.errors[0].name).toBeDefined();
    expect(refusal(() => checkCommands([command({ description: undefined })]))?.errors[0].description).toBeDefined();
  });

  it('refuses a required option after an optional one, and two commands with one name', () => {
    const options = [option('a'), option('b', { required: true })];
    expect(refusal(() => checkCommands([command({ options })]))?.errors[0].options[1].required).toBeDefined();
    expect(code(refusal(() => checkCommands([command(), command()]))?.errors[1].name)).toBe('APPLICATION_COMMANDS_DUPLICATE_NAME');
  });
});
