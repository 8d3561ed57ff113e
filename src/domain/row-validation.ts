import { ACCOUNT_KINDS, ROW_STATUSES } from './accounts.js';
import { isCurrencyCode } from './currency.js';
import { isIsoDate, isIsoMonth } from './dates.js';
import { isHlc } from './hlc.js';
import { isId } from './ids.js';
import { MAX_MINOR_UNITS } from './money.js';
import {
  LAST_DAY,
  MAX_OCCURRENCE_COUNT,
  MAX_REPEAT_EVERY,
  REPEAT_UNITS,
  SCHEDULE_KINDS,
  parseSkipped,
} from './schedules.js';
import {
  DATA_TABLES,
  TABLES,
  ownerColumn,
  rowOwner,
  type FieldValue,
  type SyncRow,
  type SyncedTable,
} from './tables.js';
import { parseSplits } from './splits.js';
import { parseTags } from './tags.js';
import { ValidationError } from './validation.js';

type Check = (value: FieldValue) => string | null;

const text =
  (max: number): Check =>
  (v) =>
    typeof v === 'string' && v.length <= max ? null : `must be text of at most ${max} characters`;
const amount: Check = (v) =>
  typeof v === 'number' && Number.isSafeInteger(v) && v > 0 && v <= MAX_MINOR_UNITS
    ? null
    : 'must be a positive whole number of minor units';
const date: Check = (v) =>
  typeof v === 'string' && isIsoDate(v) ? null : 'must be a date written YYYY-MM-DD';
const id: Check = (v) => (typeof v === 'string' && isId(v) ? null : 'must be an id');
const timestamp: Check = (v) =>
  typeof v === 'string' && !Number.isNaN(Date.parse(v)) && v.endsWith('Z') ? null : 'must be a UTC timestamp';

const flag: Check = (v) => (v === 0 || v === 1 ? null : 'must be 0 or 1');
const rowStatus: Check = (v) =>
  typeof v === 'string' && (ROW_STATUSES as readonly string[]).includes(v)
    ? null
    : `must be one of ${ROW_STATUSES.join(', ')}`;

// Rules per field name; every field of TABLES has one (a test checks it).
const CHECKS: Readonly<Record<string, Check>> = {
  name: text(80),
  currency: (v) => (typeof v === 'string' && isCurrencyCode(v) ? null : 'must be an ISO 4217 currency'),
  locale: text(35),
  password_hash: text(300),
  created_at: timestamp,
  deleted: flag,
  user_id: id,
  category_id: id,
  goal_id: id,
  kind: (v) => (v === 'expense' || v === 'income' ? null : 'must be expense or income'),
  target_amount: amount,
  limit_amount: amount,
  amount,
  target_date: date,
  created_on: date,
  expense_date: date,
  income_date: date,
  contributed_on: date,
  month: (v) => (typeof v === 'string' && isIsoMonth(v) ? null : 'must be a month written YYYY-MM'),
  payment_method: text(40),
  source: text(80),
  description: text(500),
  table_name: (v) =>
    typeof v === 'string' && (DATA_TABLES as readonly string[]).includes(v)
      ? null
      : 'must name a synced table',
  row_id: id,
  field_name: (v) => (typeof v === 'string' && /^[a-z_]{1,40}$/.test(v) ? null : 'must be a field name'),
  kept_value: jsonValue,
  lost_value: jsonValue,
  kept_hlc: (v) => (typeof v === 'string' && isHlc(v) ? null : 'must be a clock'),
  lost_hlc: (v) => (typeof v === 'string' && isHlc(v) ? null : 'must be a clock'),
  detected_at: timestamp,
  resolved_at: timestamp,
  resolution: (v) => (v === 'restored' || v === 'dismissed' ? null : 'must be restored or dismissed'),
  account_kind: (v) =>
    typeof v === 'string' && (ACCOUNT_KINDS as readonly string[]).includes(v)
      ? null
      : `must be one of ${ACCOUNT_KINDS.join(', ')}`,
  opening_balance: (v) =>
    typeof v === 'number' && Number.isSafeInteger(v) && Math.abs(v) <= MAX_MINOR_UNITS
      ? null
      : 'must be a whole number of minor units',
  opening_date: date,
  on_budget: flag,
  archived: flag,
  account_id: id,
  from_account_id: id,
  to_account_id: id,
  transfer_date: date,
  status: rowStatus,
  from_status: rowStatus,
  to_status: rowStatus,
  schedule_kind: (v) =>
    typeof v === 'string' && (SCHEDULE_KINDS as readonly string[]).includes(v)
      ? null
      : `must be one of ${SCHEDULE_KINDS.join(', ')}`,
  repeat_every: (v) =>
    typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= MAX_REPEAT_EVERY
      ? null
      : `must be a whole number from 1 to ${MAX_REPEAT_EVERY}`,
  repeat_unit: (v) =>
    typeof v === 'string' && (REPEAT_UNITS as readonly string[]).includes(v)
      ? null
      : `must be one of ${REPEAT_UNITS.join(', ')}`,
  start_date: date,
  end_date: date,
  day_of_month: (v) =>
    typeof v === 'number' && Number.isInteger(v) && (v === LAST_DAY || (v >= 1 && v <= 31))
      ? null
      : 'must be a day from 1 to 31, or -1 for the last day',
  occurrence_count: (v) =>
    typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= MAX_OCCURRENCE_COUNT
      ? null
      : `must be a whole number from 1 to ${MAX_OCCURRENCE_COUNT}`,
  auto_post: flag,
  skipped: (v) => (typeof v === 'string' && parseSkipped(v) !== null ? null : 'must be a JSON list of dates'),
  payee: text(120),
  tags: (v) => (typeof v === 'string' && parseTags(v) !== null ? null : 'must be a sorted JSON list of tags'),
  splits: (v) =>
    typeof v === 'string' && parseSplits(v) !== null ? null : 'must be a JSON list of at least two parts',
  rollover: flag,
};

