import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ClockCodecError, decodeClock, encodeClock } from '../../../src/domain/clock-codec.js';
import { formatHlc } from '../../../src/domain/hlc.js';
import { SYNCED_TABLES, fieldNames } from '../../../src/domain/tables.js';
import { ValidationError } from '../../../src/domain/validation.js';

const RUNS = process.env.CI === 'true' ? 2000 : 300;
const SEED = Number(process.env.PFM_PROPERTY_SEED ?? 20_261_203);
const options = { numRuns: RUNS, seed: SEED };

const T0 = Date.parse('2026-12-01T09:30:00.000Z');
const H1 = '2026-12-01T09:30:00.000Z-0000-0000000000000001';
const H2 = '2026-12-01T09:31:00.000Z-0001-0000000000000002';
const H3 = '2026-12-01T09:32:00.000Z-0000-ce00000000000000';
const CATEGORY = fieldNames('category');

function refusal(fn: () => unknown): ClockCodecError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ClockCodecError);
    expect(e).toBeInstanceOf(ValidationError);
    expect((e as ValidationError).field).toBe('clock');
    return e as ClockCodecError;
  }
  throw new Error('expected a ClockCodecError');
}

describe('encodeClock', () => {
  it('writes nothing for a row whose fields all carry its clock', () => {
    const clock = Object.fromEntries(CATEGORY.map((f) => [f, H3]));
    expect(encodeClock(clock, H3)).toBe('');
  });

  it('writes only the fields whose clock differs, in field-name order', () => {
    const clock = Object.fromEntries(CATEGORY.map((f) => [f, H3]));
    clock.name = H2;
    clock.deleted = H1;
    expect(encodeClock(clock, H3)).toBe(`deleted=${H1};name=${H2}`);
  });

  it('gives the same text whatever the order of the map', () => {
    const a = { name: H1, deleted: H2, user_id: H3 };
    const b = { user_id: H3, deleted: H2, name: H1 };
    expect(encodeClock(a, H3)).toBe(encodeClock(b, H3));
  });

  it('refuses a clock that is not a clock, so the text stays readable', () => {
    expect(refusal(() => encodeClock({ name: 'yesterday' }, H3)).message).toMatch(/clock of name/);
    refusal(() => encodeClock({ name: `${H1};x=${H2}` }, H3));
    refusal(() => encodeClock({ name: H1 }, 'now'));
    refusal(() => encodeClock({ 'na=me': H1 }, H3));
  });
});

describe('decodeClock', () => {
  it('gives every field of the table, the row clock where nothing is written', () => {
    const clock = decodeClock(`name=${H1}`, H3, CATEGORY);
    expect(Object.keys(clock).sort()).toEqual([...CATEGORY].sort());
    expect(clock.name).toBe(H1);
    for (const field of CATEGORY.filter((f) => f !== 'name')) expect(clock[field]).toBe(H3);
  });

  it('reads the empty text as every field at the row clock', () => {
    expect(decodeClock('', H2, CATEGORY)).toEqual(Object.fromEntries(CATEGORY.map((f) => [f, H2])));
  });

  it('accepts a pair that repeats the row clock', () => {
    expect(decodeClock(`name=${H3}`, H3, CATEGORY).name).toBe(H3);
  });

  it('refuses text that is not compact clock text', () => {
    const junk = [
      '{}',
      `{"name":"${H1}"}`,
      'name',
      `name:${H1}`,
      `name=${H1};`,
      `;name=${H1}`,
      `name=${H1};;deleted=${H2}`,
      `name=${H1.slice(0, 45)}`,
      `name=${H1}x`,
      `name=${H1.replace('T', ' ')}`,
      `=${H1}`,
    ];
    for (const text of junk) refusal(() => decodeClock(text, H3, CATEGORY));
  });

  it('refuses a field the table does not have, or one named twice', () => {
    expect(refusal(() => decodeClock(`colour=${H1}`, H3, CATEGORY)).message).toMatch(
      /unknown field "colour"/,
    );
    expect(refusal(() => decodeClock(`name=${H1};name=${H2}`, H3, CATEGORY)).message).toMatch(/twice/);
  });

  it('refuses a row clock that is not a clock', () => {
    refusal(() => decodeClock('', '', CATEGORY));
  });

  it('cuts a long bad value short in its message', () => {
    const message = refusal(() => decodeClock('x'.repeat(10_000), H3, CATEGORY)).message;
    expect(message.length).toBeLessThan(200);
  });
});

const clockArb = fc
  .record({
    seconds: fc.integer({ min: 0, max: 5 }),
    counter: fc.integer({ min: 0, max: 2 }),
    node: fc.constantFrom('0000000000000001', 'ce00000000000000', '0000000000000000'),
  })
  .map(({ seconds, counter, node }) => formatHlc({ millis: T0 + seconds * 1000, counter, node }));

/** A table and a full clock map for it; its hlc is the greatest field clock, as on every stored row. */
const rowClockArb = fc.constantFrom(...SYNCED_TABLES).chain((table) => {
  const fields = fieldNames(table);
  return fc.array(clockArb, { minLength: fields.length, maxLength: fields.length }).map((clocks) => {
    const clock = Object.fromEntries(fields.map((f, i) => [f, clocks[i] as string]));
    const hlc = clocks.reduce((a, b) => (a > b ? a : b));
    return { fields, clock, hlc };
  });
});

describe('clock codec properties', () => {
  it('round-trips every table’s full clock map', () => {
    fc.assert(
      fc.property(rowClockArb, ({ fields, clock, hlc }) => {
        const text = encodeClock(clock, hlc);
        expect(decodeClock(text, hlc, fields)).toEqual(clock);
        // Only the fields off the row clock are written.
        const off = fields.filter((f) => clock[f] !== hlc).length;
        expect(text === '' ? 0 : text.split(';').length).toBe(off);
      }),
      options,
    );
  });

  it('refuses text that is neither empty nor field=clock pairs', () => {
    const pairArb = fc.tuple(fc.constantFrom(...CATEGORY), clockArb).map(([f, c]) => `${f}=${c}`);
    const junkArb = fc
      .string({ maxLength: 80 })
      .filter((s) => s !== '' && !s.split(';').every((p) => /^[a-z_]+=.{46}$/.test(p)));
    fc.assert(
      fc.property(fc.array(pairArb, { maxLength: 2 }), junkArb, (pairs, junk) => {
        const text = [...pairs, junk].join(';');
        expect(() => decodeClock(text, H3, CATEGORY)).toThrow(ClockCodecError);
      }),
      options,
    );
  });
});
