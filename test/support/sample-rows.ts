import { formatHlc } from '../../src/domain/hlc.js';
import {
  SYNCED_TABLES,
  TABLES,
  rowOwner,
  type FieldValue,
  type SyncRow,
  type SyncedTable,
} from '../../src/domain/tables.js';
import type { LocalStore } from '../../src/local/local-store.js';

export const DEVICE = '0123456789abcdef';
export const OTHER_DEVICE = 'fedcba9876543210';

let counter = 0;

/** A fresh HLC, later than every earlier one of this run. */
export function nextHlc(node = DEVICE): string {
  counter++;
  return formatHlc({ millis: Date.UTC(2026, 0, 1) + counter, counter: 0, node });
}

let idCounter = 0;
/** A fresh id that sorts after earlier ones (like UUIDv7). */
export function newTestId(prefix = 'row'): string {
  idCounter++;
  return `${prefix}-${String(idCounter).padStart(8, '0')}`;
}

/** Plausible values for every field of a table, owned by `userId`. */
export function sampleValues(table: SyncedTable, userId: string, n = 1): Record<string, FieldValue> {
  switch (table) {
    case 'app_user':
      return {
        name: `user ${n}`,
        currency: 'EUR',
        locale: 'en-IE',
        password_hash: null,
        created_at: '2026-01-01T00:00:00.000Z',
        deleted: 0,
      };
    case 'category':
      return { user_id: userId, name: `Category ${n}`, kind: 'expense', deleted: 0 };
    case 'account':
      return {
        user_id: userId,
        name: `Account ${n}`,
        account_kind: 'checking',
        opening_balance: 10_000 + n,
        opening_date: '2025-12-31',
        on_budget: 1,
        archived: 0,
        deleted: 0,
      };
    case 'savings_goal':
      return {
        user_id: userId,
        name: `Goal ${n}`,
        target_amount: 100_000 + n,
        target_date: null,
        created_on: '2026-01-01',
        deleted: 0,
        account_id: null,
      };
    case 'expense':
      return {
        user_id: userId,
        category_id: 'cat-1',
        amount: 1000 + n,
        expense_date: '2026-01-15',
        payment_method: 'card',
        description: `expense ${n}`,
        deleted: 0,
        account_id: 'acct-1',
        status: 'uncleared',
        payee: 'Café "Central"',
        tags: '["food","Work"]',
        splits: `[{"category_id":"cat-1","amount":600,"note":"lunch"},{"category_id":"cat-2","amount":${400 + n}}]`,
      };
    case 'income':
      return {
        user_id: userId,
        category_id: 'cat-2',
        amount: 50_000 + n,
        income_date: '2026-01-01',
        source: null,
        description: '',
        deleted: 0,
        account_id: 'acct-1',
        status: 'cleared',
        payee: null,
        tags: null,
        splits: null,
      };
    case 'transfer':
      return {
        user_id: userId,
        from_account_id: 'acct-1',
        to_account_id: 'acct-2',
        amount: 20_000 + n,
        transfer_date: '2026-01-10',
        description: `transfer ${n}`,
        from_status: 'uncleared',
        to_status: 'reconciled',
        deleted: 0,
      };
    case 'schedule':
      return {
        user_id: userId,
        schedule_kind: 'expense',
        category_id: 'cat-1',
        account_id: 'acct-1',
        to_account_id: null,
        amount: 4000 + n,
        description: `rent ${n}`,
        payment_method: 'transfer',
        source: null,
        repeat_every: 1,
        repeat_unit: 'month',
        start_date: '2026-01-31',
        day_of_month: -1,
        end_date: null,
        occurrence_count: 12,
        auto_post: 1,
        skipped: '["2026-02-28"]',
        deleted: 0,
      };
    case 'budget':
      return {
        user_id: userId,
        category_id: 'cat-1',
        month: '2026-01',
        limit_amount: 30_000 + n,
        deleted: 0,
        rollover: 1,
      };
    case 'goal_contribution':
      return {
        user_id: userId,
        goal_id: 'goal-1',
        amount: 2500 + n,
        contributed_on: '2026-01-20',
        description: 'it\'s "quoted", {braced}',
        deleted: 0,
      };
    case 'sync_conflict':
      return {
        user_id: userId,
        table_name: 'expense',
        row_id: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b',
        field_name: 'amount',
        kept_value: String(1000 + n),
        kept_hlc: '2026-01-02T00:00:00.000Z-0000-00000000000000aa',
        lost_value: '"it\'s \\"quoted\\""',
        lost_hlc: '2026-01-01T00:00:00.000Z-0000-00000000000000bb',
        detected_at: '2026-01-02T00:00:01.000Z',
        resolution: null,
        resolved_at: null,
        deleted: 0,
      };
  }
}

