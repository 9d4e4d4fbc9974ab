/** /help: short guides traders need around their keys, and an overview of every command. */
import { EmbedBuilder } from 'discord.js';
import { addressList, type CatalogEntry } from '../../exchanges/index.js';
import { COLOURS, safe, truncate } from './format.js';
import { COMMANDS, GUIDES, type Guide } from './help-guides.js';
import { field, fitLines, LIMITS } from './paging.js';

/** The topics offered as choices of /help (Discord allows at most 25). */
export const HELP_TOPICS: ReadonlyArray<{ value: string; name: string }> = [
  { value: 'commands', name: 'Every command' },
  { value: 'create-key', name: 'Creating an API key' },
  { value: 'permissions', name: 'Which permissions to grant' },
  { value: 'ip-whitelist', name: 'Binding a key to an IP' },
  { value: 'clock', name: 'Clock errors' },
  { value: 'rate-limits', name: 'Rate limits' },
  { value: 'safety', name: 'Keeping keys safe' },
  { value: 'reminders', name: 'Rotation reminders' },
  { value: 'troubleshooting', name: 'When a key is refused' },
];

function guideEmbed(guide: Guide): EmbedBuilder {
  return new EmbedBuilder()
    .setColor(COLOURS.neutral)
    .setTitle(guide.title)
    .setDescription(truncate(guide.paragraphs.join('\n\n'), LIMITS.description));
}

/** Where the majors hide their API page, one line each, as many as fit. */
function createKeyPaths(majors: readonly CatalogEntry[]): string {
  const lines = majors.filter((e) => e.createKeyPath).map((e) => `**${safe(e.name, 60)}**: ${safe(e.createKeyPath ?? '', 200)}`);
  return fitLines(lines, LIMITS.fieldValue, (hidden) => `…and ${hidden} more: see /exchanges`);
}

/** Exactly what to whitelist, or who to ask when the operator has not said. */
function addressesText(publicIps: readonly string[]): string {
  if (publicIps.length === 0)
    return "This server's operator has not listed them (PUBLIC_IPS): ask them for the public IP address of the machine running Keyward.";
  return `Add ${publicIps.length === 1 ? 'this address' : `all ${publicIps.length} of these addresses`} to the key's whitelist: ${addressList(publicIps)}. Keyward's requests come from ${publicIps.length === 1 ? 'it' : 'them'}.`;
}

function isGuide(topic: string): topic is keyof typeof GUIDES {
  return Object.hasOwn(GUIDES, topic);
}

/**
 * The guide for `topic`; with no topic (or one that does not exist) the command overview and the
 * list of topics. `majors` are the exchanges whose key-creation paths the key guide lists.
 */
export function renderHelp(topic: string | undefined, majors: CatalogEntry[], publicIps: readonly string[] = []): EmbedBuilder[] {
  if (topic !== undefined && isGuide(topic)) {
    const embed = guideEmbed(GUIDES[topic]);
    if (topic === 'ip-whitelist') embed.addFields(field("Keyward's addresses", addressesText(publicIps)));
    if (topic === 'create-key' && majors.some((e) => e.createKeyPath)) embed.addFields(field('Where to find it', createKeyPaths(majors)));
    return [embed];
  }
  const unknown = topic !== undefined && topic !== 'commands';
  const overview = guideEmbed(
    unknown ? { ...COMMANDS, paragraphs: [`There is no guide called “${safe(topic, 100)}”; here is the overview.`, ...COMMANDS.paragraphs] } : COMMANDS,
  );
  if (topic !== 'commands') {
    const topics = HELP_TOPICS.filter((t) => t.value !== 'commands').map((t) => `**${t.name}**: /help topic:${t.value}`);
    overview.addFields(field('Guides', topics.join('\n')));
  }
  return [overview];
}
