import { describe, expect, it } from 'vitest';
import { fieldNames, type SyncRow } from '../../../src/domain/tables.js';
import type { PulledRow, PushedRow } from '../../../src/sync/remote.js';
import {
  decodePulledRows,
  decodePushedRows,
  decodeSyncedRows,
  encodePulledRows,
  encodePushedRows,
  encodeSyncedRows,
  WireRowsError,
  type WireRows,
} from '../../../src/sync/wire-rows.js';

const H1 = '2026-12-01T09:30:00.000Z-0000-00000000000000a1';
const H2 = '2026-12-01T09:31:00.000Z-0001-00000000000000b2';
const USER = '0193a1b2-0000-7000-8000-000000000001';
const CATEGORY = fieldNames('category');

/** A category row; its fields' clocks are H1 but those in `later`, which are H2. */
function category(id: string, name: string, later: readonly string[] = []): SyncRow {
  const clock = Object.fromEntries(CATEGORY.map((f) => [f, later.includes(f) ? H2 : H1]));
  return {
    id,
    values: { user_id: USER, name, kind: 'expense', deleted: 0 },
    hlc: later.length > 0 ? H2 : H1,
    clock,
    modifiedAt: '2026-12-01T09:31:00.000Z',
  };
}

const ID1 = '0193a1b2-0000-7000-8000-0000000000c1';
const ID2 = '0193a1b2-0000-7000-8000-0000000000c2';

function refusal(decode: () => unknown): WireRowsError {
  try {
    decode();
  } catch (e) {
    expect(e).toBeInstanceOf(WireRowsError);
    return e as WireRowsError;
  }
  throw new Error('expected a WireRowsError');
}

describe('wire rows', () => {
  it('name the fields once and send each row as an array, clocks only where they differ from the row’s', () => {
    const wire = encodeSyncedRows('category', [category(ID1, 'Food'), category(ID2, 'Rent', ['name'])]);
    expect(wire).toEqual({
      fields: CATEGORY,
      rows: [
        [ID1, H1, '2026-12-01T09:31:00.000Z', '', USER, 'Food', 'expense', 0],
        [
          ID2,
          H2,
          '2026-12-01T09:31:00.000Z',
          `deleted=${H1};kind=${H1};user_id=${H1}`,
          USER,
          'Rent',
          'expense',
          0,
        ],
      ],
    });
  });

  it('read back as they were written: pushed rows with and without a base, synced rows, pulled rows', () => {
    const pushed: PushedRow[] = [
      { ...category(ID1, 'Food', ['name']), base: H1, baseClock: category(ID1, 'Food').clock },
      { ...category(ID2, 'Rent'), base: null, baseClock: null },
    ];
    expect(decodePushedRows('category', encodePushedRows('category', pushed))).toEqual(pushed);
    const synced = [category(ID1, 'Food'), category(ID2, 'Rent', ['deleted', 'name'])];
    expect(decodeSyncedRows('category', encodeSyncedRows('category', synced))).toEqual(synced);
    const pulled: PulledRow[] = [
      { ...category(ID1, 'Food'), seq: 41, origin: '00000000000000a1' },
      { ...category(ID2, 'Rent', ['kind']), seq: 42, origin: null },
    ];
    expect(decodePulledRows('category', encodePulledRows('category', pulled))).toEqual(pulled);
  });

  it('a pushed row without a known base clock (agreed on before field clocks were kept) keeps only its base', () => {
    const row: PushedRow = { ...category(ID1, 'Food'), base: H1 };
    expect(decodePushedRows('category', encodePushedRows('category', [row]))).toEqual([
      { ...row, baseClock: null },
    ]);
  });

  it('read fields named in any order', () => {
    const wire = encodeSyncedRows('category', [category(ID1, 'Food', ['name'])]);
    const order = [3, 1, 0, 2];
    const reordered: WireRows = {
      fields: order.map((i) => wire.fields[i] as string),
      rows: wire.rows.map((cells) => [...cells.slice(0, 4), ...order.map((i) => cells[4 + i] ?? null)]),
    };
    expect(decodeSyncedRows('category', reordered)).toEqual([category(ID1, 'Food', ['name'])]);
  });

  it('leave out clocks of names that are not fields of the table, rather than make the batch unreadable', () => {
    const row = category(ID1, 'Food');
    const stray = { ...row, clock: { ...row.clock, colour: H2 } };
    expect(decodeSyncedRows('category', encodeSyncedRows('category', [stray]))).toEqual([row]);
  });

  const good = () =>
    encodePushedRows('category', [
      { ...category(ID1, 'Food'), base: null },
      { ...category(ID2, 'Rent'), base: null },
    ]);
  const spoilt: [string, string, (w: WireRows) => WireRows][] = [
    [
      'a field the table lacks',
      'fields.1',
      (w) => ({ ...w, fields: ['user_id', 'colour', 'kind', 'deleted'] }),
    ],
    ['a field twice', 'fields.3', (w) => ({ ...w, fields: ['user_id', 'name', 'kind', 'name'] })],
    [
      'a field left out',
      'fields',
      (w) => ({ fields: w.fields.slice(0, 3), rows: w.rows.map((r) => r.slice(0, -1)) }),
    ],
    ['a row a cell short', 'rows.1', (w) => ({ ...w, rows: [w.rows[0] ?? [], (w.rows[1] ?? []).slice(1)] })],
    ['an id that is a number', 'rows.1.id', (w) => cell(w, 1, 0, 7)],
    ['a row clock that is no clock', 'rows.0.hlc', (w) => cell(w, 0, 1, 'yesterday')],
    ['no modification time', 'rows.0.modifiedAt', (w) => cell(w, 0, 2, null)],
    ['clock text that is JSON', 'rows.1.clock', (w) => cell(w, 1, 3, JSON.stringify({ name: H1 }))],
    ['a base that is no clock', 'rows.1.base', (w) => cell(w, 1, 4, 'never')],
    ['a base clock without a base', 'rows.1.baseClock', (w) => cell(w, 1, 5, '')],
  ];
  it.each(spoilt)('refuse a batch with %s, naming %s', (_name, path, spoil) => {
    expect(refusal(() => decodePushedRows('category', spoil(good()))).path.join('.')).toBe(path);
  });

  it('refuse a pulled row whose seq is not a whole number', () => {
    const wire = encodePulledRows('category', [{ ...category(ID1, 'Food'), seq: 1, origin: null }]);
    expect(refusal(() => decodePulledRows('category', cell(wire, 0, 4, 1.5))).message).toBe(
      'rows.0.seq must be a whole number from 0',
    );
  });
});

function cell(wire: WireRows, row: number, at: number, value: string | number | null): WireRows {
  return {
    ...wire,
    rows: wire.rows.map((cells, i) => (i === row ? cells.map((c, j) => (j === at ? value : c)) : cells)),
  };
}
