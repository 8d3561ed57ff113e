import { firstAccountValues, mainAccountId, type AccountKind, type RowStatus } from '../domain/accounts.js';
import { reconcile, type ReconcileResult } from '../domain/accounts.js';
import type { Account, Page, RegisterEntry } from '../domain/entities.js';
import { newId } from '../domain/ids.js';
import { NotFoundError, ValidationError } from '../domain/validation.js';
import { MOVEMENTS_SQL, movementParams } from './account-movements.js';
import type { LocalStore } from './local-store.js';
import { RowWriter } from './row-writer.js';
import { UndoJournal, type UndoOperation } from './undo-journal.js';

interface AccountRow {
  id: string;
  user_id: string;
  name: string;
  account_kind: AccountKind;
  opening_balance: number;
  opening_date: string | null;
  on_budget: number;
  archived: number;
  deleted: number;
  balance: number;
  cleared_balance: number;
}

const toAccount = (r: AccountRow): Account => ({
  id: r.id,
  userId: r.user_id,
  name: r.name,
  kind: r.account_kind,
  openingBalance: r.opening_balance,
  openingDate: r.opening_date,
  onBudget: r.on_budget === 1,
  archived: r.archived === 1,
  deleted: r.deleted === 1,
  balance: r.balance,
  clearedBalance: r.cleared_balance,
});

export interface NewAccount {
  readonly name: string;
  readonly kind: AccountKind;
  readonly openingBalance?: number;
  readonly openingDate?: string | null;
  readonly onBudget?: boolean;
}

export interface AccountPatch {
  readonly name?: string;
  readonly kind?: AccountKind;
  readonly openingBalance?: number;
  readonly openingDate?: string | null;
  readonly onBudget?: boolean;
  readonly archived?: boolean;
}

/** What a reconcile did: the comparison, and how many cleared rows became reconciled (0 unless it matched). */
export interface ReconcileOutcome extends ReconcileResult {
  readonly reconciled: number;
}

/**
 * Balances at the end of `?` (a date), over the user's movements: the opening balance counts once its date is
 * reached (always when it has none); the cleared balance counts the opening and every row the bank has seen.
 * Parameters: date, date, the movements' user ids, date, user id.
 */
const SELECT_ACCOUNTS = `
  WITH m AS (${MOVEMENTS_SQL}),
  t AS (SELECT account_id,
               sum(CASE WHEN date <= ? THEN amount ELSE 0 END) AS moved,
               sum(CASE WHEN status <> 'uncleared' THEN amount ELSE 0 END) AS cleared
        FROM m GROUP BY account_id)
  SELECT a.id, a.user_id, a.name, a.account_kind, a.opening_balance, a.opening_date, a.on_budget, a.archived,
         a.deleted,
         coalesce(t.moved, 0)
           + CASE WHEN a.opening_date IS NULL OR a.opening_date <= ? THEN a.opening_balance ELSE 0 END
           AS balance,
         coalesce(t.cleared, 0) + a.opening_balance AS cleared_balance
  FROM account a LEFT JOIN t ON t.account_id = a.id
  WHERE a.user_id = ?`;

/** A user's accounts: where the money is, what each holds, and reconciling them against the bank. */
export class AccountRepository {
  private readonly writer: RowWriter;
  constructor(private readonly store: LocalStore) {
    this.writer = new RowWriter(store);
  }

  /**
   * A user's first account, with the user's own id so every device derives the same row (made with the
   * user, and by the migration that brought accounts for earlier users).
   */
  createMain(userId: string): void {
    this.writer.insert('account', mainAccountId(userId), firstAccountValues(userId));
  }

  create(userId: string, input: NewAccount): Account {
    const id = newId();
    return this.store.transaction(() => {
      this.requireFreeName(userId, input.name);
      this.writer.insert('account', id, {
        user_id: userId,
        name: input.name,
        account_kind: input.kind,
        opening_balance: input.openingBalance ?? 0,
        opening_date: input.openingDate ?? null,
        on_budget: input.onBudget === false ? 0 : 1,
        archived: 0,
      });
      return this.get(userId, id);
    });
  }

  /** An account of the user, live or deleted elsewhere (rows may still show under it). */
  get(userId: string, id: string): Account {
    const row = this.select(userId, ' AND a.id = ?', [id])[0];
    if (!row) throw new NotFoundError(`no account with id ${id}`);
    return row;
  }

  /** The live accounts, archived ones last (or left out), by name. */
  list(userId: string, options: { readonly includeArchived?: boolean } = {}): Account[] {
    const archived = options.includeArchived ? '' : ' AND a.archived = 0';
    return this.select(
      userId,
      ` AND a.deleted = 0${archived} ORDER BY a.archived, a.name COLLATE NOCASE, a.id`,
      [],
    );
  }

