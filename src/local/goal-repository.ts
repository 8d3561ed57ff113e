import type { GoalContribution, SavingsGoal } from '../domain/entities.js';
import { mainAccountId } from '../domain/accounts.js';
import { naturalId, newId } from '../domain/ids.js';
import { NotFoundError } from '../domain/validation.js';
import type { LocalStore } from './local-store.js';
import { requireUsableAccount } from './account-rules.js';
import { RowWriter } from './row-writer.js';
import { UndoJournal, type UndoOperation } from './undo-journal.js';
import { TransferRepository } from './transfer-repository.js';

interface GoalRow {
  id: string;
  user_id: string;
  name: string;
  target_amount: number;
  target_date: string | null;
  created_on: string;
  saved: number;
  account_id: string | null;
  account_name: string | null;
}

interface ContributionRow {
  id: string;
  goal_id: string;
  amount: number;
  contributed_on: string;
  description: string;
}

const toGoal = (r: GoalRow): SavingsGoal => ({
  id: r.id,
  userId: r.user_id,
  name: r.name,
  target: r.target_amount,
  targetDate: r.target_date,
  createdOn: r.created_on,
  saved: r.saved,
  accountId: r.account_id,
  accountName: r.account_name,
});

const toContribution = (r: ContributionRow): GoalContribution => ({
  id: r.id,
  goalId: r.goal_id,
  amount: r.amount,
  date: r.contributed_on,
  note: r.description,
});

// The saved amount is always the sum of contributions, never a stored running total (docs/architecture.md).
const SELECT_GOAL = `SELECT g.*, coalesce((SELECT sum(amount) FROM goal_contribution gc
    WHERE gc.goal_id = g.id AND gc.deleted = 0), 0) AS saved, a.name AS account_name
  FROM savings_goal g LEFT JOIN account a ON a.id = g.account_id`;

export interface NewGoal {
  readonly name: string;
  readonly target: number;
  readonly targetDate?: string | null;
  /** The account that holds the goal's money; null (or left out) for none. */
  readonly accountId?: string | null;
}

/** Savings goals and their append-only contributions. */
export class GoalRepository {
  private readonly writer: RowWriter;
  constructor(private readonly store: LocalStore) {
    this.writer = new RowWriter(store);
  }

  create(userId: string, input: NewGoal): SavingsGoal {
    const id = newId();
    return this.store.transaction(() => {
      if (input.accountId) requireUsableAccount(this.store, userId, input.accountId, 'accountId');
      this.writer.insert('savings_goal', id, {
        user_id: userId,
        name: input.name,
        target_amount: input.target,
        target_date: input.targetDate ?? null,
        created_on: this.store.now().toISOString().slice(0, 10),
        account_id: input.accountId ?? null,
      });
      return this.get(userId, id);
    });
  }

  get(userId: string, id: string): SavingsGoal {
    const row = this.store
      .sql(`${SELECT_GOAL} WHERE g.id = ? AND g.user_id = ? AND g.deleted = 0`)
      .get(id, userId) as GoalRow | undefined;
    if (!row) throw new NotFoundError(`no savings goal with id ${id}`);
    return toGoal(row);
  }

  /** A goal by id, or by name when the name is unambiguous. */
  resolve(userId: string, idOrName: string): SavingsGoal {
    const rows = this.store
      .sql(`${SELECT_GOAL} WHERE g.user_id = ? AND g.deleted = 0 AND (g.id = ? OR lower(g.name) = lower(?))`)
      .all(userId, idOrName, idOrName) as GoalRow[];
    const [first] = rows;
    if (!first) throw new NotFoundError(`no savings goal "${idOrName}"`);
    if (rows.length > 1) throw new NotFoundError(`several goals are named "${idOrName}": use the id`);
    return toGoal(first);
  }

