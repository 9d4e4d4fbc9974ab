// The floor Keyward is measured against: a discord.js 14 bot that does nothing but answer. /connect
// gets a static one-box form, /balance an ephemeral "thinking…" defer. No store, no ccxt, no checks.
// Plain JavaScript so that it starts exactly as `node dist/src/main.js` does, without a TypeScript
// loader in front. Reads DISCORD_TOKEN and DISCORD_API_URL; logs "floor is ready" once connected.
import { Client, Events, GatewayIntentBits, LabelBuilder, MessageFlags, ModalBuilder, TextInputBuilder, TextInputStyle } from 'discord.js';

const client = new Client({
  intents: [GatewayIntentBits.Guilds],
  allowedMentions: { parse: [] },
  rest: process.env.DISCORD_API_URL ? { api: process.env.DISCORD_API_URL } : {},
});

const form = new ModalBuilder()
  .setCustomId('floor:form')
  .setTitle('Connect')
  .addLabelComponents(
    new LabelBuilder().setLabel('API key').setTextInputComponent(new TextInputBuilder().setCustomId('apiKey').setStyle(TextInputStyle.Short)),
  );

client.on(Events.InteractionCreate, (interaction) => {
  if (!interaction.isChatInputCommand()) return;
  const answer = interaction.commandName === 'connect' ? interaction.showModal(form) : interaction.deferReply({ flags: MessageFlags.Ephemeral });
  answer.catch((err) => process.stderr.write(`floor: ${err?.message ?? err}\n`));
});
client.once(Events.ClientReady, () => process.stdout.write('floor is ready\n'));
process.on('SIGTERM', () => {
  void client.destroy().then(() => process.exit(0));
});
await client.login(process.env.DISCORD_TOKEN);
