import type { z } from 'zod';
import { AppError, isAppError } from '../errors.js';
import { isCorruption, type Backend } from './backends/backend.js';

/**
 * Validated reads and writes of records on any keyv profile: every record read is checked against
 * its schema (a damaged or tampered one is reported, never trusted), and engine failures become the
 * two errors an operator and a user can act on.
 */
export class RecordIO {
  constructor(private readonly backend: Backend) {}

  async read<T>(key: string, schema: z.ZodType<T>, what: string): Promise<T | undefined> {
    const raw = await this.io(() => this.backend.keyv.get(key));
    return raw === undefined ? undefined : this.parse(raw, schema, what);
  }

  /** Several records in one round trip; missing ones are left out. */
  async readMany<T>(keys: string[], schema: z.ZodType<T>, what: string): Promise<T[]> {
    if (keys.length === 0) return [];
    const raws = (await this.io(() => this.backend.keyv.get(keys))) as unknown[];
    return raws.flatMap((raw) => (raw === undefined ? [] : [this.parse(raw, schema, what)]));
  }

  async write<T>(key: string, schema: z.ZodType<T>, value: T): Promise<void> {
    const checked = schema.parse(value);
    await this.io(() => this.backend.keyv.set(key, stripUndefined(checked)));
  }

  async delete(...keys: string[]): Promise<void> {
    if (keys.length === 1) await this.io(() => this.backend.keyv.delete(keys[0]!));
    else if (keys.length > 1) await this.io(() => this.backend.keyv.deleteMany(keys));
  }

  parse<T>(raw: unknown, schema: z.ZodType<T>, what: string): T {
    const parsed = schema.safeParse(raw);
    if (!parsed.success) throw new AppError('STORE_CORRUPT', { what });
    return parsed.data;
  }

  /** Runs an engine operation, turning its failures into STORE_CORRUPT or STORE_UNAVAILABLE. */
  async io<T>(op: () => Promise<T>): Promise<T> {
    try {
      return await op();
    } catch (err) {
      if (isAppError(err)) throw err;
      if (isCorruption(err) || err instanceof SyntaxError) throw new AppError('STORE_CORRUPT', { what: 'the database' }, { cause: err });
      throw new AppError('STORE_UNAVAILABLE', undefined, { cause: err });
    }
  }
}

/** keyv serialises with JSON; drop undefined fields so a record reads back exactly as validated. */
function stripUndefined<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
