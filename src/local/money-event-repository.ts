import { mainAccountId, type RowStatus } from '../domain/accounts.js';
import type { MoneyEvent, Page, SplitPartView } from '../domain/entities.js';
import { newId } from '../domain/ids.js';
import type { CategoryKind } from '../domain/schemas.js';
import { checkSplits, parseSplits, serializeSplits, type SplitPart } from '../domain/splits.js';
import { normalizeTags, parseTags, serializeTags } from '../domain/tags.js';
import { NotFoundError, ValidationError } from '../domain/validation.js';
import { requireUsableAccount } from './account-rules.js';
import type { LocalStore } from './local-store.js';
import { requireEditable, type EditOptions } from './reconciled-rows.js';
import { RowWriter } from './row-writer.js';
import { UndoJournal, type UndoOperation } from './undo-journal.js';

/** Expenses and income share one shape: a dated amount in a category, plus a method or a source. */
export interface MoneyEventSpec {
  readonly table: 'expense' | 'income';
  readonly dateColumn: 'expense_date' | 'income_date';
  readonly extraColumn: 'payment_method' | 'source';
  readonly kind: CategoryKind;
}

export interface NewMoneyEvent {
  readonly categoryId: string;
  readonly amount: number;
  readonly date: string;
  readonly extra?: string | null;
  readonly note?: string;
  /** The account it moved money of; the user's first account when omitted. */
  readonly accountId?: string;
  readonly status?: RowStatus;
  readonly payee?: string | null;
  readonly tags?: readonly string[];
  /** Parts summing to `amount`; the row's category becomes the first part's (`categoryId` is ignored). */
  readonly splits?: readonly SplitPart[] | null;
  /** Set by imports and restores that carry their own id. */
  readonly id?: string;
}

export interface MoneyEventPatch {
  readonly categoryId?: string;
  readonly amount?: number;
  readonly date?: string;
  readonly extra?: string | null;
  readonly note?: string;
  readonly accountId?: string;
  readonly status?: RowStatus;
  /** null clears it. */
  readonly payee?: string | null;
  /** The whole new list ([] for none). */
  readonly tags?: readonly string[];
  /**
   * New parts (the row's category becomes the first part's), or null to stop splitting (the row keeps
   * `categoryId`, or the first part's category). A split row's amount or category changes only with new parts.
   */
  readonly splits?: readonly SplitPart[] | null;
}

export interface MoneyEventFilter {
  readonly from?: string;
  readonly to?: string;
  readonly categoryId?: string;
  readonly accountId?: string;
  readonly status?: RowStatus;
  readonly extra?: string;
  /** Rows carrying this tag (ignoring case). */
  readonly tag?: string;
  readonly payee?: string;
  readonly search?: string;
  readonly sort?: 'date' | 'amount' | 'category';
  readonly order?: 'asc' | 'desc';
  readonly limit?: number;
  readonly offset?: number;
}

export interface EventRow {
  id: string;
  user_id: string;
  category_id: string;
  category_name: string;
  category_deleted: number;
  amount: number;
  event_date: string;
  extra: string | null;
  description: string;
  modified_at: string;
  account_id: string;
  account_name: string;
  account_deleted: number;
  status: RowStatus;
  payee: string | null;
  tags: string | null;
  splits: string | null;
}

/** The fields every expense and income has, from its row. */
export function moneyEventOf(r: EventRow): MoneyEvent {
  return {
    id: r.id,
    userId: r.user_id,
    categoryId: r.category_id,
    categoryName: r.category_name,
    categoryDeleted: r.category_deleted === 1,
    amount: r.amount,
    date: r.event_date,
    note: r.description,
    modifiedAt: r.modified_at,
    accountId: r.account_id,
    accountName: r.account_name,
    accountDeleted: r.account_deleted === 1,
    status: r.status,
    payee: r.payee,
    tags: (r.tags === null ? [] : parseTags(r.tags)) ?? [],
    splits: null,
  };
}

