import { z } from 'zod';
import { VERDICT_KINDS, WARNING_CODES } from '../exchanges/codes.js';

/** Every record carries `v`, the format version, so a later change can migrate instead of guessing. */
const base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/);
export const userIdSchema = z.string().regex(/^\d{1,20}$/);
export const exchangeIdSchema = z.string().regex(/^[a-z0-9]{2,32}$/);
export const accountNameSchema = z.string().regex(/^[a-z0-9][a-z0-9._-]{0,31}$/);

const wrappedKeySchema = z.strictObject({ kid: z.number().int().positive(), nonce: base64, ct: base64 });
const sealedSchema = z.strictObject({ nonce: base64, ct: base64, n: z.number().int().positive().optional() });
const tri = z.enum(['yes', 'no', 'unknown']);
const permissionsSchema = z.strictObject({
  read: tri,
  spotTrade: tri,
  futuresTrade: tri,
  withdraw: tri,
  transfer: tri,
  ipRestricted: tri,
  ipCount: z.number().int().nonnegative().optional(),
  expiresAt: z.number().optional(),
  tradingExpiresAt: z.number().optional(),
  expiryEstimated: z.boolean().optional(),
  ipWhitelist: z.array(z.string().max(64)).max(100).optional(),
  createdAt: z.number().optional(),
});

/** what an exchange told about an account's mode (unified or classic) */
const hintsSchema = z.record(z.string().max(40), z.union([z.string().max(40), z.number(), z.boolean()])).optional();

/** `n`: the seal counter of the stored record; an older copy put back (lower `n`) does not open */
const credentialRefSchema = z.strictObject({ exchange: exchangeIdSchema, account: accountNameSchema, n: z.number().int().positive().optional() });

export const userSchema = z.strictObject({
  v: z.literal(1),
  id: userIdSchema,
  createdAt: z.number(),
  dek: wrappedKeySchema.optional(),
  /** the per-user index of credentials: never derived from listing store keys */
  credentials: z.array(credentialRefSchema).max(500),
  settings: z.strictObject({
    /** days between rotations for this user; absent = the server default */
    rotationDays: z.number().int().min(30).max(365).optional(),
    remindersOff: z.boolean().optional(),
  }),
  dm: z.strictObject({
    /** set when Discord refused a DM (closed DMs); cleared when the user is told */
    closedAt: z.number().optional(),
    missedReminders: z.number().int().nonnegative().optional(),
    /** notices that named the user in the operators' channel, deleted when the user is forgotten */
    notices: z
      .array(z.strictObject({ channelId: userIdSchema, messageId: userIdSchema }))
      .max(20)
      .optional(),
  }),
});

/**
 * A key whose pair Keyward created: its type and public key are not secret and stay readable, so
 * lists can say what the key is without opening anything.
 */
export const selfGeneratedSchema = z.strictObject({
  keyType: z.enum(['ed25519', 'rsa']),
  publicKey: z
    .string()
    .max(1000)
    .regex(/^-----BEGIN PUBLIC KEY-----\n[A-Za-z0-9+/=\n]+-----END PUBLIC KEY-----\n$/),
});

const credentialStatusSchema = z.enum(['ok', 'warning', 'failing']);

export const credentialSchema = z.strictObject({
  v: z.literal(1),
  userId: userIdSchema,
  exchange: exchangeIdSchema,
  account: accountNameSchema,
  /** the last 4 characters of the API key: the only part of a credential ever shown */
  keyHint: z.string().max(4),
  /** the server the key was connected in: membership is checked there first once the user is away from it */
  guildId: userIdSchema.optional(),
  createdAt: z.number(),
  rotatedAt: z.number(),
  lastCheckedAt: z.number().optional(),
  status: credentialStatusSchema,
  /** why the last check failed (a verdict kind), when it did */
  verdict: z.enum(VERDICT_KINDS).optional(),
  /** warning codes from the last check (no_ip_restriction, cannot_trade, withdraw_enabled…) */
  warnings: z.array(z.enum(WARNING_CODES)).max(20),
  permissions: permissionsSchema,
  /** when the user confirmed withdrawals are off, for a key whose exchange does not report it */
  withdrawConfirmedAt: z.number().optional(),
  /** what the exchange told about the account's mode (unified or classic), so balances skip asking again */
  hints: hintsSchema,
  sealed: sealedSchema,
  /** for a self-generated key: `sealed` is the private key sealed when it was created, this the API key the exchange gave */
  sealedApiKey: sealedSchema.optional(),
  selfGenerated: selfGeneratedSchema.optional(),
  reminders: z.strictObject({
    /** the last reminder stage sent for the current rotation cycle (e.g. "d14", "due", "late3") */
    lastStage: z.string().max(16).optional(),
    snoozedUntil: z.number().optional(),
  }),
});

