import { mainAccountId, type RowStatus } from '../domain/accounts.js';
import type { MoneyEvent, Page } from '../domain/entities.js';
import { newId } from '../domain/ids.js';
import type { CategoryKind } from '../domain/schemas.js';
import { NotFoundError } from '../domain/validation.js';
import { requireUsableAccount } from './account-rules.js';
import type { LocalStore } from './local-store.js';
import { requireEditable, type EditOptions } from './reconciled-rows.js';
import { RowWriter } from './row-writer.js';

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
}

export interface MoneyEventFilter {
  readonly from?: string;
  readonly to?: string;
  readonly categoryId?: string;
  readonly accountId?: string;
  readonly status?: RowStatus;
  readonly extra?: string;
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
  };
}

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
               x.account_id, a.name AS account_name, a.deleted AS account_deleted, x.status
        FROM ${spec.table} x JOIN category c ON c.id = x.category_id JOIN account a ON a.id = x.account_id
        WHERE x.user_id = ? AND x.deleted = 0) e`;
  }

  create(userId: string, input: NewMoneyEvent): T {
    const id = input.id ?? newId();
    return this.store.transaction(() => {
      this.requireCategory(userId, input.categoryId);
      const accountId = input.accountId ?? mainAccountId(userId);
      requireUsableAccount(this.store, userId, accountId, 'accountId');
      this.writer.insert(this.spec.table, id, {
        user_id: userId,
        category_id: input.categoryId,
        amount: input.amount,
        [this.spec.dateColumn]: input.date,
        [this.spec.extraColumn]: input.extra ?? null,
        description: input.note ?? '',
        account_id: accountId,
        status: input.status ?? 'uncleared',
      });
      return this.get(userId, id);
    });
  }

  get(userId: string, id: string): T {
    const row = this.store.sql(`${this.selectSql} WHERE e.id = ?`).get(userId, id) as EventRow | undefined;
    if (!row) throw new NotFoundError(`no ${this.spec.table} with id ${id}`);
    return this.toEntity(row);
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
      if (patch.categoryId !== undefined) this.requireCategory(userId, patch.categoryId);
      if (patch.accountId !== undefined && patch.accountId !== current.accountId)
        requireUsableAccount(this.store, userId, patch.accountId, 'accountId');
      this.writer.update(this.spec.table, id, {
        category_id: patch.categoryId,
        amount: patch.amount,
        [this.spec.dateColumn]: patch.date,
        [this.spec.extraColumn]: patch.extra,
        description: patch.note,
        account_id: patch.accountId,
        status,
      } as Record<string, string | number | null>);
      return this.get(userId, id);
    });
  }

  delete(userId: string, id: string, options: EditOptions = {}): void {
    this.store.transaction(() => {
      const current = this.get(userId, id);
      requireEditable(current.status, { deleted: true }, options);
      this.writer.tombstone(this.spec.table, id);
    });
  }

  /** One page of live events, filtered, sorted and paginated in SQL, with the total count of matches. */
  list(userId: string, filter: MoneyEventFilter = {}): Page<T> {
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
    if (filter.search) {
      const like = `%${filter.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      add(
        `(e.description LIKE ? ESCAPE '\\' OR e.category_name LIKE ? ESCAPE '\\' OR e.extra LIKE ? ESCAPE '\\')`,
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
    const { total } = this.store
      .sql(`SELECT count(*) AS total FROM (${this.selectSql}${whereSql})`)
      .get(...params) as {
      total: number;
    };
    return { items: rows.map(this.toEntity), total, limit, offset };
  }

  private requireCategory(userId: string, categoryId: string): void {
    const row = this.store
      .sql('SELECT 1 FROM category WHERE id = ? AND user_id = ? AND kind = ? AND deleted = 0')
      .get(categoryId, userId, this.spec.kind);
    if (!row) throw new NotFoundError(`no ${this.spec.kind} category with id ${categoryId}`);
  }
}
