import { SYNCED_TABLES } from '../../../../src/domain/tables.js';
import type { FieldValue, SyncedTable } from '../../../../src/domain/tables.js';
import type { SyncProgress } from '../../../../src/sync/sync-progress.js';
import type { SyncDoneEvent } from '../../api/answers';
import type { Tone } from '../../components/ui';
import { numberText } from '../../format';

/** The synced tables as people call them. */
export const TABLE_NAMES: Readonly<Record<SyncedTable, string>> = {
  app_user: 'your profile',
  category: 'categories',
  account: 'accounts',
  savings_goal: 'savings goals',
  expense: 'expenses',
  income: 'income',
  transfer: 'transfers',
  schedule: 'schedules',
  budget: 'budgets',
  goal_contribution: 'goal contributions',
  sync_conflict: 'conflicts',
};

/** Field names as the forms call them. */
export const FIELD_NAMES: Readonly<Record<string, string>> = {
  amount: 'amount',
  category_id: 'category',
  account_id: 'account',
  description: 'note',
  expense_date: 'date',
  income_date: 'date',
  transfer_date: 'date',
  payment_method: 'payment method',
  limit_amount: 'limit',
  target_amount: 'target',
  target_date: 'target date',
  splits: 'split',
  deleted: 'deleted',
};

export function statusTone(status: string): Tone {
  return status === 'Success'
    ? 'good'
    : status === 'Partial'
      ? 'warn'
      : status === 'Failed'
        ? 'bad'
        : 'neutral';
}

/** How far along a run is, from its last progress event: push then pull, table by table (parents first). */
export function fraction(p: SyncProgress | null): number {
  if (!p || p.phase === 'connect') return 0.03;
  const tables = SYNCED_TABLES.length;
  const index = Math.max(0, SYNCED_TABLES.indexOf(p.table));
  const phase = p.phase === 'push' ? 0 : p.phase === 'pull' ? 1 : 2;
  // Batch 0: the table has just started.
  const done = p.batch === 0 ? 0 : 1;
  return Math.min(0.97, Math.max(0.03, (phase * tables + index + done) / (2 * tables)));
}

export function phaseText(p: SyncProgress | null, locale: string): string {
  if (!p || p.phase === 'connect') return 'Connecting to the central store…';
  const what = TABLE_NAMES[p.table] ?? p.table;
  // A push knows its size from the start: a long first sync says how much it sends.
  if (p.phase === 'push' && p.expected !== undefined && p.expected > 1)
    return `Sending ${what} (${numberText(p.expected, locale)} changes)…`;
  if (p.phase === 'push') return `Sending ${what}…`;
  if (p.phase === 'pull') return `Receiving ${what}…`;
  return `Verifying ${what}…`;
}

export function resultHeadline(r: SyncDoneEvent): string {
  if (r.status === 'Success') return r.pushed + r.pulled === 0 ? 'Everything is up to date' : 'Sync complete';
  if (r.status === 'Partial') return 'Sync partly done';
  return 'Sync failed';
}

const MONEY_FIELDS = new Set(['amount', 'limit', 'limit_amount', 'target', 'target_amount']);

/**
 * A conflicting value as people read it: money as money, the `deleted` flag in words, a category by its name,
 * tags as a list and a split as its parts.
 */
export function valueText(
  v: FieldValue,
  field: string,
  fmt: (n: number) => string,
  categoryName: (id: string) => string = (id) => id,
): string {
  if (v === null) return field === 'splits' ? 'not split' : '(empty)';
  if (typeof v === 'number' && MONEY_FIELDS.has(field)) return fmt(v);
  if (field === 'deleted') return v ? 'deleted' : 'kept';
  if (field === 'category_id' && typeof v === 'string') return categoryName(v);
  if (field === 'tags' && typeof v === 'string') return listText(v, (t) => String(t)) ?? v;
  if (field === 'splits' && typeof v === 'string') {
    const parts = listText(
      v,
      (p) => {
        const part = p as { category_id?: string; amount?: number };
        return `${categoryName(String(part.category_id))} ${fmt(Number(part.amount))}`;
      },
      ' + ',
    );
    return parts ?? v;
  }
  return String(v);
}

/** The items of a JSON list, each as text, joined; null when the value is not a JSON list. */
function listText(json: string, item: (x: unknown) => string, separator = ', '): string | null {
  try {
    const parsed: unknown = JSON.parse(json);
    return Array.isArray(parsed) ? parsed.map(item).join(separator) : null;
  } catch {
    return null;
  }
}
