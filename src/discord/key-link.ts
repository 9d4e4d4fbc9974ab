import { z } from 'zod';
import { accountNameSchema, exchangeIdSchema } from '../store/index.js';

/** Why a key form was opened: it decides the verb, the service call and the result card. */
const formPurpose = z.enum(['connect', 'replace', 'rotate']);

/** The one-time id of a key or key pair waiting for its owner (16 random bytes, base64url). */
const pendingId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

/**
 * The target of a link about one key of the user: where it is, why its form was opened, and the
 * waiting key or key pair it answers for. Strict: a field no release writes makes the link invalid.
 */
export const keyTarget = z.strictObject({
  exchange: exchangeIdSchema,
  account: accountNameSchema,
  purpose: formPurpose.optional(),
  pending: pendingId.optional(),
});

/** A link that opens a key form: the purpose is needed. */
export const formTarget = keyTarget.extend({ purpose: formPurpose });

/** A link about a waiting key or key pair: its id is needed. */
export const pendingTarget = keyTarget.extend({ pending: pendingId });

export type KeyTarget = z.output<typeof keyTarget>;
export type FormTarget = z.output<typeof formTarget>;
export type PendingTarget = z.output<typeof pendingTarget>;
