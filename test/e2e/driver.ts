import type { FakeDiscord, FakeMessage, InteractionRun, JsonObject } from '../fakes/discord/index.js';

/** The reply once it stops changing: progress edits end with a card that has embeds or a plain answer. */
export async function settled(run: InteractionRun, timeoutMs = 15_000): Promise<FakeMessage> {
  return run.waitForReply((m) => Boolean(m.modal) || m.embeds.length > 0 || (Boolean(m.content) && !(m.content ?? '').startsWith('⏳')), timeoutMs);
}

/** The custom id of the button labelled `label` in a message. */
export function buttonId(message: FakeMessage, label: string): string {
  for (const row of message.components) {
    for (const c of (row.components ?? []) as Array<{ label?: string; custom_id?: string }>) if (c.label === label && c.custom_id) return c.custom_id;
  }
  throw new Error(`no button "${label}" in: ${JSON.stringify(message.components)}`);
}

/** All text of a message: content, embed titles, descriptions and fields. */
export function textOf(message: FakeMessage): string {
  const parts = [message.content ?? ''];
  for (const e of message.embeds) {
    parts.push(e.title ?? '', e.description ?? '', e.footer?.text ?? '');
    for (const f of (e.fields ?? []) as Array<{ name: string; value: string }>) parts.push(f.name, f.value);
  }
  return parts.join('\n');
}

/** The label of the choice that leads to the paste form where Keyward could create a key pair instead. */
export const PASTE_LABEL = 'Paste an existing key';

/** True when `message` has a button labelled `label`. */
export function hasButton(message: FakeMessage, label: string): boolean {
  return message.components.some((row) => ((row.components ?? []) as Array<{ label?: string }>).some((c) => c.label === label));
}

/**
 * The paste form a run opened. Where the exchange accepts key pairs Keyward creates, the run first
 * offers the choice: "Paste an existing key" is pressed (where the choice appeared) to reach the form.
 */
export async function pasteForm(
  discord: Pick<FakeDiscord, 'button'>,
  userId: string,
  run: InteractionRun,
  guildId?: string,
  roles?: string[],
): Promise<JsonObject & { custom_id: string }> {
  const first = await run.waitForReply((m) => Boolean(m.modal) || hasButton(m, PASTE_LABEL), 10_000);
  if (first.modal) return first.modal as JsonObject & { custom_id: string };
  const pressed = await discord.button({ userId, guildId, roles, customId: buttonId(first, PASTE_LABEL), messageId: first.id });
  return (await pressed.waitForReply((m) => Boolean(m.modal), 10_000)).modal as JsonObject & { custom_id: string };
}

/** A reply's text with command mentions (`</keys list:123>`) read back as the "/keys list" a user sees. */
export function asSeen(text: string | undefined): string {
  return (text ?? '').replace(/<\/([^:>]+):\d+>/g, '/$1');
}
