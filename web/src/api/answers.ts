import type { ReconcileResult } from '../../../src/domain/accounts.js';
import type {
  BudgetReport,
  CategoryReport,
  GoalReport,
  MonthlySummary,
  TrendReport,
} from '../../../src/domain/reports.js';
import type { Occurrence } from '../../../src/local/schedule-repository.js';
import type {
  Account,
  Category,
  Expense,
  Income,
  Page,
  RegisterEntry,
  Schedule,
  Transfer,
  User,
} from '../../../src/domain/entities.js';
import type { CategoryKind } from '../../../src/domain/schemas.js';
import type { ImportOptionsInput } from '../../../src/import/import-options.js';
import type { ImportResult } from '../../../src/local/statement-import.js';
import type { SyncLogEntry, SyncStatus } from '../../../src/local/sync-log-repository.js';

/**
 * The JSON API's answers that are not domain entities and have no type of their own in the server's code.
 * Money is integer minor units of the user's currency.
 */

/** POST /api/session and GET /api/session. */
export interface Session {
  user: User;
  csrfToken: string;
}

/** Every list route answers `{items}`, some with the user's currency. */
export interface Items<T> {
  items: T[];
  currency?: string;
}

/** An expense or an income (the kinds of a category). */
export type Kind = CategoryKind;

export type MoneyEvent = Expense | Income;

/** GET /api/expenses and /api/income: one page of the filtered, sorted list. */
export interface MoneyEventPage<T extends MoneyEvent = MoneyEvent> extends Page<T> {
  currency: string;
  /** Every match's amount added up, not only this page's. */
  sum: number;
}

/** GET and PUT /api/settings. */
export interface Settings {
  autoSyncMinutes: 0 | 5 | 15 | 30 | 60;
  /** Where this server syncs to, credentials left out. */
  central?: string;
  syncRunning?: boolean;
}

/** `event: done` of POST /api/sync: the closed sync log row of the run. */
export type SyncDoneEvent = Pick<
  SyncLogEntry,
  'pushed' | 'pulled' | 'conflicts' | 'durationSeconds' | 'errorMessage'
> & { status: Exclude<SyncStatus, 'Running'> };

/** `event: retry` of POST /api/sync: a transient failure, tried again after `delayMs`. */
export interface SyncRetryEvent {
  attempt: number;
  delayMs: number;
  error: string;
}

/** POST /api/import/preview: the import as it would be, its lines cut to the first few. */
export type ImportPreview = ImportResult & { lineCount: number };

/** What the user changed of the detected layout; sent as `options` with the file. */
export type ImportChoices = Pick<ImportOptionsInput, 'dateFormat' | 'decimal' | 'invert' | 'columns'>;

/** POST /api/import. */
export interface ImportAnswer {
  import: Pick<ImportResult, 'added' | 'duplicates' | 'skippedBad'>;
}

/** GET /api/accounts: the accounts with their balances, and the net worth. */
export interface AccountList {
  items: Account[];
  netWorth: number;
  currency: string;
}

/** GET /api/accounts/:id/register: a page of the account's rows, each with the balance after it. */
export interface RegisterPage extends Page<RegisterEntry> {
  account: Account;
  currency: string;
}

/** GET /api/transfers: a page of transfers, newest first. */
export interface TransferPage extends Page<Transfer> {
  currency: string;
}

/** POST /api/accounts/:id/reconcile. */
export interface ReconcileAnswer {
  reconcile: ReconcileResult & { reconciled: number };
  account: Account;
}

/** GET /api/dashboard: each part as the route it stands for answers it. */
export interface DashboardAnswer {
  month: string;
  currency: string;
  accounts: AccountList;
  categories: Items<Category>;
  monthly: MonthlySummary;
  spending: CategoryReport;
  budgets: BudgetReport;
  trend: TrendReport;
  goals: GoalReport;
  schedules: Items<Schedule>;
  upcoming: Items<Occurrence>;
  recentExpenses: MoneyEventPage<Expense>;
}
