import { describe, expect, it } from 'vitest';
import { formatHlc } from '../../../src/domain/hlc.js';
import { mergeRow, type RowVersion } from '../../../src/domain/merge.js';
import {
  checkSplits,
  MAX_SPLIT_PARTS,
  parseSplits,
  serializeSplits,
  type SplitPart,
} from '../../../src/domain/splits.js';
import { TABLES, type FieldValue } from '../../../src/domain/tables.js';
import { ValidationError } from '../../../src/domain/validation.js';

const FOOD = '01900000-0000-7000-8000-00000000000f';
const BUS = '01900000-0000-7000-8000-00000000000b';
const FUN = '01900000-0000-7000-8000-00000000000c';
const ROW = '01900000-0000-7000-8000-000000000001';
const part = (categoryId: string, amount: number, note = ''): SplitPart => ({ categoryId, amount, note });

describe('checkSplits', () => {
  it('accepts parts adding up to the total, trimming notes', () => {
    expect(checkSplits([part(FOOD, 1250, ' weekly '), part(BUS, 750)], 2000)).toEqual([
      part(FOOD, 1250, 'weekly'),
      part(BUS, 750),
    ]);
  });

  it.each([
    ['parts not adding up', [part(FOOD, 1000), part(BUS, 500)], /add up to the amount/],
    ['one part', [part(FOOD, 2000)], /at least 2 parts/],
    ['no parts', [], /at least 2 parts/],
    ['a zero part', [part(FOOD, 0), part(BUS, 2000)], /part 1 .*greater than zero/],
    ['a negative part', [part(FOOD, 2500), part(BUS, -500)], /part 2 .*greater than zero/],
    ['a fraction of a minor unit', [part(FOOD, 1000.5), part(BUS, 999.5)], /part 1/],
    ['a long note', [part(FOOD, 1000, 'x'.repeat(81)), part(BUS, 1000)], /note of part 1/],
    ['too many parts', Array.from({ length: MAX_SPLIT_PARTS + 1 }, () => part(FOOD, 1)), /at most/],
  ])('refuses %s, naming splits', (_what, parts, message) => {
    const total = parts.reduce((a, p) => a + Math.max(0, p.amount), 0) || 2000;
    const expected = _what === 'parts not adding up' ? 2000 : total;
    try {
      checkSplits(parts, expected);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ValidationError);
      expect((e as ValidationError).field).toBe('splits');
      expect((e as Error).message).toMatch(message);
    }
  });
});

describe('parseSplits and serializeSplits', () => {
  it('round-trip, leaving an empty note out of the stored text', () => {
    const parts = [part(FOOD, 1250, 'weekly'), part(BUS, 750)];
    const text = serializeSplits(parts);
    expect(text).toBe(
      `[{"category_id":"${FOOD}","amount":1250,"note":"weekly"},{"category_id":"${BUS}","amount":750}]`,
    );
    expect(parseSplits(text)).toEqual(parts);
  });

  it.each([
    ['not JSON', '[{'],
    ['not a list', '{}'],
    ['one part', `[{"category_id":"${FOOD}","amount":1}]`],
    ['a bad id', `[{"category_id":"food","amount":1},{"category_id":"${BUS}","amount":1}]`],
    ['a zero amount', `[{"category_id":"${FOOD}","amount":0},{"category_id":"${BUS}","amount":1}]`],
    ['a text amount', `[{"category_id":"${FOOD}","amount":"1"},{"category_id":"${BUS}","amount":1}]`],
    ['a number note', `[{"category_id":"${FOOD}","amount":1,"note":3},{"category_id":"${BUS}","amount":1}]`],
    ['too long', `[${Array.from({ length: 3000 }, () => ' ').join('')}]`],
  ])('gives null for %s', (_what, text) => {
    expect(parseSplits(text)).toBeNull();
  });
});

// ---- Merging a split row: amount, category_id and splits move as one value. ----

const T0 = Date.parse('2026-11-25T10:00:00.000Z');
const at = (seconds: number, node = '0000000000000001') =>
  formatHlc({ millis: T0 + seconds * 1000, counter: 0, node });

const FIELDS = TABLES.expense.fields.map((f) => f.name);
const BASE_VALUES: Record<string, FieldValue> = {
  user_id: '01900000-0000-7000-8000-0000000000aa',
  category_id: FOOD,
  amount: 2000,
  expense_date: '2026-11-02',
  payment_method: null,
  description: 'market',
  deleted: 0,
  account_id: '01900000-0000-7000-8000-0000000000ac',
  status: 'uncleared',
  payee: null,
  tags: null,
  splits: null,
};

