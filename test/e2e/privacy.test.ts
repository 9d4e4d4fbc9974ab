import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CANARY_ALICE, CANARY_BOB, leakedPieces, runEveryJourney, usePrivacyWorld, type Journeys } from './privacy-helpers.js';

const { h, clock } = usePrivacyWorld();
let j: Journeys;

beforeAll(async () => {
  j = await runEveryJourney(h, clock);
}, 90_000);

describe('canary secrets pushed through every journey', () => {
  it("went through every flow, each recorded in its owner's audit trail: stored, replaced, rotated, removed, tested, refused, reminded, health-checked", () => {
    const actions = (id: string) => new Set((j.audits.get(id) ?? []).map((e) => e.action));
    for (const action of [
      'connect',
      'replace',
      'rotate',
      'remove',
      'test',
      'validation_failed',
      'reminder_sent',
      'health_changed',
      'key_pair_created',
      'key_pair_discarded',
    ]) {
      expect(actions(CANARY_ALICE), action).toContain(action);
    }
    for (const action of ['connect', 'reminder_sent']) expect(actions(CANARY_BOB), action).toContain(action);
    expect(j.canaries.length).toBeGreaterThan(20);
  });

  it('ran every journey without logging an error', () => {
    const errors = h.logs.map((l) => JSON.parse(l) as { level: number; msg: string; err?: { message?: string } }).filter((l) => l.level >= 50);
    expect(errors.map((l) => `${l.msg}: ${l.err?.message?.slice(0, 160) ?? ''}`)).toEqual([]);
  });

  it('would be caught by the scan if any 12-character piece of one leaked', () => {
    const canary = j.canaries.find((c) => c.startsWith('CANARYSECRET'))!;
    expect(leakedPieces(`…${canary.slice(20, 32)}…`, j.canaries)).toEqual([canary.slice(20, 32)]);
  });

  it('never appear in any request the bot sent to Discord', () => {
    expect(h.discord.requests.length).toBeGreaterThan(100);
    const sent = h.discord.requests.map((r) => `${r.path} ${JSON.stringify(r.query)} ${r.rawBody}`).join('\n');
    expect(leakedPieces(sent, j.canaries)).toEqual([]);
  });

  it('never appear in any log line, debug level included', () => {
    expect(h.logs.some((line) => line.includes('"level":20'))).toBe(true);
    expect(h.logs.some((line) => line.includes('key check failed'))).toBe(true);
    expect(leakedPieces(h.logs.join('\n'), j.canaries)).toEqual([]);
  });

  it('never appear in the audit trail', async () => {
    const now = await Promise.all([CANARY_ALICE, CANARY_BOB].map((id) => h.app.store.recentAudit(id, 200)));
    const audit = JSON.stringify([...j.audits.values(), ...now]);
    expect(audit).toContain('validation_failed');
    expect(leakedPieces(audit, j.canaries)).toEqual([]);
  });

  it('never appear in what is stored next to the sealed secret', async () => {
    const records = await h.app.store.listCredentials(CANARY_ALICE);
    expect(records.length).toBeGreaterThan(1);
    const metadata = JSON.stringify(records.map(({ sealed: _sealed, ...rest }) => rest));
    expect(leakedPieces(metadata, j.canaries)).toEqual([]);
  });

  it('never appear in the raw bytes of the SQLite files', async () => {
    const dir = join(h.dir, 'data');
    const files = await readdir(dir);
    const bytes = (await Promise.all(files.map((f) => readFile(join(dir, f))))).map((b) => b.toString('latin1')).join('\n');
    expect(bytes.length).toBeGreaterThan(10_000);
    expect(bytes).toContain('cred:');
    expect(leakedPieces(bytes, j.canaries)).toEqual([]);
  });
});
