import { AppError, isAppError } from '../errors.js';

interface Cause {
  reason: string;
  fix: string;
}

const NOT_WRITABLE: Cause = {
  reason: 'its directory is not writable by this user',
  fix: 'Give this user write access to that directory (chown), or point STORE_URL at one it owns.',
};
const AUTH: Cause = { reason: 'authentication failed', fix: 'Check the user name and password in STORE_URL.' };
const UNREACHABLE: Cause = { reason: 'the host does not answer', fix: 'Check that the server is running and that the host and port in STORE_URL are right.' };

/** What an operator can act on, by engine error code or message (users only ever see "try again"). */
function causeOf(err: unknown): Cause {
  const { code, message } = (err ?? {}) as { code?: unknown; message?: unknown };
  const text = typeof message === 'string' ? message : '';
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return NOT_WRITABLE;
  if (code === 'ENOTDIR' || code === 'ENOENT')
    return { reason: 'its directory cannot be created there', fix: 'Point STORE_URL at a path inside a directory that exists.' };
  // Postgres SQLSTATE 28P01/28000 (https://www.postgresql.org/docs/current/errcodes-appendix.html); Redis WRONGPASS/NOAUTH
  if (code === '28P01' || code === '28000' || /^(WRONGPASS|NOAUTH)/.test(text)) return AUTH;
  if (code === '3D000') return { reason: 'the database does not exist', fix: 'Create it (createdb) or correct the database name in STORE_URL.' };
  if (/DB index is out of range/i.test(text))
    return {
      reason: 'the database index does not exist on this Redis server',
      fix: 'Use a number below the server\'s "databases" setting (0 to 15 by default) after the slash in STORE_URL.',
    };
  if (['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH'].includes(String(code)) || /timed? ?out|connect/i.test(text))
    return UNREACHABLE;
  if (err instanceof AggregateError && err.errors.length > 0) return causeOf(err.errors[0]);
  return { reason: `an unexpected ${err instanceof Error ? err.name : 'error'}`, fix: 'Run "npm run doctor" for details.' };
}

/** STORE_URL without credentials or query: safe to print. */
export function describeStoreUrl(url: string, sqliteFile?: string): string {
  if (sqliteFile) return `sqlite at ${sqliteFile}`;
  try {
    const u = new URL(url);
    return `${u.protocol.replace(/:$/, '')} at ${u.host}${u.pathname === '/' ? '' : u.pathname}`;
  } catch {
    return 'STORE_URL';
  }
}

/** Turns a backend's STORE_UNAVAILABLE at opening time into one sentence naming the cause and the fix. */
export function storeOpenFailure(err: unknown, store: string): unknown {
  if (!isAppError(err, 'STORE_UNAVAILABLE')) return err;
  return new AppError('STORE_OPEN_FAILED', { store, ...causeOf(err.cause) }, { cause: err.cause });
}