  /** A live account by id, or by name when the name is unambiguous. */
  resolve(userId: string, idOrName: string): Account {
    const rows = this.select(userId, ' AND a.deleted = 0 AND (a.id = ? OR lower(a.name) = lower(?))', [
      idOrName,
      idOrName,
    ]);
    const byId = rows.find((a) => a.id === idOrName);
    if (byId) return byId;
    const [first] = rows;
    if (!first) throw new NotFoundError(`no account "${idOrName}"`);
    if (rows.length > 1) throw new NotFoundError(`several accounts are named "${idOrName}": use the id`);
    return first;
  }

  /** The owner of a live account, for commands that name it by id alone. */
  ownerOf(id: string): string {
    const row = this.store.sql('SELECT user_id FROM account WHERE id = ? AND deleted = 0').get(id) as
      { user_id: string } | undefined;
    if (!row) throw new NotFoundError(`no account with id ${id}`);
    return row.user_id;
  }

  /** Change an account. An opening date after a row of the account is refused: the row would predate it. */
  edit(userId: string, id: string, patch: AccountPatch): Account {
    return this.store.transaction(() => {
      const current = this.requireLive(userId, id);
      if (patch.name !== undefined && patch.name.toLowerCase() !== current.name.toLowerCase())
        this.requireFreeName(userId, patch.name);
      if (patch.openingDate) {
        const first = this.firstRowDate(userId, id);
        if (first !== null && first < patch.openingDate) {
          throw new ValidationError(
            'openingDate',
            `openingDate must be on or before ${first}, the date of the account's first row`,
          );
        }
      }
      const flag = (v: boolean | undefined) => (v === undefined ? undefined : v ? 1 : 0);
      this.writer.update('account', id, {
        name: patch.name,
        account_kind: patch.kind,
        opening_balance: patch.openingBalance,
        opening_date: patch.openingDate,
        on_budget: flag(patch.onBudget),
        archived: flag(patch.archived),
      } as Record<string, string | number | null>);
      return this.get(userId, id);
    });
  }

  /** Delete an account that holds nothing; one that holds rows is refused (archive it instead). */
  delete(userId: string, id: string): UndoOperation {
    return this.store.transaction(() => {
      const account = this.requireLive(userId, id);
      const used = this.rowCount(userId, id);
      if (used > 0) {
        throw new ValidationError(
          'id',
          `account "${account.name}" holds ${used} row${used === 1 ? '' : 's'}: archive it instead of deleting it`,
        );
      }
      return new UndoJournal(this.store).record(
        userId,
        () => `Delete account ${account.name}`,
        (w) => w.tombstone('account', id),
      ).operation;
    });
  }

  /**
   * An account's register: its rows, newest first, each with the balance after it; the opening balance is a
   * line of its own (kind "opening") where it is not zero.
   */
  register(
    userId: string,
    accountId: string,
    page: { readonly limit?: number; readonly offset?: number } = {},
  ): Page<RegisterEntry> {
    const account = this.get(userId, accountId);
    const limit = page.limit ?? 100;
    const offset = page.offset ?? 0;
    const lines = `
      SELECT 0 AS sort, 'opening' AS kind, a.id, coalesce(a.opening_date, '0000-01-01') AS date,
             a.opening_balance AS amount, '' AS counterpart, 'Opening balance' AS note, 'reconciled' AS status
        FROM account a WHERE a.id = ? AND a.opening_balance <> 0
      UNION ALL
      SELECT 1, 'expense', x.id, x.expense_date, -x.amount, c.name, x.description, x.status
        FROM expense x JOIN category c ON c.id = x.category_id
        WHERE x.user_id = ? AND x.account_id = ? AND x.deleted = 0
      UNION ALL
      SELECT 1, 'income', x.id, x.income_date, x.amount, c.name, x.description, x.status
        FROM income x JOIN category c ON c.id = x.category_id
        WHERE x.user_id = ? AND x.account_id = ? AND x.deleted = 0
      UNION ALL
      SELECT 1, 'transfer', t.id, t.transfer_date, -t.amount, o.name, t.description, t.from_status
        FROM transfer t JOIN account o ON o.id = t.to_account_id
        WHERE t.user_id = ? AND t.from_account_id = ? AND t.deleted = 0
      UNION ALL
      SELECT 1, 'transfer', t.id, t.transfer_date, t.amount, o.name, t.description, t.to_status
        FROM transfer t JOIN account o ON o.id = t.from_account_id
        WHERE t.user_id = ? AND t.to_account_id = ? AND t.deleted = 0`;
    const params = [accountId, ...Array.from({ length: 4 }, () => [userId, accountId]).flat()];
    const rows = this.store
      .sql(
        `SELECT kind, id, date, amount, counterpart, note, status,
                sum(amount) OVER (ORDER BY date, sort, kind, id ROWS UNBOUNDED PRECEDING) AS balance
         FROM (${lines}) ORDER BY date DESC, sort DESC, kind DESC, id DESC LIMIT ? OFFSET ?`,
      )
      .all(...params, limit, offset) as RegisterEntry[];
    const { total } = this.store.sql(`SELECT count(*) AS total FROM (${lines})`).get(...params) as {
      total: number;
    };
    const items = rows.map((r) => (r.kind === 'opening' ? { ...r, date: account.openingDate ?? '' } : r));
    return { items, total, limit, offset };
  }

