/** Discord's size limits on messages, modals and autocomplete, so over-limit payloads fail in tests too. */
import { FormErrors, refuse } from './errors.js';
import type { JsonObject } from './types.js';

type Path = Array<string | number>;

/** Message flag that switches a message to layout components (no content or embeds). */
export const COMPONENTS_V2 = 1 << 15;
const LINK_BUTTON = 5;
const PREMIUM_BUTTON = 6;

/** True when a message would show nothing, which Discord refuses with 50006. */
export function isEmptyMessage(m: JsonObject): boolean {
  const has = (v: unknown) => (Array.isArray(v) ? v.length > 0 : Boolean(v));
  return !has(m.content) && !has(m.embeds) && !has(m.components) && !has(m.attachments) && !has(m.sticker_ids) && !has(m.poll);
}

/**
 * Checks a message body (reply, follow-up, edit, channel message). `prefix` is where Discord nests the
 * errors (`['data']` for interaction callbacks); `hasFiles` counts uploaded files as content.
 */
export function checkMessage(body: JsonObject, prefix: Path, opts: { partial: boolean; hasFiles: boolean }): void {
  const errors = new FormErrors();
  const v2 = ((body.flags ?? 0) & COMPONENTS_V2) !== 0;
  errors.text([...prefix, 'content'], body.content, 0, 2000);
  if (v2) {
    for (const field of ['content', 'embeds'] as const) {
      if (body[field] !== undefined && body[field] !== null && body[field] !== '') {
        const message = `The '${field}' field cannot be used when using MessageFlags.IS_COMPONENTS_V2`;
        errors.add([...prefix, field], 'MESSAGE_CANNOT_USE_LEGACY_FIELDS_WITH_COMPONENTS_V2', message);
      }
    }
  }
  checkEmbeds(errors, [...prefix, 'embeds'], body.embeds);
  if (v2) checkLayout(errors, [...prefix, 'components'], body.components);
  else checkActionRows(errors, [...prefix, 'components'], body.components);
  errors.throwIfAny();
  if (!opts.partial && !opts.hasFiles && isEmptyMessage(body)) throw refuse.emptyMessage();
}

function checkEmbeds(errors: FormErrors, path: Path, value: unknown): void {
  const embeds = errors.list(path, value, 0, 10) as JsonObject[];
  let total = 0;
  embeds.forEach((embed, i) => {
    const at = [...path, i];
    errors.text([...at, 'title'], embed.title, 0, 256);
    errors.text([...at, 'description'], embed.description, 0, 4096);
    errors.text([...at, 'footer', 'text'], embed.footer?.text, 0, 2048);
    errors.text([...at, 'author', 'name'], embed.author?.name, 0, 256);
    const fields = errors.list([...at, 'fields'], embed.fields, 0, 25) as JsonObject[];
    fields.forEach((field, j) => {
      errors.text([...at, 'fields', j, 'name'], field.name, 1, 256, true);
      errors.text([...at, 'fields', j, 'value'], field.value, 1, 1024, true);
      total += chars(field.name) + chars(field.value);
    });
    total += chars(embed.title) + chars(embed.description) + chars(embed.footer?.text) + chars(embed.author?.name);
  });
  if (total > 6000) errors.add(path, 'MAX_EMBED_SIZE_EXCEEDED', 'Embed size exceeds maximum size of 6000');
}

function chars(v: unknown): number {
  return typeof v === 'string' ? [...v].length : 0;
}

function checkActionRows(errors: FormErrors, path: Path, value: unknown): void {
  const rows = errors.list(path, value, 0, 5) as JsonObject[];
  const ids = new Set<string>();
  rows.forEach((row, i) => {
    if (row.type !== 1) return wrongType(errors, [...path, i], [1]);
    const children = errors.list([...path, i, 'components'], row.components, 1, 5, true) as JsonObject[];
    children.forEach((child, j) => {
      const at = [...path, i, 'components', j];
      if (child.type === 2) checkButton(errors, at, child, ids);
      else if ([3, 5, 6, 7, 8].includes(child.type)) {
        if (children.length > 1) errors.add(at, 'COMPONENT_LAYOUT_WIDTH_EXCEEDED', 'The specified component exceeds the maximum width');
        checkSelect(errors, at, child, ids);
      } else wrongType(errors, at, [2, 3, 5, 6, 7, 8]);
    });
  });
}

function checkButton(errors: FormErrors, at: Path, button: JsonObject, ids: Set<string>): void {
  errors.text([...at, 'label'], button.label, 0, 80);
  if (button.style === LINK_BUTTON) errors.text([...at, 'url'], button.url, 1, 512, true);
  else if (button.style !== PREMIUM_BUTTON) checkCustomId(errors, at, button.custom_id, ids);
}

function checkSelect(errors: FormErrors, at: Path, select: JsonObject, ids: Set<string>): void {
  checkCustomId(errors, at, select.custom_id, ids);
  errors.text([...at, 'placeholder'], select.placeholder, 0, 150);
  errors.number([...at, 'min_values'], select.min_values, 0, 25);
  errors.number([...at, 'max_values'], select.max_values, 1, 25);
  if (select.type !== 3) return;
  const options = errors.list([...at, 'options'], select.options, 1, 25, true) as JsonObject[];
  options.forEach((option, k) => {
    errors.text([...at, 'options', k, 'label'], option.label, 1, 100, true);
    errors.text([...at, 'options', k, 'value'], option.value, 1, 100, true);
    errors.text([...at, 'options', k, 'description'], option.description, 0, 100);
  });
}