/** The row everyone agreed on at second 1, then `changes` each made at its own clock. */
function version(changes: Record<string, [FieldValue, string]>): RowVersion {
  const values: Record<string, FieldValue> = { ...BASE_VALUES };
  const clock: Record<string, string> = Object.fromEntries(FIELDS.map((f) => [f, at(1)]));
  for (const [f, [v, hlc]] of Object.entries(changes)) {
    values[f] = v;
    clock[f] = hlc;
  }
  return { id: ROW, values, clock, hlc: Object.values(clock).reduce((a, b) => (b > a ? b : a)) };
}
const BASE_CLOCK = Object.fromEntries(FIELDS.map((f) => [f, at(1)]));
const merge = (receiver: RowVersion, incoming: RowVersion) =>
  mergeRow('expense', receiver, incoming, at(1), BASE_CLOCK);

/** Changes that split the row into `parts` at `hlc`: the three fields, as the repository writes them. */
function splitInto(parts: SplitPart[], hlc: string): Record<string, [FieldValue, string]> {
  return {
    amount: [parts.reduce((a, p) => a + p.amount, 0), hlc],
    category_id: [(parts[0] as SplitPart).categoryId, hlc],
    splits: [serializeSplits(parts), hlc],
  };
}

/** The merged row is one whole split: its parts add up to its amount and begin with its category. */
function expectWholeSplit(row: RowVersion): SplitPart[] {
  const parts = parseSplits(String(row.values.splits));
  expect(parts).not.toBeNull();
  expect((parts ?? []).reduce((a, p) => a + p.amount, 0)).toBe(row.values.amount);
  expect(parts?.[0]?.categoryId).toBe(row.values.category_id);
  return parts ?? [];
}

describe('merging split rows', () => {
  const mine = [part(FOOD, 1200), part(BUS, 800)];
  const theirs = [part(FUN, 500), part(FOOD, 2500)];

  it('takes a split from one side whole when the other changed the amount alone (either side split)', () => {
    const split = version(splitInto(mine, at(5)));
    const amountOnly = version({ amount: [2100, at(3, '0000000000000002')] });
    for (const [r, i] of [
      [split, amountOnly],
      [amountOnly, split],
    ] as const) {
      const result = merge(r, i);
      expect(expectWholeSplit(result.row)).toEqual(mine);
      // Both changed the group since the base, to different values: one conflict, on each field that differs
      // (the first part is in the row's old category, so category_id does not).
      const fields = result.conflicts.map((c) => c.field).sort();
      expect(fields).toEqual(['amount', 'splits']);
      expect(new Set(result.conflicts.map((c) => c.lostHlc))).toEqual(new Set([at(3, '0000000000000002')]));
    }
  });

  it('a later plain change of amount and category wins over an earlier split, taking the split away whole', () => {
    const split = version(splitInto(mine, at(3)));
    const plain = version({ amount: [999, at(5)], category_id: [BUS, at(4)] });
    const result = merge(split, plain);
    expect(result.row.values).toMatchObject({ amount: 999, category_id: BUS, splits: null });
    expect(result.conflicts.find((c) => c.field === 'splits')?.lostValue).toBe(serializeSplits(mine));
  });

  it('concurrent split changes: the later whole split wins, the other is every conflict, with one lost_hlc', () => {
    const a = version(splitInto(mine, at(4)));
    const b = version({ ...splitInto(theirs, at(6, '0000000000000002')) });
    const ab = merge(a, b);
    const ba = merge(b, a);
    expect(expectWholeSplit(ab.row)).toEqual(theirs);
    expect(ba.row.values).toEqual(ab.row.values);
    expect(ab.conflicts.map((c) => c.field).sort()).toEqual(['amount', 'category_id', 'splits']);
    for (const c of ab.conflicts) {
      expect(c.lostHlc).toBe(at(4));
      expect(c.keptHlc).toBe(at(6, '0000000000000002'));
    }
    expect(ab.conflicts.find((c) => c.field === 'splits')?.lostValue).toBe(serializeSplits(mine));
  });

  it('a part-only change on one side and a note change on the other merge without conflict', () => {
    const a = version(splitInto(mine, at(2)));
    const agreed = merge(a, version({})).row;
    const reparted = version({
      ...splitInto([part(FOOD, 1000), part(BUS, 1000)], at(5)),
      amount: [2000, at(2)],
    });
    const noted = { ...agreed, values: { ...agreed.values, description: 'farm shop' } };
    const result = mergeRow(
      'expense',
      {
        ...noted,
        clock: { ...noted.clock, description: at(6, '0000000000000002') },
        hlc: at(6, '0000000000000002'),
      },
      reparted,
      agreed.hlc,
      agreed.clock,
    );
    expect(result.conflicts).toEqual([]);
    expect(result.row.values.description).toBe('farm shop');
    expect(expectWholeSplit(result.row).map((p) => p.amount)).toEqual([1000, 1000]);
  });

  it('rows split on neither side still merge field by field', () => {
    const a = version({ amount: [2100, at(5)] });
    const b = version({ category_id: [BUS, at(6, '0000000000000002')] });
    const result = merge(a, b);
    expect(result.row.values).toMatchObject({ amount: 2100, category_id: BUS, splits: null });
    expect(result.conflicts).toEqual([]);
  });
});