/** A row of `table` as a device would push it: every field stamped with one clock. */
export function sampleRow(table: SyncedTable, userId: string, n = 1, id?: string): SyncRow {
  const hlc = nextHlc();
  const values = sampleValues(table, userId, n);
  return {
    id: table === 'app_user' ? userId : (id ?? newTestId(table)),
    values,
    hlc,
    clock: Object.fromEntries(Object.keys(values).map((f) => [f, hlc])),
    modifiedAt: '2026-01-01T00:00:00.000Z',
  };
}

/** The same row with one field changed to a different valid value, under a newer clock. */
export function withChangedField(table: SyncedTable, row: SyncRow, field: string): SyncRow {
  const spec = TABLES[table].fields.find((f) => f.name === field);
  if (!spec) throw new Error(`${table} has no field ${field}`);
  const v = row.values[field] ?? null;
  let changed: FieldValue;
  if (['deleted', 'on_budget', 'archived', 'auto_post', 'rollover'].includes(field))
    changed = v === 1 ? 0 : 1;
  else if (field === 'tags') changed = v === '["travel"]' ? '["home"]' : '["travel"]';
  else if (field === 'splits') {
    const other = '[{"category_id":"cat-2","amount":1},{"category_id":"cat-1","amount":1}]';
    changed = v === other ? '[{"category_id":"cat-1","amount":1},{"category_id":"cat-2","amount":1}]' : other;
  } else if (field === 'day_of_month') changed = v === -1 ? 15 : -1;
  else if (field === 'schedule_kind') changed = v === 'income' ? 'expense' : 'income';
  else if (field === 'repeat_unit') changed = v === 'week' ? 'month' : 'week';
  else if (field === 'skipped') changed = v === '[]' ? '["2026-03-31"]' : '[]';
  else if (field === 'start_date' || field === 'end_date')
    changed = v === '2026-06-30' ? '2026-07-31' : '2026-06-30';
  else if (spec.type === 'integer') changed = Number(v) + 1;
  else if (field === 'currency') changed = v === 'USD' ? 'EUR' : 'USD';
  else if (field === 'kind') changed = v === 'income' ? 'expense' : 'income';
  else if (field === 'account_kind') changed = v === 'savings' ? 'checking' : 'savings';
  else if (field.endsWith('status')) changed = v === 'cleared' ? 'uncleared' : 'cleared';
  else if (field === 'resolution') changed = v === 'restored' ? 'dismissed' : 'restored';
  else if (field === 'kept_value' || field === 'lost_value') changed = JSON.stringify(`${String(v)}x`);
  else if (field.endsWith('_hlc')) changed = nextHlc();
  else if (field === 'table_name') changed = v === 'income' ? 'expense' : 'income';
  else changed = v === null ? 'x' : `${String(v)}x`;
  const hlc = nextHlc();
  return { ...row, values: { ...row.values, [field]: changed }, hlc, clock: { ...row.clock, [field]: hlc } };
}

/** The same row with one field's clock moved on, values unchanged. */
export function withChangedClock(row: SyncRow, field: string): SyncRow {
  const hlc = nextHlc();
  return { ...row, hlc, clock: { ...row.clock, [field]: hlc } };
}

/** Every synced row of a device database, per table in parent-before-child order, each table in id order. */
export function localRows(store: LocalStore): Map<SyncedTable, SyncRow[]> {
  const out = new Map<SyncedTable, SyncRow[]>();
  for (const table of SYNCED_TABLES) {
    const rows = store.db.prepare(`SELECT * FROM ${table} ORDER BY id`).all() as Record<string, unknown>[];
    out.set(
      table,
      rows.map((r) => ({
        id: String(r.id),
        values: Object.fromEntries(
          TABLES[table].fields.map((f) => [f.name, (r[f.name] ?? null) as FieldValue]),
        ),
        hlc: String(r.hlc),
        clock: JSON.parse(String(r.clock)) as Record<string, string>,
        modifiedAt: String(r.modified_at),
      })),
    );
  }
  return out;
}

export function ownerOf(table: SyncedTable, row: SyncRow): string {
  return String(rowOwner(table, row));
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
