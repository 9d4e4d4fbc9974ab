import { REST, Routes } from 'discord.js';

/** Asks Discord who the token belongs to, so the doctor can tell a refused token from no answer. */
export async function fetchBotUsername(token: string, apiUrl: string | undefined, timeoutMs: number): Promise<string | undefined> {
  const rest = new REST(apiUrl ? { api: apiUrl } : {}).setToken(token);
  const noAnswer = new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${timeoutMs / 1000} s`)), timeoutMs).unref());
  const me = (await Promise.race([rest.get(Routes.user('@me')), noAnswer])) as { username?: string };
  return me.username;
}
