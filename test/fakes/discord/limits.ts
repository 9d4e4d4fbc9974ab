/**
 * Discord's documented rules that its OpenAPI spec cannot express: counts across a whole message, rules
 * that depend on a flag or another field, and limits the docs state tighter than the spec. Field lengths,
 * list sizes and types are checked against the spec itself (spec.ts) before a route runs; each rule here
 * names the page of discord.com/developers/docs (or discord.js's guide) it comes from.
 */
import { FormErrors, refuse } from './errors.js';
import type { JsonObject } from './types.js';

type Path = Array<string | number>;

/** IS_COMPONENTS_V2 (1 << 15): the message is laid out by components, without content or embeds. Docs: resources/message, Message Flags. */
export const COMPONENTS_V2 = 1 << 15;
const LINK_BUTTON = 5;
const PREMIUM_BUTTON = 6;
const SELECTS = [3, 5, 6, 7, 8];

/**
 * True when a message would show nothing. Docs: resources/message, Create Message ("must provide a value
 * for at least one of content, embeds, sticker_ids, components, files[n], or poll"); the refusal is 50006
 * "Cannot send an empty message" (topics/opcodes-and-status-codes, JSON Error Codes).
 */
export function isEmptyMessage(m: JsonObject): boolean {
  const has = (v: unknown) => (Array.isArray(v) ? v.length > 0 : Boolean(v));
  return !has(m.content) && !has(m.embeds) && !has(m.components) && !has(m.attachments) && !has(m.sticker_ids) && !has(m.poll);
}

/**
 * Checks a message body (reply, follow-up, edit, channel message) for the rules the spec leaves out.
 * `prefix` is where Discord nests the errors (`['data']` for interaction callbacks); `hasFiles` counts
 * uploaded files as content; `channel` marks the channel-message routes, whose spec allows more content.
 */
export function checkMessage(body: JsonObject, prefix: Path, opts: { partial: boolean; hasFiles: boolean; channel?: boolean }): void {
  const errors = new FormErrors();
  // Docs: resources/message, Create Message: "Message contents (up to 2000 characters)"; the spec's
  // MessageCreateRequest allows 4000 (the limit for Nitro users), the webhook schemas already say 2000.
  if (opts.channel) errors.text([...prefix, 'content'], body.content, 0, 2000);
  if (((body.flags ?? 0) & COMPONENTS_V2) !== 0) checkLayout(errors, prefix, body);
  else checkLegacyRows(errors, [...prefix, 'components'], body.components);
  checkEmbeds(errors, [...prefix, 'embeds'], body.embeds);
  errors.throwIfAny();
  if (!opts.partial && !opts.hasFiles && isEmptyMessage(body)) throw refuse.emptyMessage();
}

/**
 * Docs: resources/message, Embed Limits: "the combined sum of characters in all title, description,
 * field.name, field.value, footer.text, and author.name fields across all embeds attached to a message
 * must not exceed 6000 characters", and whitespace around them is trimmed; Embed Field Structure makes
 * name and value required, so one that trims to nothing is missing. Each field's own limit is in the
 * spec's RichEmbed schema, which accepts an empty string.
 */
function checkEmbeds(errors: FormErrors, path: Path, value: unknown): void {
  if (!Array.isArray(value)) return;
  let total = 0;
  (value as JsonObject[]).forEach((embed, i) => {
    total += chars(embed.title) + chars(embed.description) + chars(embed.footer?.text) + chars(embed.author?.name);
    ((embed.fields ?? []) as JsonObject[]).forEach((field, j) => {
      for (const key of ['name', 'value'] as const) {
        if (typeof field[key] === 'string' && field[key].trim() === '')
          errors.add([...path, i, 'fields', j, key], 'BASE_TYPE_REQUIRED', 'This field is required');
      }
      total += chars(field.name) + chars(field.value);
    });
  });
  if (total > 6000) errors.add(path, 'MAX_EMBED_SIZE_EXCEEDED', 'Embed size exceeds maximum size of 6000');
}

function chars(v: unknown): number {
  return typeof v === 'string' ? [...v].length : 0;
}

/**
 * Docs: components/reference, Legacy Message Component Behavior: "Legacy messages allow up to 5 action
 * rows as top-level components"; the spec allows 40 components of any layout type at the top.
 */
function checkLegacyRows(errors: FormErrors, path: Path, value: unknown): void {
  if (!Array.isArray(value)) return;
  const rows = errors.list(path, value, 0, 5) as JsonObject[];
  const ids = new Set<string>();
  rows.forEach((row, i) => {
    if (row.type !== 1) return errors.add([...path, i, 'type'], 'UNION_TYPE_CHOICES', 'Value of field "type" must be one of (1).');
    checkRow(errors, [...path, i], row, ids);
  });
}

