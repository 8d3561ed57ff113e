import type { RowStatus } from '../domain/accounts.js';
import type { Page, Transfer } from '../domain/entities.js';
import { newId } from '../domain/ids.js';
import { NotFoundError, ValidationError } from '../domain/validation.js';
import { requireUsableAccount } from './account-rules.js';
import type { LocalStore } from './local-store.js';
import { requireEditable, type EditOptions } from './reconciled-rows.js';
import { RowWriter } from './row-writer.js';
import { UndoJournal, type UndoOperation } from './undo-journal.js';

interface TransferRow {
  id: string;
  user_id: string;
  from_account_id: string;
  from_account_name: string;
  to_account_id: string;
  to_account_name: string;
  amount: number;
  transfer_date: string;
  description: string;
  from_status: RowStatus;
  to_status: RowStatus;
  modified_at: string;
}

const toTransfer = (r: TransferRow): Transfer => ({
  id: r.id,
  userId: r.user_id,
  fromAccountId: r.from_account_id,
  fromAccountName: r.from_account_name,
  toAccountId: r.to_account_id,
  toAccountName: r.to_account_name,
  amount: r.amount,
  date: r.transfer_date,
  note: r.description,
  fromStatus: r.from_status,
  toStatus: r.to_status,
  modifiedAt: r.modified_at,
});

export interface NewTransfer {
  readonly fromAccountId: string;
  readonly toAccountId: string;
  readonly amount: number;
  readonly date: string;
  readonly note?: string;
  /** Set by restores and derived rows that carry their own id. */
  readonly id?: string;
}

export type TransferPatch = Partial<Omit<NewTransfer, 'id'>>;

export interface TransferFilter {
  /** Transfers out of or into this account. */
  readonly accountId?: string;
  readonly from?: string;
  readonly to?: string;
  readonly limit?: number;
  readonly offset?: number;
}

// Accounts are joined whatever their state: a transfer whose account was deleted elsewhere still shows.
const SELECT_TRANSFER = `SELECT t.id, t.user_id, t.from_account_id, fa.name AS from_account_name, t.to_account_id,
    ta.name AS to_account_name, t.amount, t.transfer_date, t.description, t.from_status, t.to_status, t.modified_at
  FROM transfer t JOIN account fa ON fa.id = t.from_account_id JOIN account ta ON ta.id = t.to_account_id
  WHERE t.user_id = ? AND t.deleted = 0`;

/** Money moved between two of a user's accounts: one row each, never spending or income. */
export class TransferRepository {
  private readonly writer: RowWriter;
  constructor(private readonly store: LocalStore) {
    this.writer = new RowWriter(store);
  }

  create(userId: string, input: NewTransfer): Transfer {
    const id = input.id ?? newId();
    return this.store.transaction(() => {
      this.requireAccounts(userId, input.fromAccountId, input.toAccountId);
      this.writer.insert('transfer', id, {
        user_id: userId,
        from_account_id: input.fromAccountId,
        to_account_id: input.toAccountId,
        amount: input.amount,
        transfer_date: input.date,
        description: input.note ?? '',
        from_status: 'uncleared',
        to_status: 'uncleared',
      });
      return this.get(userId, id);
    });
  }

  get(userId: string, id: string): Transfer {
    const row = this.store.sql(`${SELECT_TRANSFER} AND t.id = ?`).get(userId, id) as TransferRow | undefined;
    if (!row) throw new NotFoundError(`no transfer with id ${id}`);
    return toTransfer(row);
  }

  /** The owner of a live transfer, for commands that name it by id alone. */
  ownerOf(id: string): string {
    const row = this.store.sql('SELECT user_id FROM transfer WHERE id = ? AND deleted = 0').get(id) as
      { user_id: string } | undefined;
    if (!row) throw new NotFoundError(`no transfer with id ${id}`);
    return row.user_id;
  }

  /** Live transfers, newest first. */
  list(userId: string, filter: TransferFilter = {}): Page<Transfer> {
    const where: string[] = [];
    const params: string[] = [userId];
    if (filter.accountId) {
      where.push('(t.from_account_id = ? OR t.to_account_id = ?)');
      params.push(filter.accountId, filter.accountId);
    }
    if (filter.from) {
      where.push('t.transfer_date >= ?');
      params.push(filter.from);
    }
    if (filter.to) {
      where.push('t.transfer_date <= ?');
      params.push(filter.to);
    }
    const whereSql = where.map((w) => ` AND ${w}`).join('');
    const limit = filter.limit ?? 50;
    const offset = filter.offset ?? 0;
    const rows = this.store
      .sql(`${SELECT_TRANSFER}${whereSql} ORDER BY t.transfer_date DESC, t.id DESC LIMIT ? OFFSET ?`)
      .all(...params, limit, offset) as TransferRow[];
    const { total } = this.store
      .sql(`SELECT count(*) AS total FROM (${SELECT_TRANSFER}${whereSql})`)
      .get(...params) as {
      total: number;
    };
    return { items: rows.map(toTransfer), total, limit, offset };
  }

  /** Change a transfer; one reconciled on either side changes only with `confirmReconciled`. */
  edit(userId: string, id: string, patch: TransferPatch, options: EditOptions = {}): Transfer {
    return this.store.transaction(() => {
      const current = this.get(userId, id);
      requireEditable(reconciledSide(current), patch, options);
      const fromId = patch.fromAccountId ?? current.fromAccountId;
      const toId = patch.toAccountId ?? current.toAccountId;
      if (fromId !== current.fromAccountId || toId !== current.toAccountId) {
        this.requireAccounts(
          userId,
          fromId,
          toId,
          patch.fromAccountId !== undefined && patch.fromAccountId !== current.fromAccountId,
          patch.toAccountId !== undefined && patch.toAccountId !== current.toAccountId,
        );
      }
      this.writer.update('transfer', id, {
        from_account_id: patch.fromAccountId,
        to_account_id: patch.toAccountId,
        amount: patch.amount,
        transfer_date: patch.date,
        description: patch.note,
      } as Record<string, string | number | null>);
      return this.get(userId, id);
    });
  }

  /** Delete a transfer; the answer is the undo journal's operation that brings it back. */
  delete(userId: string, id: string, options: EditOptions = {}): UndoOperation {
    return this.store.transaction(() => {
      const current = this.get(userId, id);
      requireEditable(reconciledSide(current), { deleted: true }, options);
      const label = `Delete transfer of ${current.date} (${current.note || `${current.fromAccountName} → ${current.toAccountName}`})`;
      return new UndoJournal(this.store).record(
        userId,
        () => label,
        (w) => w.tombstone('transfer', id),
      ).operation;
    });
  }

  /** Two different accounts of the user; the ones being newly named must be usable (live, not archived). */
  private requireAccounts(
    userId: string,
    fromId: string,
    toId: string,
    checkFrom = true,
    checkTo = true,
  ): void {
    if (fromId === toId)
      throw new ValidationError(
        'toAccountId',
        'toAccountId must differ from fromAccountId: a transfer moves money between two accounts',
      );
    if (checkFrom) requireUsableAccount(this.store, userId, fromId, 'fromAccountId');
    if (checkTo) requireUsableAccount(this.store, userId, toId, 'toAccountId');
  }
}

/** A transfer is reconciled when either of its sides is. */
function reconciledSide(t: Transfer): RowStatus {
  return t.fromStatus === 'reconciled' || t.toStatus === 'reconciled' ? 'reconciled' : 'uncleared';
}
