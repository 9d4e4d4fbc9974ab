import type { AutocompleteInteraction, Interaction, RepliableInteraction } from 'discord.js';
import { AppError, isAppError } from '../errors.js';
import type { Logger } from '../log.js';
import { checkAccess, type AccessPolicy } from './access.js';
import type { Command } from './command.js';
import type { CommandMentions } from './command-mentions.js';
import type { AppContext } from './context.js';
import { isBenignDiscordError } from './errors.js';
import { answerPrivately, privateReply } from './replies.js';
import type { GuildMembers } from './members.js';
import type { WorkTracker } from './work-tracker.js';

/** Without a way to check membership, nothing is allowed in DMs. */
const NO_DM_USE: Pick<GuildMembers, 'requireInDm'> = { requireInDm: () => Promise.reject(new AppError('MEMBERSHIP_UNCHECKED')) };

/** Notices a user should get with their next reply (e.g. reminders they missed because their DMs were closed). */
export interface NoticePort {
  takeNotice(userId: string): Promise<string | undefined>;
}

export interface RouterOptions {
  commands: ReadonlyMap<string, Command>;
  ctx: AppContext;
  access: AccessPolicy;
  log: Logger;
  notices?: NoticePort;
  /** in-progress interactions, for a graceful shutdown */
  work?: WorkTracker;
  /** membership checks for interactions in the bot's DM, where Discord sends no member or role */
  members?: Pick<GuildMembers, 'requireInDm'>;
  /** turns "/keys test" in replies into a clickable mention */
  mentions?: CommandMentions;
}

/**
 * The one entry point for interactions and the one error boundary: access is checked before any
 * handler runs (so before any form opens), buttons and forms are routed by their one-time link, a
 * catalogued error becomes its safe message, and anything else is logged with the interaction id,
 * which the user gets as a reference.
 */
export function createRouter(opts: RouterOptions): (interaction: Interaction) => Promise<void> {
  const { work } = opts;
  return async (interaction) => {
    if (interaction.isAutocomplete()) return autocomplete(interaction, opts);
    if (!interaction.isRepliable()) return;
    if (work?.closing) return answerPrivately(interaction, new AppError('RESTARTING').message).catch(() => undefined);
    if (work) return work.run(() => handle(interaction, opts));
    return handle(interaction, opts);
  };
}

async function handle(interaction: RepliableInteraction, opts: RouterOptions): Promise<void> {
  const { commands, ctx, access, log } = opts;
  opts.mentions?.wrap(interaction);
  try {
    const place = checkAccess(interaction, access);
    if (interaction.isChatInputCommand()) {
      if (place === 'dm') throw new AppError('CONTEXT_NOT_ALLOWED');
      const command = commands.get(interaction.commandName);
      if (!command) throw new AppError('COMMAND_UNKNOWN');
      await command.execute(interaction, ctx);
      await deliverNotice(interaction, opts);
    } else if (interaction.isButton() || interaction.isModalSubmit()) {
      const command = commands.get(interaction.customId.split(':', 1)[0] ?? '');
      const handler = interaction.isButton() ? command?.onButton : command?.onModal;
      if (!command || !handler) throw new AppError('LINK_INVALID');
      const link = await ctx.links.resolve(interaction.customId, interaction.user.id, place === 'dm');
      if (place === 'dm') await (opts.members ?? NO_DM_USE).requireInDm(interaction.user.id, link.guildId);
      if (interaction.isButton()) await command.onButton!(interaction, ctx, link);
      else await command.onModal!(interaction, ctx, link);
    }
  } catch (err) {
    await fail(interaction, err, log);
  }
}

async function autocomplete(interaction: AutocompleteInteraction, { commands, ctx, access, log }: RouterOptions): Promise<void> {
  try {
    if (checkAccess(interaction, access) !== 'guild') return void (await interaction.respond([]));
    await commands.get(interaction.commandName)?.autocomplete?.(interaction, ctx);
  } catch (err) {
    if (!isAppError(err) && !isBenignDiscordError(err)) log.warn({ err, interactionId: interaction.id }, 'autocomplete failed');
    if (!interaction.responded) await interaction.respond([]).catch(() => undefined);
  }
}

async function deliverNotice(interaction: RepliableInteraction, { notices, log }: RouterOptions): Promise<void> {
  if (!notices || !(interaction.deferred || interaction.replied)) return;
  try {
    const notice = await notices.takeNotice(interaction.user.id);
    if (notice) await interaction.followUp(privateReply({ content: notice }));
  } catch (err) {
    log.warn({ err, interactionId: interaction.id }, 'could not deliver a notice');
  }
}

async function fail(interaction: RepliableInteraction, err: unknown, log: Logger): Promise<void> {
  if (isBenignDiscordError(err)) {
    log.debug({ interactionId: interaction.id, err }, 'interaction expired or was already answered');
    return;
  }
  let message: string;
  if (isAppError(err)) {
    message = err.message;
    log.info({ interactionId: interaction.id, code: err.code }, 'refused');
  } else {
    log.error({ interactionId: interaction.id, err }, 'interaction failed');
    message = `Something went wrong on our side. Nothing was changed. If it keeps happening, give the operator this reference: ${interaction.id}`;
  }
  try {
    await answerPrivately(interaction, message);
  } catch (replyErr) {
    if (!isBenignDiscordError(replyErr)) log.warn({ interactionId: interaction.id, err: replyErr }, 'could not tell the user');
  }
}
