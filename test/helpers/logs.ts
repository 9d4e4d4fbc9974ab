import { createLogger, SecretScrubber, type Logger } from '../../src/log.js';

/** A real Keyward logger whose lines are kept in memory, for assertions and canary scans. */
export function captureLogs(level = 'debug'): { log: Logger; lines: string[]; scrubber: SecretScrubber; text: () => string } {
  const lines: string[] = [];
  const scrubber = new SecretScrubber();
  const log = createLogger({ level, scrubber, write: (line) => lines.push(line) });
  return { log, lines, scrubber, text: () => lines.join('') };
}
