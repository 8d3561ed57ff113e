import { expect } from 'vitest';
import { fieldNames, type SyncedTable } from '../../src/domain/tables.js';
import { LocalStore } from '../../src/local/local-store.js';
import { LocalRepositories } from '../../src/local/repositories.js';

export const START = new Date('2026-11-25T10:00:00.000Z');

/** A store on ':memory:' whose wall clock the test controls, with every repository. */
export interface Fixture extends LocalRepositories {
  /** Move the wall clock forward (or back) by `ms`; returns the new time. */
  advance(ms: number): Date;
  now(): Date;
}

export function openFixture(start: Date = START): Fixture {
  let now = start;
  const store = LocalStore.open({ path: ':memory:', now: () => now });
  return {
    ...new LocalRepositories(store),
    advance(ms: number) {
      now = new Date(now.getTime() + ms);
      return now;
    },
    now: () => now,
  };
}

export interface RawRow {
  readonly [column: string]: unknown;
  readonly hlc: string;
  readonly clock: string;
  readonly modified_at: string;
  readonly is_synced: number;
  readonly deleted: number;
}

/** The stored row, bypassing the repositories (deleted rows included). */
export function rawRow(store: LocalStore, table: SyncedTable, id: string): RawRow {
  const row = store.db.prepare(`SELECT * FROM ${table} WHERE id = ?`).get(id) as RawRow | undefined;
  if (!row) throw new Error(`${table} ${id} is not stored`);
  return row;
}

export function clockOf(row: RawRow): Record<string, string> {
  return JSON.parse(row.clock) as Record<string, string>;
}

/** Pretend the row was pushed, so the test can prove that the next write marks it dirty again. */
export function markSynced(store: LocalStore, table: SyncedTable, id: string): void {
  const info = store.db.prepare(`UPDATE ${table} SET is_synced = 1 WHERE id = ?`).run(id);
  expect(info.changes).toBe(1);
}

export function deviceHlc(store: LocalStore): string {
  return (store.db.prepare('SELECT last_hlc FROM device').get() as { last_hlc: string }).last_hlc;
}

/**
 * Asserts that a write turned `before` into `after` the way every local write must: a new, strictly greater
 * hlc; the field clocks of exactly `changed` moved to that hlc and no other; modified_at set to the wall time;
 * is_synced back to 0; the device's persisted clock equal to the new hlc.
 */
export function expectStamped(
  f: Fixture,
  table: SyncedTable,
  before: RawRow,
  after: RawRow,
  changed: readonly string[],
): void {
  expect(after.hlc > before.hlc, `${after.hlc} should sort after ${before.hlc}`).toBe(true);
  const was = clockOf(before);
  const is = clockOf(after);
  expect(Object.keys(is).sort()).toEqual(fieldNames(table).sort());
  for (const field of fieldNames(table)) {
    if (changed.includes(field)) expect(is[field], `clock of ${field}`).toBe(after.hlc);
    else expect(is[field], `clock of unchanged ${field}`).toBe(was[field]);
  }
  expect(after.modified_at).toBe(f.now().toISOString());
  expect(after.is_synced).toBe(0);
  expect(deviceHlc(f.store)).toBe(after.hlc);
}

/** Asserts that nothing about the row changed (no write at all). */
export function expectUntouched(before: RawRow, after: RawRow): void {
  expect(after).toEqual(before);
}

/** Asserts that a fresh insert stamped every field with one new hlc. */
export function expectInserted(f: Fixture, table: SyncedTable, row: RawRow, previousHlc: string): void {
  expect(row.hlc > previousHlc, `${row.hlc} should sort after ${previousHlc}`).toBe(true);
  const clock = clockOf(row);
  expect(Object.keys(clock).sort()).toEqual(fieldNames(table).sort());
  for (const field of fieldNames(table)) expect(clock[field], field).toBe(row.hlc);
  expect(row.modified_at).toBe(f.now().toISOString());
  expect(row.is_synced).toBe(0);
  expect(row.deleted).toBe(0);
}