/**
 * Docs: components/reference, Action Row: "Up to 5 interactive button components or a single select
 * component"; the spec lets a row mix them.
 */
function checkRow(errors: FormErrors, at: Path, row: JsonObject, ids: Set<string>): void {
  const children = (row.components ?? []) as JsonObject[];
  children.forEach((child, j) => {
    const childAt = [...at, 'components', j];
    if (SELECTS.includes(child.type) && children.length > 1) {
      errors.add(childAt, 'COMPONENT_LAYOUT_WIDTH_EXCEEDED', 'The specified component exceeds the maximum width');
    }
    checkInteractive(errors, childAt, child, ids);
  });
}

/**
 * Docs: components/reference, Button ("Non-link and non-premium buttons must have a custom_id … Link
 * buttons must have a url, and cannot have a custom_id") and Custom ID ("Multiple components on the same
 * message must not share the same custom_id"). The spec makes both fields optional.
 */
function checkInteractive(errors: FormErrors, at: Path, component: JsonObject, ids: Set<string>): void {
  if (component.type === 2 && component.style === LINK_BUTTON) {
    if (!component.url) errors.add([...at, 'url'], 'BASE_TYPE_REQUIRED', 'This field is required');
    if (component.custom_id !== undefined)
      errors.add([...at, 'custom_id'], 'BUTTON_COMPONENT_LINK_CANNOT_HAVE_CUSTOM_ID', 'A link button cannot have a custom id');
    return;
  }
  if ((component.type !== 2 && !SELECTS.includes(component.type)) || component.style === PREMIUM_BUTTON) return;
  const customId = component.custom_id;
  if (typeof customId !== 'string') return errors.add([...at, 'custom_id'], 'BASE_TYPE_REQUIRED', 'This field is required');
  if (ids.has(customId)) errors.add([...at, 'custom_id'], 'COMPONENT_CUSTOM_ID_DUPLICATED', 'Component custom id cannot be duplicated');
  ids.add(customId);
}

/**
 * Layout messages (IS_COMPONENTS_V2). Docs: components/reference, introduction: "The content and embeds
 * fields will no longer work", "Messages allow up to 40 total components"; the discord.js guide (Popular
 * Topics → Display Components) adds that nested components count and that "the amount of text across all
 * text display components cannot exceed 4000 characters". The spec limits each list, not the whole tree.
 */
function checkLayout(errors: FormErrors, prefix: Path, body: JsonObject): void {
  for (const field of ['content', 'embeds'] as const) {
    if (body[field] !== undefined && body[field] !== null && body[field] !== '') {
      const message = `The '${field}' field cannot be used when using MessageFlags.IS_COMPONENTS_V2`;
      errors.add([...prefix, field], 'MESSAGE_CANNOT_USE_LEGACY_FIELDS_WITH_COMPONENTS_V2', message);
    }
  }
  const path = [...prefix, 'components'];
  let count = 0;
  let text = 0;
  const ids = new Set<string>();
  const walk = (component: JsonObject, at: Path): void => {
    count += 1;
    if (component.type === 10) text += chars(component.content);
    if (component.type === 1) checkRow(errors, at, component, ids);
    else checkInteractive(errors, at, component, ids);
    if (component.accessory) walk(component.accessory, [...at, 'accessory']);
    (component.components as JsonObject[] | undefined)?.forEach((child, i) => walk(child, [...at, 'components', i]));
  };
  ((body.components ?? []) as JsonObject[]).forEach((component, i) => walk(component, [...path, i]));
  if (count > 40) errors.add(path, 'MAX_COMPONENTS_EXCEEDED', 'Must be 40 or fewer components in total.');
  if (text > 4000) errors.add(path, 'MAX_TEXT_DISPLAY_LENGTH_EXCEEDED', 'Text display content must be 4000 or fewer characters in total.');
}

/**
 * Docs: interactions/receiving-and-responding, Interaction Callback Data Structure → Modal: "Between 1
 * and 5 (inclusive) components that make up the modal"; the spec's ModalInteractionCallbackRequestData
 * allows 40. Title, custom id, labels and inputs are checked by the spec.
 */
export function checkModal(data: JsonObject | undefined): void {
  const errors = new FormErrors();
  errors.list(['data', 'components'], data?.components, 1, 5, true);
  errors.throwIfAny();
}

/**
 * Docs: interactions/application-commands, Application Command Option Choice Structure: "Value for the
 * choice, up to 100 characters if string"; the spec allows 6000. The 25-choice cap and the 1–100
 * character names are in the spec's autocomplete schema.
 */
export function checkChoices(data: JsonObject | undefined): void {
  const errors = new FormErrors();
  ((data?.choices ?? []) as JsonObject[]).forEach((choice, i) => {
    if (typeof choice?.value === 'string') errors.text(['data', 'choices', i, 'value'], choice.value, 0, 100);
  });
  errors.throwIfAny();
}