function checkCustomId(errors: FormErrors, at: Path, customId: unknown, ids: Set<string>): void {
  errors.text([...at, 'custom_id'], customId, 1, 100, true);
  if (typeof customId !== 'string') return;
  if (ids.has(customId)) errors.add([...at, 'custom_id'], 'COMPONENT_CUSTOM_ID_DUPLICATED', 'Component custom id cannot be duplicated');
  ids.add(customId);
}

function wrongType(errors: FormErrors, at: Path, allowed: number[]): void {
  errors.add([...at, 'type'], 'UNION_TYPE_CHOICES', `Value of field "type" must be one of (${allowed.join(', ')}).`);
}

/** Layout messages (IS_COMPONENTS_V2): at most 40 components in all, 4000 characters of text. */
function checkLayout(errors: FormErrors, path: Path, value: unknown): void {
  const top = errors.list(path, value, 1, 40, true) as JsonObject[];
  let count = 0;
  let text = 0;
  const ids = new Set<string>();
  const walk = (component: JsonObject, at: Path): void => {
    count += 1;
    if (component.type === 10) {
      errors.text([...at, 'content'], component.content, 1, 4000, true);
      text += chars(component.content);
    }
    if (component.type === 2) checkButton(errors, at, component, ids);
    if ([3, 5, 6, 7, 8].includes(component.type)) checkSelect(errors, at, component, ids);
    if (component.accessory) walk(component.accessory, [...at, 'accessory']);
    (component.components as JsonObject[] | undefined)?.forEach((child, i) => walk(child, [...at, 'components', i]));
  };
  top.forEach((component, i) => walk(component, [...path, i]));
  if (count > 40) errors.add(path, 'MAX_COMPONENTS_EXCEEDED', 'Must be 40 or fewer components in total.');
  if (text > 4000) errors.add(path, 'MAX_TEXT_DISPLAY_LENGTH_EXCEEDED', 'Text display content must be 4000 or fewer characters in total.');
}

/** Checks a modal callback: title, custom id, 1–5 labels / text displays (or legacy action rows). */
export function checkModal(data: JsonObject | undefined): void {
  const errors = new FormErrors();
  const modal = data ?? {};
  errors.text(['data', 'title'], modal.title, 1, 45, true);
  errors.text(['data', 'custom_id'], modal.custom_id, 1, 100, true);
  const ids = new Set<string>();
  const components = errors.list(['data', 'components'], modal.components, 1, 5, true) as JsonObject[];
  components.forEach((component, i) => {
    const at: Path = ['data', 'components', i];
    if (component.type === 18) {
      errors.text([...at, 'label'], component.label, 1, 45, true);
      errors.text([...at, 'description'], component.description, 1, 100);
      if (!component.component) errors.add([...at, 'component'], 'BASE_TYPE_REQUIRED', 'This field is required');
      else checkModalInput(errors, [...at, 'component'], component.component, ids, false);
    } else if (component.type === 10) {
      errors.text([...at, 'content'], component.content, 1, 4000, true);
    } else if (component.type === 1) {
      const row = errors.list([...at, 'components'], component.components, 1, 1, true) as JsonObject[];
      row.forEach((input, j) => checkModalInput(errors, [...at, 'components', j], input, ids, true));
    } else wrongType(errors, at, [1, 10, 18]);
  });
  errors.throwIfAny();
}

function checkModalInput(errors: FormErrors, at: Path, input: JsonObject, ids: Set<string>, legacyRow: boolean): void {
  if (input.type === 4) {
    checkCustomId(errors, at, input.custom_id, ids);
    if (legacyRow) errors.text([...at, 'label'], input.label, 1, 45, true);
    if (input.style !== 1 && input.style !== 2) errors.add([...at, 'style'], 'BASE_TYPE_CHOICES', 'Value must be one of {1, 2}.');
    errors.number([...at, 'min_length'], input.min_length, 0, 4000);
    errors.number([...at, 'max_length'], input.max_length, 1, 4000);
    errors.text([...at, 'placeholder'], input.placeholder, 0, 100);
    errors.text([...at, 'value'], input.value, 0, 4000);
  } else if (!legacyRow && [3, 5, 6, 7, 8].includes(input.type)) {
    checkSelect(errors, at, input, ids);
  } else if (!legacyRow && [19, 21, 22, 23].includes(input.type)) {
    checkCustomId(errors, at, input.custom_id, ids);
  } else wrongType(errors, at, legacyRow ? [4] : [3, 4, 5, 6, 7, 8, 19, 21, 22, 23]);
}

/** Checks an autocomplete answer: at most 25 choices, names 1–100, string values up to 100. */
export function checkChoices(data: JsonObject | undefined): void {
  const errors = new FormErrors();
  const choices = errors.list(['data', 'choices'], data?.choices, 0, 25, true) as JsonObject[];
  choices.forEach((choice, i) => {
    errors.text(['data', 'choices', i, 'name'], choice.name, 1, 100, true);
    if (typeof choice.value === 'string') errors.text(['data', 'choices', i, 'value'], choice.value, 0, 100);
    else if (typeof choice.value !== 'number') errors.add(['data', 'choices', i, 'value'], 'BASE_TYPE_REQUIRED', 'This field is required');
  });
  errors.throwIfAny();
}