/** What a stored split names, for display: each part with its category's name. */
type CategoryNames = (ids: readonly string[]) => ReadonlyMap<string, string>;

// Sort keys map to fixed SQL expressions; the id breaks ties so pages never overlap.
const SORT_SQL = {
  date: 'e.event_date',
  amount: 'e.amount',
  category: 'category_name COLLATE NOCASE',
} as const;

export class MoneyEventRepository<T extends MoneyEvent> {
  private readonly writer: RowWriter;
  private readonly selectSql: string;

  constructor(
    private readonly store: LocalStore,
    private readonly spec: MoneyEventSpec,
    private readonly toEntity: (row: EventRow) => T,
  ) {
    this.writer = new RowWriter(store);
    this.selectSql = `SELECT * FROM (
        SELECT x.id, x.user_id, x.category_id, c.name AS category_name, c.deleted AS category_deleted, x.amount,
               x.${spec.dateColumn} AS event_date, x.${spec.extraColumn} AS extra, x.description, x.modified_at,
               x.account_id, a.name AS account_name, a.deleted AS account_deleted, x.status,
               x.payee, x.tags, x.splits
        FROM ${spec.table} x JOIN category c ON c.id = x.category_id JOIN account a ON a.id = x.account_id
        WHERE x.user_id = ? AND x.deleted = 0) e`;
  }

  create(userId: string, input: NewMoneyEvent): T {
    const id = input.id ?? newId();
    return this.store.transaction(() => {
      const parts = input.splits ? this.checkedParts(userId, input.splits, input.amount) : null;
      const categoryId = parts?.[0]?.categoryId ?? input.categoryId;
      this.requireCategory(userId, categoryId);
      const accountId = input.accountId ?? mainAccountId(userId);
      requireUsableAccount(this.store, userId, accountId, 'accountId');
      this.writer.insert(this.spec.table, id, {
        user_id: userId,
        category_id: categoryId,
        amount: input.amount,
        [this.spec.dateColumn]: input.date,
        [this.spec.extraColumn]: input.extra ?? null,
        description: input.note ?? '',
        account_id: accountId,
        status: input.status ?? 'uncleared',
        payee: payeeValue(input.payee),
        tags: serializeTags(normalizeTags(input.tags ?? [])),
        splits: parts ? serializeSplits(parts) : null,
      });
      return this.get(userId, id);
    });
  }

  get(userId: string, id: string): T {
    const row = this.store.sql(`${this.selectSql} WHERE e.id = ?`).get(userId, id) as EventRow | undefined;
    if (!row) throw new NotFoundError(`no ${this.spec.table} with id ${id}`);
    return this.withSplits([row])[0] as T;
  }

  /** The owner of a live event, for commands that name it by id alone. */
  ownerOf(id: string): string {
    const row = this.store
      .sql(`SELECT user_id FROM ${this.spec.table} WHERE id = ? AND deleted = 0`)
      .get(id) as { user_id: string } | undefined;
    if (!row) throw new NotFoundError(`no ${this.spec.table} with id ${id}`);
    return row.user_id;
  }

  /**
   * Change an event. A reconciled one (the bank agreed on it) changes only with `confirmReconciled`, but for
   * its status alone (un-reconciling is how a person reopens it).
   */
  edit(userId: string, id: string, patch: MoneyEventPatch, options: EditOptions = {}): T {
    return this.store.transaction(() => {
      const current = this.get(userId, id);
      const { status, ...rest } = patch;
      requireEditable(current.status, rest, options);
      if (patch.accountId !== undefined && patch.accountId !== current.accountId)
        requireUsableAccount(this.store, userId, patch.accountId, 'accountId');
      const split = this.splitChange(userId, current, patch);
      this.requireCategory(userId, split.category_id);
      this.writer.update(this.spec.table, id, {
        ...split,
        [this.spec.dateColumn]: patch.date,
        [this.spec.extraColumn]: patch.extra,
        description: patch.note,
        account_id: patch.accountId,
        status,
        payee: patch.payee === undefined ? undefined : payeeValue(patch.payee),
        tags: patch.tags === undefined ? undefined : serializeTags(normalizeTags(patch.tags)),
      } as Record<string, string | number | null>);
      return this.get(userId, id);
    });
  }

