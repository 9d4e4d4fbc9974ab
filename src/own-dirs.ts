import { mkdir, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';

/**
 * Creates the missing directories of `dir` one level at a time, each mode 0700, and returns those it
 * created. Existing directories keep their mode (they may be the checkout or a shared folder), and a
 * level that cannot be made fails at once (Node's recursive mkdir loops forever under /proc).
 */
export async function makeOwnDirs(dir: string): Promise<string[]> {
  const missing: string[] = [];
  for (let at = resolve(dir); !(await exists(at)); at = dirname(at)) {
    missing.unshift(at);
    if (dirname(at) === at) break;
  }
  for (const level of missing) await mkdir(level, { mode: 0o700 });
  return missing;
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    (err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return false;
      throw err;
    },
  );
}
