import { ApplicationCommandOptionType, chatInputApplicationCommandMention, type REST, Routes, type RepliableInteraction } from 'discord.js';

interface RegisteredCommand {
  id: string;
  name: string;
  options?: Array<{ type: number; name: string }>;
}
/** "keys test" or "balance" → the registered command's id, for one scope. */
type Ids = Map<string, string>;

/**
 * Command names in replies as clickable mentions (`</keys test:123>`, Discord's documented form, built by discord.js's formatter,
 * https://discord.com/developers/docs/reference#message-formatting). The ids are the ones Discord
 * gave when the commands were registered, per server or globally; until they are read, or where a
 * command is not registered, the reply keeps the plain "/keys test".
 */
export class CommandMentions {
  private readonly byScope = new Map<string, Ids>();

  /** Reads the registered commands of each allowed server and the global ones. */
  async load(rest: REST, applicationId: string, guildIds: readonly string[]): Promise<void> {
    const scopes: Array<[string, `/${string}`]> = [
      ['global', Routes.applicationCommands(applicationId)],
      ...guildIds.map((g): [string, `/${string}`] => [g, Routes.applicationGuildCommands(applicationId, g)]),
    ];
    for (const [scope, route] of scopes) this.byScope.set(scope, idsOf((await rest.get(route)) as RegisteredCommand[]));
  }

  /** The text with every known "/command [subcommand]" turned into a mention for that server. */
  apply(text: string, guildId: string | null): string {
    const ids = new Map([...(this.byScope.get('global') ?? []), ...(guildId ? (this.byScope.get(guildId) ?? []) : [])]);
    if (ids.size === 0) return text;
    // "/help topic:keys" stays as typed: a mention cannot carry the option the user should pick
    return text.replace(/(?<![<\w/`])\/([a-z][\w-]*)(?: ([a-z][\w-]*))?(?![\w:>`]| [\w-]+:)/g, (whole, name: string, sub: string | undefined) => {
      const subId = sub ? ids.get(`${name} ${sub}`) : undefined;
      if (sub && subId) return chatInputApplicationCommandMention(name, sub, subId);
      const id = ids.get(name);
      if (id) return `${chatInputApplicationCommandMention(name, id)}${sub ? ` ${sub}` : ''}`;
      return whole;
    });
  }

  /** Makes every reply, edit, update and follow-up of this interaction carry mentions. */
  wrap(interaction: RepliableInteraction): void {
    const mention = (options: unknown) => this.applyTo(options, interaction.guildId);
    for (const method of ['reply', 'editReply', 'followUp', 'update'] as const) {
      const original = (interaction as unknown as Record<string, ((o: unknown) => Promise<unknown>) | undefined>)[method];
      if (typeof original !== 'function') continue;
      Object.defineProperty(interaction, method, { value: (options: unknown) => original.call(interaction, mention(options)), configurable: true });
    }
  }

  /** Content, embed descriptions and field values: the places Discord renders mentions. */
  private applyTo(options: unknown, guildId: string | null): unknown {
    if (typeof options === 'string') return this.apply(options, guildId);
    if (!options || typeof options !== 'object') return options;
    const o = options as { content?: unknown; embeds?: unknown[] };
    if (typeof o.content === 'string') o.content = this.apply(o.content, guildId);
    for (const embed of o.embeds ?? []) {
      const data = ((embed as { data?: object }).data ?? embed) as { description?: string; fields?: Array<{ value: string }> };
      if (data.description) data.description = this.apply(data.description, guildId);
      for (const field of data.fields ?? []) field.value = this.apply(field.value, guildId);
    }
    return options;
  }
}

function idsOf(commands: readonly RegisteredCommand[]): Ids {
  const ids: Ids = new Map();
  for (const c of commands) {
    const subs = (c.options ?? []).filter((o) => o.type === ApplicationCommandOptionType.Subcommand);
    // a command with subcommands is only clickable through one of them
    if (subs.length === 0) ids.set(c.name, c.id);
    for (const s of subs) ids.set(`${c.name} ${s.name}`, c.id);
  }
  return ids;
}
