import { loadConfig, loadDotEnv } from '../config.js';
import { applicationIdFromToken } from '../discord/bot.js';
import { deployCommands, inviteUrl } from '../discord/deploy.js';
import { loadCommands } from '../discord/loader.js';
import { AppError } from '../errors.js';
import { exitWithError } from '../fatal.js';

/** npm run deploy-commands [-- --global | --invite-url]: registers the slash commands with Discord, or prints the invite link. */
async function run(args: string[]): Promise<void> {
  loadDotEnv();
  const config = loadConfig(process.env);
  const token = config.DISCORD_TOKEN!;
  if (args.includes('--invite-url')) {
    const id = config.DISCORD_APPLICATION_ID ?? applicationIdFromToken(config.DISCORD_TOKEN ?? '');
    if (id) return void console.log(inviteUrl(id));
  }
  const applicationId = config.DISCORD_APPLICATION_ID ?? applicationIdFromToken(token);
  if (!applicationId) throw new AppError('CONFIG_INVALID', { problems: '- DISCORD_APPLICATION_ID: could not be read from the token; set it explicitly' });
  const commands = await loadCommands();
  const scopes = await deployCommands(commands, {
    token,
    applicationId,
    apiUrl: config.DISCORD_API_URL,
    guildIds: config.ALLOWED_GUILD_IDS,
    global: args.includes('--global'),
  });
  console.log(`Registered ${commands.size} commands (${[...commands.keys()].map((n) => `/${n}`).join(', ')}) in: ${scopes.join(', ')}.`);
  console.log(`To add the bot to another server, open: ${inviteUrl(applicationId)}`);
}

run(process.argv.slice(2)).catch((err) => exitWithError(err));
