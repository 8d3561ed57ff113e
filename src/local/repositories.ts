import { AccountRepository } from './account-repository.js';
import { BudgetRepository } from './budget-repository.js';
import { BulkEditRepository } from './bulk-edit-repository.js';
import { CategoryRepository } from './category-repository.js';
import { ExpenseRepository } from './expense-repository.js';
import { GoalRepository } from './goal-repository.js';
import { IncomeRepository } from './income-repository.js';
import { LocalReports } from './local-reports.js';
import type { LocalStore } from './local-store.js';
import { ScheduleRepository } from './schedule-repository.js';
import { TransferRepository } from './transfer-repository.js';
import { UndoJournal } from './undo-journal.js';
import { UserRepository } from './user-repository.js';

/**
 * The repositories of one device store: what the CLI and the web server both work with. One wiring, so a
 * repository added here reaches both.
 */
export class LocalRepositories {
  readonly users: UserRepository;
  readonly categories: CategoryRepository;
  readonly expenses: ExpenseRepository;
  readonly income: IncomeRepository;
  readonly budgets: BudgetRepository;
  readonly goals: GoalRepository;
  readonly accounts: AccountRepository;
  readonly transfers: TransferRepository;
  readonly schedules: ScheduleRepository;
  readonly reports: LocalReports;
  readonly bulkEdits: BulkEditRepository;
  readonly undo: UndoJournal;

  constructor(readonly store: LocalStore) {
    this.users = new UserRepository(store);
    this.categories = new CategoryRepository(store);
    this.expenses = new ExpenseRepository(store);
    this.income = new IncomeRepository(store);
    this.budgets = new BudgetRepository(store);
    this.goals = new GoalRepository(store);
    this.accounts = new AccountRepository(store);
    this.transfers = new TransferRepository(store);
    this.schedules = new ScheduleRepository(store);
    this.reports = new LocalReports(store);
    this.bulkEdits = new BulkEditRepository(store);
    this.undo = new UndoJournal(store);
  }
}
