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

/** A conflicting value as people read it: money as money, the `deleted` flag in words. */
export function valueText(v: FieldValue, field: string, fmt: (n: number) => string): string {
  if (v === null) return '(empty)';
  if (typeof v === 'number' && MONEY_FIELDS.has(field)) return fmt(v);
  if (field === 'deleted') return v ? 'deleted' : 'kept';
  return String(v);
}