  /**
   * Mark this account's side of a row cleared, uncleared or reconciled (a transfer has a side in each of its
   * two accounts).
   */
  setStatus(
    userId: string,
    accountId: string,
    kind: 'expense' | 'income' | 'transfer',
    id: string,
    status: RowStatus,
  ): void {
    this.store.transaction(() => {
      if (kind === 'transfer') {
        const row = this.store
          .sql(
            'SELECT from_account_id, to_account_id FROM transfer WHERE id = ? AND user_id = ? AND deleted = 0',
          )
          .get(id, userId) as { from_account_id: string; to_account_id: string } | undefined;
        if (!row || (row.from_account_id !== accountId && row.to_account_id !== accountId))
          throw new NotFoundError(`no transfer with id ${id} in this account`);
        this.writer.update('transfer', id, {
          [row.from_account_id === accountId ? 'from_status' : 'to_status']: status,
        });
        return;
      }
      const row = this.store
        .sql(`SELECT 1 FROM ${kind} WHERE id = ? AND user_id = ? AND account_id = ? AND deleted = 0`)
        .get(id, userId, accountId);
      if (!row) throw new NotFoundError(`no ${kind} with id ${id} in this account`);
      this.writer.update(kind, id, { status });
    });
  }

  /**
   * Compare the bank statement's balance with the cleared balance. When they agree (and `commit`), every
   * cleared row of the account becomes reconciled, in one transaction.
   */
  reconcile(userId: string, accountId: string, statementBalance: number, commit = true): ReconcileOutcome {
    return this.store.transaction(() => {
      const account = this.requireLive(userId, accountId);
      const result = reconcile(account.clearedBalance, statementBalance);
      if (result.difference !== 0 || !commit) return { ...result, reconciled: 0 };
      let reconciled = 0;
      for (const table of ['expense', 'income'] as const) {
        const ids = this.store
          .sql(
            `SELECT id FROM ${table} WHERE user_id = ? AND account_id = ? AND status = 'cleared' AND deleted = 0`,
          )
          .all(userId, accountId) as { id: string }[];
        for (const { id } of ids) if (this.writer.update(table, id, { status: 'reconciled' })) reconciled++;
      }
      for (const side of ['from', 'to'] as const) {
        const ids = this.store
          .sql(
            `SELECT id FROM transfer WHERE user_id = ? AND ${side}_account_id = ? AND ${side}_status = 'cleared'
             AND deleted = 0`,
          )
          .all(userId, accountId) as { id: string }[];
        for (const { id } of ids)
          if (this.writer.update('transfer', id, { [`${side}_status`]: 'reconciled' })) reconciled++;
      }
      return { ...result, reconciled };
    });
  }

  private select(userId: string, where: string, params: unknown[]): Account[] {
    const today = this.store.now().toISOString().slice(0, 10);
    const rows = this.store
      .sql(`${SELECT_ACCOUNTS}${where}`)
      .all(...movementParams(userId), today, today, userId, ...params) as AccountRow[];
    return rows.map(toAccount);
  }

  /** People find accounts by name, so two live accounts of one user never share one (in any case). */
  private requireFreeName(userId: string, name: string): void {
    const taken = this.list(userId, { includeArchived: true }).find(
      (a) => a.name.toLowerCase() === name.toLowerCase(),
    );
    if (taken) throw new ValidationError('name', `an account named "${taken.name}" already exists`);
  }

  private requireLive(userId: string, id: string): Account {
    const account = this.get(userId, id);
    if (account.deleted) throw new NotFoundError(`no account with id ${id}`);
    return account;
  }

  /** Live rows that name the account: expenses, income, transfers either way, and goals kept in it. */
  private rowCount(userId: string, id: string): number {
    const { n } = this.store
      .sql(
        `SELECT (SELECT count(*) FROM expense WHERE user_id = ? AND account_id = ? AND deleted = 0)
              + (SELECT count(*) FROM income WHERE user_id = ? AND account_id = ? AND deleted = 0)
              + (SELECT count(*) FROM transfer WHERE user_id = ? AND deleted = 0
                   AND (from_account_id = ? OR to_account_id = ?))
              + (SELECT count(*) FROM savings_goal WHERE user_id = ? AND account_id = ? AND deleted = 0) AS n`,
      )
      .get(userId, id, userId, id, userId, id, id, userId, id) as { n: number };
    return n;
  }

  private firstRowDate(userId: string, id: string): string | null {
    const { first } = this.store
      .sql(`SELECT min(date) AS first FROM (${MOVEMENTS_SQL}) WHERE account_id = ?`)
      .get(...movementParams(userId), id) as { first: string | null };
    return first;
  }
}
