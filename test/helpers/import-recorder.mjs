// A module hook for child processes in tests: appends every resolved module URL to the file named
// by IMPORT_LOG, so a test can tell which libraries a program really loaded.
import { appendFileSync } from 'node:fs';

export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  if (process.env.IMPORT_LOG) appendFileSync(process.env.IMPORT_LOG, `${resolved.url}\n`);
  return resolved;
}
