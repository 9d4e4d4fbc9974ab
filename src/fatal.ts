import { isAppError } from './errors.js';
import type { Logger } from './log.js';

/**
 * Ends a command-line process after an error: a catalogued error prints its safe message as plain
 * text (operators read it in a terminal or `docker logs`); anything else is logged with the
 * allow-listing serializer. Exit code 1 either way.
 */
export function exitWithError(err: unknown, log?: Logger): never {
  if (isAppError(err)) {
    process.stderr.write(`${err.message}\n`);
    log?.error({ err }, 'stopped');
  } else if (log) {
    log.fatal({ err }, 'stopped by an unexpected error');
  } else {
    process.stderr.write(`keyward: stopped by an unexpected error (${err instanceof Error ? err.name : typeof err})\n`);
  }
  process.exit(1);
}
