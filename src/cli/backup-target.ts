import { open, stat, unlink } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { AppError } from '../errors.js';
import { makeOwnDirs } from '../own-dirs.js';

/**
 * Refuses, quickly and before the store is opened, a backup directory that cannot hold files (such
 * as one under /proc) or that lies inside the keyring's directory: data and keyring kept together
 * decrypt everything.
 */
export async function refuseUnusableBackupTarget(dir: string, keyringFile: string): Promise<void> {
  const target = resolve(dir);
  const keyringDir = dirname(resolve(keyringFile));
  const inside = relative(keyringDir, target);
  if (inside === '' || (!inside.startsWith('..') && !inside.startsWith('/'))) {
    throw new AppError('BACKUP_TARGET_NEXT_TO_KEYRING', { dir: target, keyringDir });
  }
  const unusable = (reason: string, cause?: unknown) => new AppError('BACKUP_TARGET_UNUSABLE', { dir: target, reason }, { cause });
  await makeOwnDirs(target).catch((err: NodeJS.ErrnoException) => {
    throw unusable(`the directory cannot be created (${err.code ?? 'error'})`, err);
  });
  if (!(await stat(target)).isDirectory()) throw unusable('it is not a directory');
  // a file that can be created there is the one proof that works on every file system
  const probe = join(target, `.keyward-backup-probe-${process.pid}`);
  try {
    await (await open(probe, 'wx', 0o600)).close();
    await unlink(probe);
  } catch (err) {
    throw unusable(`no file can be created in it (${(err as NodeJS.ErrnoException).code ?? 'error'})`, err);
  }
}
