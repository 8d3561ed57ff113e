import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatHlc } from '../../../src/domain/hlc.js';
import { mergeRow, type FieldConflict, type RowVersion } from '../../../src/domain/merge.js';
import { TABLES, type FieldValue, type SyncedTable } from '../../../src/domain/tables.js';

/**
 * Properties of the merge rule (src/domain/merge.ts), stated as the code guarantees them:
 * - commutative but for `loser`: the merged row is the same whichever side receives, and the conflicts name
 *   the same (field, kept, lost) values with the loser's side swapped, receiverChanged and incomingChanged
 *   swapped;
 * - idempotent: a row merged with itself is that row, unchanged on both sides, with no conflict; merging the
 *   result with either side again changes nothing;
 * - order-independent: three versions merge to the same row in any order and grouping;
 * - a delete wins over a concurrent edit: the row stays deleted, the edit is merged into the tombstone, and a
 *   conflict on `deleted` names the editing side as the loser.
 *
 * Clocks are drawn from a few milliseconds, counters and nodes, so that equal clocks (and equal clocks on
 * different values) are common. `app_user` has a fixed field (currency: the earliest value wins); `category`
 * has none.
 */

const RUNS = process.env.CI === 'true' ? 2000 : 300;
const SEED = Number(process.env.PFM_PROPERTY_SEED ?? 20_261_125);
const options = { numRuns: RUNS, seed: SEED };

const TABLES_UNDER_TEST = ['app_user', 'category'] as const satisfies readonly SyncedTable[];
const ID = '01900000-0000-7000-8000-000000000001';
const T0 = Date.parse('2026-11-25T10:00:00.000Z');

const clockArb = fc
  .record({
    millis: fc.integer({ min: 0, max: 4 }),
    counter: fc.integer({ min: 0, max: 1 }),
    node: fc.constantFrom('0000000000000001', '0000000000000002'),
  })
  .map(({ millis, counter, node }) => formatHlc({ millis: T0 + millis * 1000, counter, node }));

function valueArb(table: SyncedTable, field: string): fc.Arbitrary<FieldValue> {
  if (field === 'deleted') return fc.constantFrom(0, 1);
  const spec = TABLES[table].fields.find((f) => f.name === field);
  const values = fc.constantFrom('a', 'b', 'c');
  return spec?.nullable ? fc.oneof(values, fc.constant(null)) : values;
}

/** A whole version of a row of `table`: every field with a value and a clock; hlc is the greatest clock. */
function versionArb(table: SyncedTable): fc.Arbitrary<RowVersion> {
  const fields = TABLES[table].fields.map((f) => f.name);
  return fc
    .tuple(...fields.map((f) => fc.tuple(valueArb(table, f), clockArb)))
    .map((cells) => versionOf(fields, cells));
}

function versionOf(fields: readonly string[], cells: readonly (readonly [FieldValue, string])[]): RowVersion {
  const values: Record<string, FieldValue> = {};
  const clock: Record<string, string> = {};
  fields.forEach((f, i) => {
    const [value, hlc] = cells[i] as readonly [FieldValue, string];
    values[f] = value;
    clock[f] = hlc;
  });
  return { id: ID, values, clock, hlc: Object.values(clock).reduce((a, b) => (b > a ? b : a), '') };
}

/** The base the two sides last agreed on: a per-field clock, or only a row clock (older rows), or none. */
interface Base {
  readonly base: string | null;
  readonly baseClock: Readonly<Record<string, string>> | null;
}

function baseArb(table: SyncedTable): fc.Arbitrary<Base> {
  return fc.oneof(
    fc.constant<Base>({ base: null, baseClock: null }),
    clockArb.map((base): Base => ({ base, baseClock: null })),
    versionArb(table).map((v): Base => ({ base: v.hlc, baseClock: v.clock })),
  );
}

function scenarioArb(versions: number) {
  return fc.constantFrom(...TABLES_UNDER_TEST).chain((table) =>
    fc.record({
      table: fc.constant(table),
      rows: fc.array(versionArb(table), { minLength: versions, maxLength: versions }),
      base: baseArb(table),
    }),
  );
}

const merge = (table: SyncedTable, receiver: RowVersion, incoming: RowVersion, b: Base) =>
  mergeRow(table, receiver, incoming, b.base, b.baseClock);

/** A conflict as the other side of the merge would report it. */
const swapped = (c: FieldConflict): FieldConflict => ({
  ...c,
  loser: c.loser === 'receiver' ? 'incoming' : 'receiver',
});

const sortConflicts = (cs: readonly FieldConflict[]) =>
  [...cs].sort((x, y) => (JSON.stringify(x) < JSON.stringify(y) ? -1 : 1));

