import { describe, expect, it } from 'vitest';
import { validateSyncRow } from '../../../src/domain/row-validation.js';
import { TABLES, type SyncRow } from '../../../src/domain/tables.js';
import { ValidationError } from '../../../src/domain/validation.js';

const USER = '0190f5e2-0000-7000-8000-000000000001';
const HLC = '2026-01-01T00:00:00.000Z-0000-0123456789abcdef';
const fields = TABLES.category.fields.map((f) => f.name);

function category(clock: Record<string, string>): SyncRow {
  const latest = Object.values(clock).reduce((a, b) => (b > a ? b : a), '');
  return {
    id: '0190f5e2-0000-7000-8000-000000000002',
    values: { user_id: USER, name: 'Food', kind: 'expense', deleted: 0 },
    clock,
    hlc: latest,
    modifiedAt: '2026-01-01T00:00:00.000Z',
  };
}

describe('validateSyncRow: field clocks', () => {
  it('accepts a row whose fields share one clock, and one whose fields differ', () => {
    expect(() =>
      validateSyncRow('category', USER, category(Object.fromEntries(fields.map((f) => [f, HLC])))),
    ).not.toThrow();
    const mixed = Object.fromEntries(fields.map((f, i) => [f, HLC.replace('0000-0123', `000${i}-0123`)]));
    expect(() => validateSyncRow('category', USER, category(mixed))).not.toThrow();
  });

  it('refuses an empty or invalid clock wherever it stands, also after a valid one or next to an equal one', () => {
    for (const bad of ['', 'yesterday', '2026-02-30T00:00:00.000Z-0000-0123456789abcdef']) {
      for (let at = 0; at < fields.length; at++) {
        const clock = Object.fromEntries(fields.map((f, i) => [f, i === at ? bad : HLC]));
        expect(() => validateSyncRow('category', USER, category(clock)), `${bad} at ${at}`).toThrow(
          ValidationError,
        );
      }
      // Every field with the same invalid clock: the first is read and refused.
      const all = Object.fromEntries(fields.map((f) => [f, bad]));
      expect(() => validateSyncRow('category', USER, category(all)), bad).toThrow(/has no valid clock/);
    }
  });
});
