import type { z } from 'zod';
import { AppError } from '../errors.js';
import type { Link } from './links.js';

/**
 * A link's action and target as the command expects them: a stored link that does not match (an
 * older release's button, a tampered store) reads as an invalid link, never as a half-filled value.
 */
export function readLink<A extends string, T>(link: Link, actions: readonly A[], target: z.ZodType<T>): { action: A; target: T } {
  const parsed = target.safeParse(link.target);
  if (!isOneOf(link.action, actions) || !parsed.success) throw new AppError('LINK_INVALID');
  return { action: link.action, target: parsed.data };
}

const isOneOf = <A extends string>(value: string, list: readonly A[]): value is A => (list as readonly string[]).includes(value);