  /** The owner of a goal, for commands that name a goal by id alone. */
  ownerOf(goalId: string): string {
    const row = this.store
      .sql('SELECT user_id FROM savings_goal WHERE id = ? AND deleted = 0')
      .get(goalId) as { user_id: string } | undefined;
    if (!row) throw new NotFoundError(`no savings goal with id ${goalId}`);
    return row.user_id;
  }

  list(userId: string): SavingsGoal[] {
    const rows = this.store
      .sql(`${SELECT_GOAL} WHERE g.user_id = ? AND g.deleted = 0 ORDER BY g.name COLLATE NOCASE`)
      .all(userId) as GoalRow[];
    return rows.map(toGoal);
  }

  edit(userId: string, id: string, patch: Partial<NewGoal>): SavingsGoal {
    return this.store.transaction(() => {
      const current = this.get(userId, id);
      if (patch.accountId && patch.accountId !== current.accountId)
        requireUsableAccount(this.store, userId, patch.accountId, 'accountId');
      this.writer.update('savings_goal', id, {
        name: patch.name,
        target_amount: patch.target,
        target_date: patch.targetDate,
        account_id: patch.accountId,
      } as Record<string, string | number | null>);
      return this.get(userId, id);
    });
  }

  delete(userId: string, id: string): UndoOperation {
    return this.store.transaction(() => {
      const goal = this.get(userId, id);
      return new UndoJournal(this.store).record(
        userId,
        () => `Delete goal ${goal.name}`,
        (w) => w.tombstone('savings_goal', id),
      ).operation;
    });
  }

  /**
   * Add to a goal. When the goal has an account, the money moves there: a transfer from `fromAccountId` (the
   * user's first account when omitted) into the goal's account, whose id derives from the contribution's, so
   * the two stay paired on every device.
   */
  contribute(
    userId: string,
    goalId: string,
    amount: number,
    date: string,
    note = '',
    fromAccountId?: string,
  ): GoalContribution {
    const id = newId();
    return this.store.transaction(() => {
      const goal = this.get(userId, goalId);
      this.writer.insert('goal_contribution', id, {
        user_id: userId,
        goal_id: goalId,
        amount,
        contributed_on: date,
        description: note,
      });
      const from = fromAccountId ?? mainAccountId(userId);
      if (goal.accountId && goal.accountId !== from) {
        new TransferRepository(this.store).create(userId, {
          id: contributionTransferId(id),
          fromAccountId: from,
          toAccountId: goal.accountId,
          amount,
          date,
          note: note || goal.name,
        });
      }
      return this.contribution(userId, id);
    });
  }

  contribution(userId: string, id: string): GoalContribution {
    const row = this.store
      .sql('SELECT * FROM goal_contribution WHERE id = ? AND user_id = ? AND deleted = 0')
      .get(id, userId) as ContributionRow | undefined;
    if (!row) throw new NotFoundError(`no contribution with id ${id}`);
    return toContribution(row);
  }

  contributions(userId: string, goalId: string): GoalContribution[] {
    const rows = this.store
      .sql(
        `SELECT * FROM goal_contribution WHERE goal_id = ? AND user_id = ? AND deleted = 0
         ORDER BY contributed_on, id`,
      )
      .all(goalId, userId) as ContributionRow[];
    return rows.map(toContribution);
  }

  deleteContribution(userId: string, id: string): UndoOperation {
    return this.store.transaction(() => {
      const contribution = this.contribution(userId, id);
      return new UndoJournal(this.store).record(
        userId,
        () => `Delete a contribution of ${contribution.date}`,
        (w) => {
          w.tombstone('goal_contribution', id);
          // The money it moved goes back too (and comes back with an undo).
          const transfer = contributionTransferId(id);
          if (this.store.sql('SELECT 1 FROM transfer WHERE id = ? AND deleted = 0').get(transfer))
            w.tombstone('transfer', transfer);
        },
      ).operation;
    });
  }
}

/** The transfer a contribution to a goal with an account made: its id derives from the contribution's. */
export function contributionTransferId(contributionId: string): string {
  return naturalId('goal_contribution_transfer', contributionId);
}
