import type { User } from '../domain/entities.js';
import { formatMoney } from '../domain/money.js';
import { parseSplits } from '../domain/splits.js';
import { parseTags } from '../domain/tags.js';
import { SYNCED_TABLES, TABLES, type FieldValue, type SyncedTable } from '../domain/tables.js';
import type { SyncConflict } from '../local/conflict-repository.js';
import type { LocalStore } from '../local/local-store.js';
import { localTimestamp } from '../sync/sync-logger.js';

/** Fields holding minor units of the user's currency. */
const MONEY_FIELDS = new Set(['amount', 'target_amount', 'limit_amount', 'opening_balance']);

/** For each table, the fields that tell a person which row it is (a date first, then a name or note). */
const ROW_LABEL_FIELDS: Readonly<Record<SyncedTable, readonly string[]>> = {
  app_user: ['name'],
  category: ['name'],
  account: ['name'],
  savings_goal: ['name'],
  expense: ['expense_date', 'description'],
  income: ['income_date', 'description'],
  transfer: ['transfer_date', 'description'],
  schedule: ['start_date', 'description'],
  budget: ['month', 'category_id'],
  goal_contribution: ['contributed_on', 'description'],
  sync_conflict: ['table_name', 'field_name'],
};

const TABLE_NAMES: Readonly<Record<SyncedTable, string>> = {
  app_user: 'user',
  category: 'category',
  account: 'account',
  savings_goal: 'goal',
  expense: 'expense',
  income: 'income',
  transfer: 'transfer',
  schedule: 'schedule',
  budget: 'budget',
  goal_contribution: 'contribution',
  sync_conflict: 'conflict',
};

type StoredRow = Readonly<Record<string, FieldValue>> & { readonly clock?: string };

/** One conflict as `pfm conflicts list` shows it to a person. */
export interface ConflictLine {
  readonly detected: string;
  readonly row: string;
  readonly field: string;
  readonly kept: string;
  readonly lost: string;
}

/**
 * Conflicts for people: amounts as money in the user's currency, text unquoted, categories by name, the row
 * named by its date and description, and for a delete that won over an edit, what that edit was.
 */
export class ConflictFormatter {
  constructor(
    private readonly store: LocalStore,
    private readonly user: User,
  ) {}

  line(c: SyncConflict): ConflictLine {
    const row = this.row(c.table, c.rowId);
    return {
      detected: localTimestamp(new Date(c.detectedAt)),
      row: this.rowLabel(c.table, row),
      field: c.field,
      kept: this.deleteField(c) ? 'deleted' : this.value(c.field, c.keptValue),
      lost: this.deleteField(c) ? this.lostEdit(c, row) : this.value(c.field, c.lostValue),
    };
  }

  /** A delete that won over an edit: the conflict is on `deleted`, kept 1, lost 0. */
  private deleteField(c: SyncConflict): boolean {
    return c.field === 'deleted' && c.keptValue === 1 && c.lostValue === 0;
  }

  /**
   * The edit a delete won over: the merge put the edit into the tombstone, so the row's fields whose clock is
   * the lost edit's clock are that edit.
   */
  private lostEdit(c: SyncConflict, row: StoredRow | null): string {
    const clock = row?.clock ? (JSON.parse(row.clock) as Record<string, string>) : {};
    const edited = TABLES[c.table].fields
      .map((f) => f.name)
      .filter((name) => name !== 'deleted' && clock[name] === c.lostHlc);
    if (!row || edited.length === 0) return 'an edit (kept the row)';
    return `edit: ${edited.map((name) => `${name} ${this.value(name, row[name] ?? null)}`).join(', ')}`;
  }

  private value(field: string, value: FieldValue): string {
    if (value === null) return field === 'splits' ? 'not split' : '(none)';
    if (MONEY_FIELDS.has(field) && typeof value === 'number')
      return formatMoney(value, this.user.currency, this.user.locale);
    if (field === 'category_id' && typeof value === 'string') return this.categoryName(value);
    if (field === 'splits' && typeof value === 'string') {
      const parts = parseSplits(value);
      if (parts) {
        return parts
          .map(
            (p) =>
              `${this.categoryName(p.categoryId)} ${formatMoney(p.amount, this.user.currency, this.user.locale)}`,
          )
          .join(' + ');
      }
    }
    if (field === 'tags' && typeof value === 'string') return (parseTags(value) ?? [value]).join(', ');
    if (field === 'deleted') return value === 1 ? 'deleted' : 'not deleted';
    return String(value);
  }

  private rowLabel(table: SyncedTable, row: StoredRow | null): string {
    if (!row) return TABLE_NAMES[table];
    const parts = ROW_LABEL_FIELDS[table].map((name) => this.value(name, row[name] ?? null));
    return `${TABLE_NAMES[table]} ${parts.join(' ')}`;
  }

  private categoryName(id: string): string {
    const row = this.row('category', id);
    return typeof row?.name === 'string' ? row.name : id;
  }

  private row(table: SyncedTable, id: string): StoredRow | null {
    // The table name comes from the fixed list of synced tables, never from the conflict's text as such.
    if (!SYNCED_TABLES.includes(table)) return null;
    const found = this.store.sql(`SELECT * FROM ${table} WHERE id = ?`).get(id) as StoredRow | undefined;
    return found ?? null;
  }
}
