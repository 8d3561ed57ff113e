import type { TFunction } from 'i18next';
import { SYNCED_TABLES } from '../../../../src/domain/tables.js';
import type { FieldValue, SyncedTable } from '../../../../src/domain/tables.js';
import type { SyncProgress } from '../../../../src/sync/sync-progress.js';
import type { SyncDoneEvent } from '../../api/answers';
import type { Tone } from '../../components/ui';
import { numberText } from '../../format';

/** A synced table as people call it ("expenses"). */
export function tableName(table: SyncedTable | string, t: TFunction): string {
  return (SYNCED_TABLES as readonly string[]).includes(table)
    ? t(`sync.tables.${table as SyncedTable}`)
    : table;
}

/** The fields with a name of their own on screen; the others show as their column name in words. */
const NAMED_FIELDS = [
  ...['amount', 'category_id', 'account_id', 'description', 'expense_date', 'income_date', 'transfer_date'],
  ...['payment_method', 'limit_amount', 'target_amount', 'target_date', 'splits', 'deleted'],
] as const;
type NamedField = (typeof NAMED_FIELDS)[number];

/** A field as the forms call it ("note" for `description`). */
export function fieldName(field: string, t: TFunction): string {
  return (NAMED_FIELDS as readonly string[]).includes(field)
    ? t(`sync.fields.${field as NamedField}`)
    : field.replace(/_/g, ' ');
}

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

export function phaseText(p: SyncProgress | null, locale: string, t: TFunction): string {
  if (!p || p.phase === 'connect') return t('sync.connecting');
  const what = tableName(p.table, t);
  // A push knows its size from the start: a long first sync says how much it sends.
  if (p.phase === 'push' && p.expected !== undefined && p.expected > 1)
    return t('sync.sendingCount', { what, count: p.expected, shown: numberText(p.expected, locale) });
  if (p.phase === 'push') return t('sync.sending', { what });
  if (p.phase === 'pull') return t('sync.receiving', { what });
  return t('sync.verifying', { what });
}

export function resultHeadline(r: SyncDoneEvent, t: TFunction): string {
  if (r.status === 'Success') return r.pushed + r.pulled === 0 ? t('sync.upToDate') : t('sync.complete');
  if (r.status === 'Partial') return t('sync.partly');
  return t('sync.failedHeadline');
}

/** A sync's status (Success, Partial, Failed, Running) in the reader's language. */
export function statusText(status: string, t: TFunction): string {
  return status === 'Success' || status === 'Partial' || status === 'Failed' || status === 'Running'
    ? t(`sync.statuses.${status}`)
    : status;
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
  t: TFunction,
  categoryName: (id: string) => string = (id) => id,
): string {
  if (v === null) return field === 'splits' ? t('sync.notSplit') : t('sync.empty');
  if (typeof v === 'number' && MONEY_FIELDS.has(field)) return fmt(v);
  if (field === 'deleted') return v ? t('sync.deletedValue') : t('sync.keptValue');
  if (field === 'category_id' && typeof v === 'string') return categoryName(v);
  if (field === 'tags' && typeof v === 'string') return listText(v, (x) => String(x)) ?? v;
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
