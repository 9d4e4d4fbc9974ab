import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { access, chmod, open, readFile, rename, stat, unlink } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { AppError } from '../errors.js';
import { makeOwnDirs } from '../own-dirs.js';

export const MASTER_KEY_BYTES = 32;

/** Versioned master keys; `current` seals new data keys, the others still open old ones. */
export interface Keyring {
  current: number;
  keys: Map<number, Uint8Array>;
}

/**
 * Reads and checks the keyring file; undefined when it does not exist. Errors name the problem but
 * never quote the file's content, which holds key bytes.
 */
export async function readKeyringFile(path: string): Promise<Keyring | undefined> {
  let mode: number;
  try {
    mode = (await stat(path)).mode;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new AppError('KEYRING_MALFORMED', { path, reason: 'it cannot be read' }, { cause: err });
  }
  if ((mode & 0o077) !== 0) throw new AppError('KEYRING_PERMISSIONS', { path, mode: (mode & 0o777).toString(8) });
  let doc: unknown;
  try {
    doc = JSON.parse(await readFile(path, 'utf8'));
  } catch {
    throw new AppError('KEYRING_MALFORMED', { path, reason: 'it is not valid JSON' });
  }
  return parseKeyring(doc, path);
}

function parseKeyring(doc: unknown, path: string): Keyring {
  const bad = (reason: string) => new AppError('KEYRING_MALFORMED', { path, reason });
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) throw bad('it is not a JSON object');
  const { format, current, keys } = doc as Record<string, unknown>;
  if (format !== 1) throw bad('"format" must be 1');
  if (!Number.isInteger(current) || (current as number) < 1) throw bad('"current" must be a positive whole number');
  if (!keys || typeof keys !== 'object' || Array.isArray(keys)) throw bad('"keys" must be an object of version → base64 key');
  const out = new Map<number, Uint8Array>();
  for (const [version, value] of Object.entries(keys)) {
    const kid = Number(version);
    if (!/^[1-9]\d{0,5}$/.test(version)) throw bad('key versions must be positive whole numbers');
    if (typeof value !== 'string' || !/^[A-Za-z0-9+/]+={0,2}$/.test(value)) throw bad(`key version ${kid} is not base64`);
    const bytes = new Uint8Array(Buffer.from(value, 'base64'));
    if (bytes.length !== MASTER_KEY_BYTES) throw bad(`key version ${kid} is not ${MASTER_KEY_BYTES} bytes`);
    out.set(kid, bytes);
  }
  if (!out.has(current as number)) throw bad(`the current version ${current} has no key`);
  return { current: current as number, keys: out };
}

/** A new random master key. */
export function generateMasterKey(): Uint8Array {
  return new Uint8Array(randomBytes(MASTER_KEY_BYTES));
}

/**
 * Writes the keyring atomically (temp file + rename) with mode 0400 (a directory it creates is 0700) —
 * a kill midway leaves either the old file or the new one, never half of one.
 */
export async function writeKeyringFile(path: string, keyring: Keyring): Promise<void> {
  await makeOwnDirs(dirname(path));
  const doc = {
    format: 1,
    current: keyring.current,
    keys: Object.fromEntries([...keyring.keys].sort(([a], [b]) => a - b).map(([k, v]) => [String(k), Buffer.from(v).toString('base64')])),
  };
  const tmp = `${path}.${process.pid}.tmp`;
  const handle = await open(tmp, 'wx', 0o600);
  try {
    await handle.writeFile(JSON.stringify(doc, null, 2) + '\n');
    await handle.sync();
  } finally {
    await handle.close();
  }
  await chmod(tmp, 0o400);
  try {
    await rename(tmp, path);
  } catch (err) {
    await unlink(tmp).catch(() => undefined);
    throw err;
  }
}

/**
 * Checked before anything is written: when the keyring file is missing, this user must be able to
 * create it (in a container the usual cause is a keyring that was not mounted where KEYRING_FILE says).
 */
export async function assertKeyringCreatable(path: string): Promise<void> {
  let at = resolve(path);
  for (;;) {
    const found = await stat(at).then(
      (st) => st,
      (err: NodeJS.ErrnoException) => (err.code === 'ENOENT' || err.code === 'ENOTDIR' ? undefined : err),
    );
    if (found instanceof Error) throw new AppError('KEYRING_MALFORMED', { path, reason: 'it cannot be read' }, { cause: found });
    if (found && at === resolve(path)) return;
    if (found) {
      const writable =
        found.isDirectory() &&
        (await access(at, constants.W_OK | constants.X_OK).then(
          () => true,
          () => false,
        ));
      if (!writable) throw new AppError('KEYRING_NOT_CREATABLE', { path, dir: at });
      return;
    }
    if (dirname(at) === at) return;
    at = dirname(at);
  }
}

/** A failed first write of the keyring, as the operator's fix rather than a raw file-system error. */
export function keyringWriteFailure(err: unknown, path: string): unknown {
  const code = (err as NodeJS.ErrnoException)?.code;
  return ['EACCES', 'EPERM', 'EROFS', 'ENOENT', 'ENOTDIR'].includes(code ?? '')
    ? new AppError('KEYRING_NOT_CREATABLE', { path, dir: dirname(resolve(path)) }, { cause: err })
    : err;
}
