import { DiscordAPIError, RESTJSONErrorCodes } from 'discord.js';

/**
 * Discord errors that mean "too late" or "already answered", not "broken": the user gave up, the
 * 3-second window passed, or a second reply raced the first. Handled quietly, in one place.
 */
const BENIGN = new Set<number>([
  RESTJSONErrorCodes.UnknownInteraction, // 10062
  RESTJSONErrorCodes.InteractionHasAlreadyBeenAcknowledged, // 40060
  RESTJSONErrorCodes.UnknownWebhook, // 10015: the 15-minute token expired
  RESTJSONErrorCodes.InvalidWebhookToken, // 50027
]);

export function isBenignDiscordError(err: unknown): boolean {
  return err instanceof DiscordAPIError && typeof err.code === 'number' && BENIGN.has(err.code);
}

/** A DM that can never arrive: closed DMs (50007) or no shared server (50278). Never retried. */
export function isClosedDmError(err: unknown): boolean {
  return err instanceof DiscordAPIError && (err.code === RESTJSONErrorCodes.CannotSendMessagesToThisUser || err.code === 50278);
}
