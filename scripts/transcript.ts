import type { FakeMessage, JsonObject } from '../test/fakes/discord/index.js';

/** Discord markup a reader does not need in a terminal: timestamps become dates, bold markers go. */
function plain(text: string): string {
  return text
    .replace(/<t:(\d+):R>/g, (_, s: string) => relative(Number(s) * 1000))
    .replace(/<t:(\d+):[A-Za-z]>/g, (_, s: string) => new Date(Number(s) * 1000).toISOString().slice(0, 10))
    .replace(/<\/([^:>]+):\d+>/g, '/$1') // a command mention reads as the command's name
    .replace(/\*\*/g, '')
    .replace(/\\([*_~`|>@])/g, '$1');
}

/** "in 5 days", "3 hours ago", "just now": how Discord shows a relative timestamp. */
function relative(ms: number): string {
  const diff = ms - Date.now();
  const abs = Math.abs(diff);
  const [n, unit] =
    abs >= 86_400_000 ? [Math.round(abs / 86_400_000), 'day'] : abs >= 3_600_000 ? [Math.round(abs / 3_600_000), 'hour'] : [Math.round(abs / 60_000), 'minute'];
  if (n === 0) return 'just now';
  const text = `${n} ${unit}${n === 1 ? '' : 's'}`;
  return diff > 0 ? `in ${text}` : `${text} ago`;
}

function indent(text: string, by = '  │ '): string {
  return text
    .split('\n')
    .map((l) => `${by}${l}`)
    .join('\n');
}

function buttons(components: JsonObject[]): string[] {
  return components.flatMap((row) => ((row.components ?? []) as JsonObject[]).filter((c) => c.type === 2).map((c) => `[${c.label}]`));
}

/** What a user sees of one message, as terminal text: content, embeds, buttons, or the form that opened. */
export function describeMessage(m: FakeMessage): string {
  const out: string[] = [];
  if (m.modal) {
    out.push(`form "${m.modal.title}"`);
    for (const c of (m.modal.components ?? []) as JsonObject[]) {
      if (c.type === 10) out.push(indent(plain(String(c.content))));
      if (c.type === 18) out.push(indent(`▢ ${c.label}${c.description ? ` — ${c.description}` : ''}`));
    }
    return out.join('\n');
  }
  if (m.content) out.push(indent(plain(m.content)));
  for (const e of m.embeds) {
    if (e.title) out.push(indent(`■ ${plain(String(e.title))}`));
    if (e.description) out.push(indent(plain(String(e.description))));
    for (const f of (e.fields ?? []) as JsonObject[]) out.push(indent(`${plain(String(f.name))}\n${indent(plain(String(f.value)), '  ')}`));
  }
  for (const a of m.attachments) out.push(indent(`📎 ${String(a.filename)}`));
  const b = buttons(m.components);
  if (b.length > 0) out.push(indent(b.join(' ')));
  return out.join('\n');
}