  /**
   * The amount, category and parts after a patch. A split row's amount and category follow its parts, so
   * changing either alone would break them: that needs new parts, or the split removed.
   */
  private splitChange(
    userId: string,
    current: MoneyEvent,
    patch: MoneyEventPatch,
  ): { amount: number; category_id: string; splits: string | null } {
    const amount = patch.amount ?? current.amount;
    if (patch.splits) {
      const parts = this.checkedParts(userId, patch.splits, amount);
      return { amount, category_id: (parts[0] as SplitPart).categoryId, splits: serializeSplits(parts) };
    }
    if (patch.splits === undefined && current.splits !== null) {
      if (patch.amount !== undefined && patch.amount !== current.amount) {
        throw new ValidationError(
          'amount',
          `this ${this.spec.table} is split: give its parts again so that they add up to the new amount`,
        );
      }
      if (patch.categoryId !== undefined && patch.categoryId !== current.categoryId) {
        throw new ValidationError(
          'categoryId',
          `this ${this.spec.table} is split: change the categories of its parts, or remove the split`,
        );
      }
      return {
        amount,
        category_id: current.categoryId,
        splits: serializeSplits(current.splits.map((p) => ({ ...p }))),
      };
    }
    return { amount, category_id: patch.categoryId ?? current.categoryId, splits: null };
  }

  /** Parts a person entered: each in a live category of this kind, together adding up to the amount. */
  private checkedParts(userId: string, parts: readonly SplitPart[], amount: number): SplitPart[] {
    const checked = checkSplits(parts, amount);
    for (const [i, p] of checked.entries()) {
      const row = this.store
        .sql('SELECT 1 FROM category WHERE id = ? AND user_id = ? AND kind = ? AND deleted = 0')
        .get(p.categoryId, userId, this.spec.kind);
      if (!row)
        throw new ValidationError('splits', `part ${i + 1} of the split names no ${this.spec.kind} category`);
    }
    return checked;
  }

  /** Entities of rows, a split row's parts named with their categories (one query for the whole page). */
  private withSplits(rows: readonly EventRow[]): T[] {
    const parsed = rows.map((r) => (r.splits === null ? null : parseSplits(r.splits)));
    const ids = [...new Set(parsed.flatMap((p) => (p ?? []).map((x) => x.categoryId)))];
    const names = ids.length === 0 ? new Map<string, string>() : this.categoryNames(ids);
    return rows.map((r, i) => {
      const parts = parsed[i];
      const entity = this.toEntity(r);
      if (!parts) return entity;
      const splits: SplitPartView[] = parts.map((p) => ({
        ...p,
        categoryName: names.get(p.categoryId) ?? '',
      }));
      return { ...entity, splits };
    });
  }

  private readonly categoryNames: CategoryNames = (ids) => {
    const rows = this.store
      .sql(`SELECT id, name FROM category WHERE id IN (SELECT value FROM json_each(?))`)
      .all(JSON.stringify(ids)) as { id: string; name: string }[];
    return new Map(rows.map((r) => [r.id, r.name]));
  };

  /** Delete an event; the answer is the undo journal's operation that brings it back. */
  delete(userId: string, id: string, options: EditOptions = {}): UndoOperation {
    return this.store.transaction(() => {
      const current = this.get(userId, id);
      requireEditable(current.status, { deleted: true }, options);
      const label = `Delete ${this.spec.table} of ${current.date} (${current.note || current.categoryName})`;
      return new UndoJournal(this.store).record(
        userId,
        () => label,
        (w) => w.tombstone(this.spec.table, id),
      ).operation;
    });
  }