/** A kept or lost value: the JSON text of a number, a string or null, as a field can hold. */
function jsonValue(v: FieldValue): string | null {
  // A split's parts are the longest value a field holds (splits.ts keeps them short enough for this).
  if (typeof v !== 'string' || v.length > 4000) return 'must be a JSON value of at most 4000 characters';
  try {
    const parsed: unknown = JSON.parse(v);
    return parsed === null || typeof parsed === 'string' || typeof parsed === 'number'
      ? null
      : 'must be a JSON number, string or null';
  } catch {
    return 'must be a JSON number, string or null';
  }
}

export function fieldCheck(field: string): Check | undefined {
  return CHECKS[field];
}

/**
 * A row arriving from another store is checked as strictly as a person's input: shape, types, domain rules,
 * clocks, and that it belongs to the user being synced. The caller refuses the whole batch on the first error.
 */
export function validateSyncRow(table: SyncedTable, userId: string, row: SyncRow): void {
  const at = (field: string, reason: string) =>
    new ValidationError(field, `${table} ${String(row.id)}: ${field} ${reason}`);
  if (typeof row.id !== 'string' || !isId(row.id)) throw at('id', 'must be an id');
  if (!row.values || typeof row.values !== 'object') throw at('values', 'are missing');
  if (!row.clock || typeof row.clock !== 'object') throw at('clock', 'is missing');
  if (rowOwner(table, row) !== userId) throw at(ownerColumn(table), 'belongs to another user');
  let latest = '';
  // Fields changed together share one clock (a new row: all of them), so a clock equal to the last one checked
  // in this row is valid without reading it again.
  let checked: string | null = null;
  for (const f of TABLES[table].fields) {
    const value = row.values[f.name];
    if (value === undefined) throw at(f.name, 'is missing');
    if (value !== null || !f.nullable) {
      const problem = (CHECKS[f.name] ?? (() => 'has no rule'))(value);
      if (problem) throw at(f.name, problem);
    }
    const clock = row.clock[f.name];
    if (typeof clock !== 'string' || (clock !== checked && !isHlc(clock)))
      throw at(f.name, 'has no valid clock');
    checked = clock;
    if (clock > latest) latest = clock;
  }
  for (const key of Object.keys(row.values)) {
    if (!TABLES[table].fields.some((f) => f.name === key)) throw at(key, 'is not a field of this table');
  }
  if (row.hlc !== latest) throw at('hlc', 'must be the latest of the field clocks');
  if (typeof row.modifiedAt !== 'string' || Number.isNaN(Date.parse(row.modifiedAt))) {
    throw at('modified_at', 'must be a timestamp');
  }
}