const auditActionSchema = z.enum([
  'connect',
  'replace',
  'rotate',
  'remove',
  'test',
  'validation_failed',
  'forget',
  'reminder_sent',
  'reminder_snoozed',
  'reminders_changed',
  'health_changed',
  'withdraw_off_confirmed',
  'withdraw_confirmation_declined',
  'key_pair_created',
  'key_pair_discarded',
]);

export const auditEventSchema = z.strictObject({
  v: z.literal(1),
  at: z.number(),
  action: auditActionSchema,
  exchange: exchangeIdSchema.optional(),
  account: accountNameSchema.optional(),
  keyHint: z.string().max(4).optional(),
  /** 'ok', a verdict kind or a reminder stage: never free text that could carry a secret */
  outcome: z
    .string()
    .regex(/^[a-z0-9_]{1,40}$/)
    .optional(),
});

/**
 * A key that passed validation but waits for its owner to confirm withdrawals are off (the exchange
 * does not report it). Kept only as a one-time value that expires; the credentials inside are sealed
 * with the owner's data key, bound to user, exchange and account, like a stored key.
 */
export const pendingKeySchema = z.strictObject({
  v: z.literal(1),
  userId: userIdSchema,
  exchange: exchangeIdSchema,
  account: accountNameSchema,
  action: z.enum(['connect', 'replace', 'rotate']),
  keyHint: z.string().max(4),
  sealed: sealedSchema,
  sealedApiKey: sealedSchema.optional(),
  selfGenerated: selfGeneratedSchema.optional(),
  permissions: permissionsSchema,
  warnings: z.array(z.enum(WARNING_CODES)).max(20),
  hints: hintsSchema,
  clock: z.strictObject({ driftMs: z.number(), roundTripMs: z.number(), measuredAt: z.number() }).optional(),
  checkedAt: z.number(),
  /** the server the form was sent from, recorded with the key when it is stored */
  guildId: userIdSchema.optional(),
  /** for a rotation or replacement: the seal counter of the key it replaces, which must still be the stored one */
  replaces: z.number().int().positive().optional(),
});

/**
 * A key pair Keyward created, waiting for the API key the exchange shows once the user pasted the
 * public key there. The private key inside is sealed with the owner's data key, bound to user,
 * exchange and account; the value expires by itself, and a passed check promotes `sealed` unchanged.
 */
export const pendingKeyPairSchema = z.strictObject({
  v: z.literal(1),
  userId: userIdSchema,
  exchange: exchangeIdSchema,
  account: accountNameSchema,
  action: z.enum(['connect', 'replace', 'rotate']),
  keyType: selfGeneratedSchema.shape.keyType,
  publicKey: selfGeneratedSchema.shape.publicKey,
  sealed: sealedSchema,
  createdAt: z.number(),
  expiresAt: z.number(),
  /** when the owner's user record was created: a pair made before a /keys forget is never promoted */
  userSince: z.number(),
  /** the server the pair was made from, recorded with the key when it is stored */
  guildId: userIdSchema.optional(),
});

export const keyringStateSchema = z.strictObject({
  canaries: z.record(z.string().regex(/^\d+$/), sealedSchema),
  rotatingTo: z.number().int().positive().optional(),
});

/** Heartbeats of running processes: which master key version each wraps new data keys with, and until when that holds. */
export const keyringUsesSchema = z.record(z.string().regex(/^[\w.:/-]{1,120}$/), z.strictObject({ version: z.number().int().positive(), until: z.number() }));

export type UserRecord = z.infer<typeof userSchema>;
export type CredentialRecord = z.infer<typeof credentialSchema>;
export type CredentialStatus = z.infer<typeof credentialStatusSchema>;
export type CredentialRef = z.infer<typeof credentialRefSchema>;
export type AuditEvent = z.infer<typeof auditEventSchema>;
export type AuditAction = z.infer<typeof auditActionSchema>;
export type PendingKeyRecord = z.infer<typeof pendingKeySchema>;
export type PendingKeyPairRecord = z.infer<typeof pendingKeyPairSchema>;
export type SelfGeneratedInfo = z.infer<typeof selfGeneratedSchema>;
