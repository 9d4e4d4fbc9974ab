import type { Logger } from './log.js';

/**
 * Last-resort handlers for the bot process. Node ends a process on an unhandled rejection by
 * default, so one failed Discord call nobody awaited would stop serving everyone: such a rejection
 * is logged (through the logger's allow-listing error serializer) and the bot keeps serving. An
 * uncaught exception leaves the process in an unknown state: it is logged and the process exits
 * non-zero, so the supervisor restarts it.
 */
export function installProcessGuards(log: Logger, exit: (code: number) => void = (code) => process.exit(code)): () => void {
  const onRejection = (reason: unknown) => log.error({ err: reason }, 'unhandled rejection; still serving');
  const onException = (err: unknown) => {
    log.fatal({ err }, 'uncaught exception; exiting for the supervisor to restart');
    exit(1);
  };
  process.on('unhandledRejection', onRejection);
  process.on('uncaughtException', onException);
  return () => {
    process.off('unhandledRejection', onRejection);
    process.off('uncaughtException', onException);
  };
}