  /** One page of live events, filtered, sorted and paginated in SQL, with the total count of matches. */
  list(userId: string, filter: MoneyEventFilter = {}): Page<T> & { readonly sum: number } {
    const where: string[] = [];
    const params: (string | number)[] = [userId];
    const add = (clause: string, ...values: (string | number)[]) => {
      where.push(clause);
      params.push(...values);
    };
    if (filter.from) add('e.event_date >= ?', filter.from);
    if (filter.to) add('e.event_date <= ?', filter.to);
    if (filter.categoryId) add('e.category_id = ?', filter.categoryId);
    if (filter.accountId) add('e.account_id = ?', filter.accountId);
    if (filter.status) add('e.status = ?', filter.status);
    if (filter.extra) add('e.extra = ? COLLATE NOCASE', filter.extra);
    if (filter.payee) add('e.payee = ? COLLATE NOCASE', filter.payee);
    if (filter.tag)
      add('EXISTS (SELECT 1 FROM json_each(e.tags) g WHERE g.value = ? COLLATE NOCASE)', filter.tag);
    if (filter.search) {
      const like = `%${filter.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      add(
        `(e.description LIKE ? ESCAPE '\\' OR e.category_name LIKE ? ESCAPE '\\' OR e.extra LIKE ? ESCAPE '\\'` +
          ` OR e.payee LIKE ? ESCAPE '\\')`,
        like,
        like,
        like,
        like,
      );
    }
    const whereSql = where.length ? ` WHERE ${where.join(' AND ')}` : '';
    const limit = filter.limit ?? 50;
    const offset = filter.offset ?? 0;
    const order = filter.order === 'asc' ? 'ASC' : 'DESC';
    const sortSql = SORT_SQL[filter.sort ?? 'date'];
    const rows = this.store
      .sql(`${this.selectSql}${whereSql} ORDER BY ${sortSql} ${order}, e.id ${order} LIMIT ? OFFSET ?`)
      .all(...params, limit, offset) as EventRow[];
    // The count and the sum of every match in one pass: the page shows what the whole filter adds up to.
    const { total, sum } = this.store
      .sql(`SELECT count(*) AS total, coalesce(sum(amount), 0) AS sum FROM (${this.selectSql}${whereSql})`)
      .get(...params) as { total: number; sum: number };
    return { items: this.withSplits(rows), total, sum, limit, offset };
  }

  /** The payees of a user's rows of this kind, most used first: what the form suggests as one types. */
  payees(userId: string, prefix = '', limit = 20): string[] {
    const like = `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const rows = this.store
      .sql(
        `SELECT payee FROM ${this.spec.table}
         WHERE user_id = ? AND deleted = 0 AND payee IS NOT NULL AND payee LIKE ? ESCAPE '\\'
         GROUP BY payee ORDER BY count(*) DESC, payee LIMIT ?`,
      )
      .all(userId, like, limit) as { payee: string }[];
    return rows.map((r) => r.payee);
  }

  /** Every tag on a user's live rows of this kind, with how many rows carry it. */
  tagCounts(userId: string): { tag: string; count: number }[] {
    return this.store
      .sql(
        `SELECT g.value AS tag, count(*) AS count FROM ${this.spec.table} x, json_each(x.tags) g
         WHERE x.user_id = ? AND x.deleted = 0 AND x.tags IS NOT NULL
         GROUP BY g.value ORDER BY count(*) DESC, g.value`,
      )
      .all(userId) as { tag: string; count: number }[];
  }

  private requireCategory(userId: string, categoryId: string): void {
    const row = this.store
      .sql('SELECT 1 FROM category WHERE id = ? AND user_id = ? AND kind = ? AND deleted = 0')
      .get(categoryId, userId, this.spec.kind);
    if (!row) throw new NotFoundError(`no ${this.spec.kind} category with id ${categoryId}`);
  }
}

/** A payee as stored: trimmed, and null for none. */
function payeeValue(payee: string | null | undefined): string | null {
  const text = payee?.trim() ?? '';
  if (text.length > 120) throw new ValidationError('payee', 'payee must be at most 120 characters');
  return text === '' ? null : text;
}
