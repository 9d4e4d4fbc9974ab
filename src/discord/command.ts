import type {
  AutocompleteInteraction,
  ButtonInteraction,
  ChatInputCommandInteraction,
  ModalSubmitInteraction,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { AppContext } from './context.js';
import type { Link } from './links.js';

/**
 * One slash command: its definition, its handler, and the handlers of the buttons and forms it
 * creates (routed here by the custom id's first part, which is the command's name).
 */
export interface Command {
  data: { name: string; toJSON(): RESTPostAPIChatInputApplicationCommandsJSONBody };
  execute(interaction: ChatInputCommandInteraction, ctx: AppContext): Promise<unknown>;
  autocomplete?(interaction: AutocompleteInteraction, ctx: AppContext): Promise<unknown>;
  onButton?(interaction: ButtonInteraction, ctx: AppContext, link: Link): Promise<unknown>;
  onModal?(interaction: ModalSubmitInteraction, ctx: AppContext, link: Link): Promise<unknown>;
}
