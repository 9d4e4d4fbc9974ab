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

/** One schema per action a command's links may carry. */
export type LinkTargets = Record<string, z.ZodType>;

/** The action and its target, typed per action: a `switch` on `action` narrows `target`. */
export type LinkRead<M extends LinkTargets> = { [A in keyof M & string]: { action: A; target: z.output<M[A]> } }[keyof M & string];

/**
 * Like `readLink`, for a command whose actions carry different targets: the action must be one of
 * `targets`, and the stored target must match that action's schema, else LINK_INVALID.
 */
export function readLinkOf<M extends LinkTargets>(link: Link, targets: M): LinkRead<M> {
  const schema = Object.hasOwn(targets, link.action) ? targets[link.action] : undefined;
  const parsed = schema?.safeParse(link.target);
  if (!parsed?.success) throw new AppError('LINK_INVALID');
  return { action: link.action, target: parsed.data } as LinkRead<M>;
}
