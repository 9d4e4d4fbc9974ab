import { AppError } from '../errors.js';

const DEFAULT_ACCOUNT = 'main';
const ACCOUNT = /^[a-z0-9][a-z0-9._-]{0,31}$/;

/** A user's label for one key on one exchange: "main" unless they choose, lower-cased. */
export function normalizeAccountName(input: string | null | undefined): string {
  const name = (input ?? '').trim().toLowerCase() || DEFAULT_ACCOUNT;
  if (!ACCOUNT.test(name)) throw new AppError('ACCOUNT_NAME_INVALID');
  return name;
}

/** The first free "<base>-2", "<base>-3", … for adding another account on the same exchange. */
export function nextAccountName(base: string, taken: ReadonlySet<string>): string {
  for (let n = 2; ; n++) {
    const candidate = `${base.slice(0, 28)}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}