describe('mergeRow: properties', () => {
  it('is commutative but for which side lost', () => {
    fc.assert(
      fc.property(scenarioArb(2), ({ table, rows: [a, b], base }) => {
        const ab = merge(table, a as RowVersion, b as RowVersion, base);
        const ba = merge(table, b as RowVersion, a as RowVersion, base);
        expect(ba.row).toEqual(ab.row);
        expect(sortConflicts(ba.conflicts)).toEqual(sortConflicts(ab.conflicts.map(swapped)));
        expect(ba.receiverChanged).toBe(ab.incomingChanged);
        expect(ba.incomingChanged).toBe(ab.receiverChanged);
      }),
      options,
    );
  });

  it('is idempotent: a row merged with itself is unchanged and in no conflict', () => {
    fc.assert(
      fc.property(scenarioArb(1), ({ table, rows: [a], base }) => {
        const self = merge(table, a as RowVersion, a as RowVersion, base);
        expect(self).toEqual({ row: a, conflicts: [], receiverChanged: false, incomingChanged: false });
      }),
      options,
    );
  });

  it('absorbs: merging the result with either side again gives the same row', () => {
    fc.assert(
      fc.property(scenarioArb(2), ({ table, rows: [a, b], base }) => {
        const merged = merge(table, a as RowVersion, b as RowVersion, base).row;
        for (const side of [a, b] as RowVersion[]) {
          expect(merge(table, merged, side, base).row).toEqual(merged);
          expect(merge(table, side, merged, base).row).toEqual(merged);
        }
      }),
      options,
    );
  });

  it('does not depend on the order in which three versions arrive', () => {
    fc.assert(
      fc.property(scenarioArb(3), ({ table, rows, base }) => {
        const [a, b, c] = rows as [RowVersion, RowVersion, RowVersion];
        const m = (x: RowVersion, y: RowVersion) => merge(table, x, y, base).row;
        const expected = m(m(a, b), c);
        for (const [x, y, z] of [
          [a, c, b],
          [b, a, c],
          [b, c, a],
          [c, a, b],
          [c, b, a],
        ] as const) {
          expect(m(m(x, y), z)).toEqual(expected);
          expect(m(x, m(y, z))).toEqual(expected);
        }
      }),
      options,
    );
  });

  it('lets a delete win over a concurrent edit, keeping the edit in the tombstone and the loss as a conflict', () => {
    // From a live base, one side deletes (a newer clock on `deleted` only); the other edits some fields (newer
    // clocks on them, later or earlier than the delete's) and leaves `deleted` as it was.
    const arb = fc.constantFrom(...TABLES_UNDER_TEST).chain((table) => {
      const fields = TABLES[table].fields.map((f) => f.name).filter((f) => f !== 'deleted');
      return fc.record({
        table: fc.constant(table),
        base: versionArb(table).map((v) => ({ ...v, values: { ...v.values, deleted: 0 } })),
        deletedAfter: fc.integer({ min: 1, max: 5 }),
        edits: fc.uniqueArray(fc.constantFrom(...fields), { minLength: 1 }),
        editAfter: fc.integer({ min: 1, max: 5 }),
        editValue: fc.constantFrom('x', 'y'),
        perFieldBase: fc.boolean(),
        deleterReceives: fc.boolean(),
      });
    });
    fc.assert(
      fc.property(arb, (s) => {
        const later = (n: number, node: string) =>
          formatHlc({ millis: Date.parse(s.base.hlc.slice(0, 24)) + n * 1000, counter: 0, node });
        const deletedAt = later(s.deletedAfter, '0000000000000001');
        const deleter: RowVersion = {
          ...s.base,
          values: { ...s.base.values, deleted: 1 },
          clock: { ...s.base.clock, deleted: deletedAt },
          hlc: deletedAt > s.base.hlc ? deletedAt : s.base.hlc,
        };
        const editedAt = later(s.editAfter, '0000000000000002');
        const editor: RowVersion = {
          ...s.base,
          values: { ...s.base.values, ...Object.fromEntries(s.edits.map((f) => [f, s.editValue])) },
          clock: { ...s.base.clock, ...Object.fromEntries(s.edits.map((f) => [f, editedAt])) },
          hlc: editedAt > s.base.hlc ? editedAt : s.base.hlc,
        };
        const base: Base = s.perFieldBase
          ? { base: s.base.hlc, baseClock: s.base.clock }
          : { base: s.base.hlc, baseClock: null };
        const result = s.deleterReceives
          ? merge(s.table, deleter, editor, base)
          : merge(s.table, editor, deleter, base);
        expect(result.row.values.deleted).toBe(1);
        expect(result.row.clock.deleted).toBe(deletedAt);
        // The edit is in the tombstone (but for a fixed field: the currency keeps its earliest value).
        for (const f of s.edits) {
          if (s.table === 'app_user' && f === 'currency') continue;
          expect(result.row.values[f]).toBe(s.editValue);
        }
        const editorSide = s.deleterReceives ? 'incoming' : 'receiver';
        expect(result.conflicts.filter((c) => c.field === 'deleted')).toEqual([
          {
            rowId: ID,
            field: 'deleted',
            keptValue: 1,
            keptHlc: deletedAt,
            lostValue: 0,
            lostHlc: editedAt,
            loser: editorSide,
          },
        ]);
      }),
      options,
    );
  });
});
