import { describe, expect, it } from 'vitest';
import { DigestError, TableDigestBuilder, digestRows, encodeDigestRow } from '../../../src/domain/digest.js';
import { SYNCED_TABLES, TABLES, type SyncRow } from '../../../src/domain/tables.js';

const HLC = '2026-01-01T00:00:00.000Z-0000-0123456789abcdef';
const LATER = '2026-01-01T00:00:00.001Z-0000-0123456789abcdef';

const expense = (id: string, amount: number | string = 1250): SyncRow => ({
  id,
  values: {
    user_id: 'u1',
    category_id: 'c1',
    amount,
    expense_date: '2026-01-02',
    payment_method: null,
    description: 'lunch',
    deleted: 0,
    account_id: 'a1',
    status: 'cleared',
  },
  hlc: HLC,
  clock: Object.fromEntries(TABLES.expense.fields.map((f) => [f.name, HLC])),
  modifiedAt: '2026-01-01T00:00:00.000Z',
});

describe('table digest', () => {
  it('encodes id, every field in TABLES order, and every field clock, canonically', () => {
    expect(encodeDigestRow('expense', expense('e1'))).toBe(
      JSON.stringify([
        'e1',
        ['u1', 'c1', 1250, '2026-01-02', null, 'lunch', 0, 'a1', 'cleared', null, null, null],
        Array(12).fill(HLC),
      ]),
    );
    // Key order of the values and clock objects does not matter; driver text for 64-bit integers is a number.
    const shuffled = {
      ...expense('e1'),
      values: Object.fromEntries(Object.entries(expense('e1').values).reverse()),
    };
    expect(encodeDigestRow('expense', shuffled)).toBe(encodeDigestRow('expense', expense('e1')));
    expect(encodeDigestRow('expense', expense('e1', '1250'))).toBe(encodeDigestRow('expense', expense('e1')));
  });

  it('is equal for equal data and ignores hlc, modified_at and server metadata', () => {
    const a = digestRows('expense', [expense('e1'), expense('e2')]);
    const b = digestRows('expense', [
      { ...expense('e1'), modifiedAt: 'later', hlc: LATER },
      { ...expense('e2'), seq: 99, origin: 'x' } as SyncRow,
    ]);
    expect(a).toEqual(b);
    expect(a).toMatchObject({ table: 'expense', rows: 2 });
    expect(a.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('differs for any changed field value or clock of any table, the owner included', () => {
    for (const table of SYNCED_TABLES) {
      const fields = TABLES[table].fields;
      const row: SyncRow = {
        id: 'r1',
        values: Object.fromEntries(fields.map((f) => [f.name, f.type === 'integer' ? 1 : 'v'])),
        hlc: HLC,
        clock: Object.fromEntries(fields.map((f) => [f.name, HLC])),
        modifiedAt: 'm',
      };
      const base = digestRows(table, [row]).sha256;
      for (const f of fields) {
        const value = { ...row, values: { ...row.values, [f.name]: f.type === 'integer' ? 0 : 'w' } };
        const nulled = { ...row, values: { ...row.values, [f.name]: null } };
        const clock = { ...row, clock: { ...row.clock, [f.name]: LATER } };
        for (const changed of [value, nulled, clock]) {
          expect(digestRows(table, [changed]).sha256, `${table}.${f.name}`).not.toBe(base);
        }
      }
      expect(digestRows(table, [{ ...row, id: 'r2' }]).sha256).not.toBe(base);
      expect(digestRows(table, []).sha256).not.toBe(base);
    }
    // The same rows under another table name are another digest.
    expect(digestRows('expense', []).sha256).not.toBe(digestRows('income', []).sha256);
  });

  it('tells a text "1" from the number 1 and refuses values of the wrong type', () => {
    const row = expense('e1');
    const textual = { ...row, values: { ...row.values, description: '1' } };
    expect(() => digestRows('expense', [{ ...row, values: { ...row.values, description: 1 } }])).toThrow(
      DigestError,
    );
    expect(() => digestRows('expense', [{ ...row, values: { ...row.values, amount: '12.5' } }])).toThrow(
      DigestError,
    );
    expect(digestRows('expense', [textual]).sha256).not.toBe(digestRows('expense', [row]).sha256);
  });

  it('is incremental, and insists on increasing id order', () => {
    const builder = new TableDigestBuilder('expense');
    builder.add(expense('e1'));
    builder.add(expense('e2'));
    expect(builder.finish()).toEqual(digestRows('expense', [expense('e1'), expense('e2')]));
    expect(() => builder.finish()).toThrow(DigestError);
    expect(() => digestRows('expense', [expense('e2'), expense('e1')])).toThrow(/increasing id order/);
    expect(() => digestRows('expense', [expense('e1'), expense('e1')])).toThrow(DigestError);
  });
});
