import type { AccountBalance, KeyPermissions, ValidationResult, VerdictKind, WarningCode } from '../exchanges/index.js';
import type { RotationDue } from '../reminders/policy.js';
import type { AuditEvent, CredentialRecord, CredentialStatus, SelfGeneratedInfo } from '../store/index.js';
import type { Saved, SaveOutcome } from './key-service.js';

/**
 * One stored key as a reply shows it. Built field by field from the stored record, so what is sealed
 * (the ciphertexts and their nonces), the owner's id and the exchange's account hints never reach a
 * command or a renderer.
 */
export interface KeyView {
  exchange: string;
  account: string;
  /** the last 4 characters of the API key: the only part of a credential ever shown */
  keyHint: string;
  status: CredentialStatus;
  /** why the last check failed, when it did */
  verdict?: VerdictKind;
  warnings: readonly WarningCode[];
  permissions: KeyPermissions;
  createdAt: number;
  rotatedAt: number;
  lastCheckedAt?: number;
  /** when the owner confirmed withdrawals are off, for a key whose exchange does not report it */
  withdrawConfirmedAt?: number;
  /** a key whose pair Keyward created: only its type is shown */
  selfGenerated?: { keyType: SelfGeneratedInfo['keyType'] };
  /** when the key is due for rotation; absent when no reminder applies */
  due?: RotationDue;
}

/** A re-check: the key before and after it, and what the exchange said. */
export interface KeyCheck {
  before: KeyView;
  after: KeyView;
  result: ValidationResult;
}

/** A key that was just stored, with the balance read alongside and the hint of the key it replaced. */
export interface SavedView {
  ok: true;
  result: ValidationResult;
  key: KeyView;
  preview?: AccountBalance;
  previousHint?: string;
}

/** One line of /keys audit: the event without its storage format version (events hold no free text and no secret). */
export type AuditEntry = Omit<AuditEvent, 'v'>;

/** The view of a stored record; `due` from the reminder policy when the caller knows it. */
export function keyView(record: CredentialRecord, due?: RotationDue): KeyView {
  return {
    exchange: record.exchange,
    account: record.account,
    keyHint: record.keyHint,
    status: record.status,
    ...(record.verdict === undefined ? {} : { verdict: record.verdict }),
    warnings: [...record.warnings],
    permissions: { ...record.permissions },
    createdAt: record.createdAt,
    rotatedAt: record.rotatedAt,
    ...(record.lastCheckedAt === undefined ? {} : { lastCheckedAt: record.lastCheckedAt }),
    ...(record.withdrawConfirmedAt === undefined ? {} : { withdrawConfirmedAt: record.withdrawConfirmedAt }),
    ...(record.selfGenerated ? { selfGenerated: { keyType: record.selfGenerated.keyType } } : {}),
    ...(due ? { due } : {}),
  };
}

/** A stored key's outcome as the result card shows it. */
export function savedView(saved: Saved): SavedView {
  return {
    ok: true,
    result: saved.result,
    key: keyView(saved.record, saved.due),
    ...(saved.preview ? { preview: saved.preview } : {}),
    ...(saved.previousHint === undefined ? {} : { previousHint: saved.previousHint }),
  };
}

/** A connect or rotate outcome as replies show it: refusals and questions carry no record already. */
export type SaveOutcomeView = SavedView | Exclude<SaveOutcome, { ok: true }>;

export function outcomeView(outcome: SaveOutcome): SaveOutcomeView {
  return outcome.ok ? savedView(outcome) : outcome;
}

/** What the key service answers with stored records; the functions below hand out views of them instead. */
export interface KeyRecords {
  list(userId: string): Promise<Array<{ record: CredentialRecord; due?: RotationDue }>>;
  test(userId: string, exchange: string, account: string): Promise<{ before: CredentialRecord; after: CredentialRecord; result: ValidationResult }>;
  remove(userId: string, exchange: string, account: string): Promise<CredentialRecord>;
}

/** The user's keys, each with its rotation due date. */
export async function listKeys(keys: Pick<KeyRecords, 'list'>, userId: string): Promise<KeyView[]> {
  return (await keys.list(userId)).map(({ record, due }) => keyView(record, due));
}

/** Checks a stored key again now: the key before and after, and the exchange's answer. */
export async function testKey(keys: Pick<KeyRecords, 'test'>, userId: string, exchange: string, account: string): Promise<KeyCheck> {
  const { before, after, result } = await keys.test(userId, exchange, account);
  return { before: keyView(before), after: keyView(after), result };
}

/** Deletes one key; the view of what was deleted names it in the confirmation. */
export async function removeKey(keys: Pick<KeyRecords, 'remove'>, userId: string, exchange: string, account: string): Promise<KeyView> {
  return keyView(await keys.remove(userId, exchange, account));
}
