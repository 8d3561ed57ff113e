/** The JSON API's shapes, as the web UI reads them. Money is integer minor units of `currency`. */
export type {
  BudgetReport,
  BudgetStatus,
  CategoryReport,
  CategorySpending,
  GoalProgress,
  GoalReport,
  MonthlySummary,
  TrendPoint,
  TrendReport,
  ReportName,
} from '../../src/domain/reports.js';

export interface User {
  id: string;
  name: string;
  currency: string;
  locale: string;
}

export interface Session {
  user: User;
  csrfToken: string;
}

export type Kind = 'expense' | 'income';

export interface Category {
  id: string;
  name: string;
  kind: Kind;
  deleted?: boolean;
}

export interface MoneyEvent {
  id: string;
  amount: number;
  date: string;
  categoryId: string;
  categoryName: string;
  categoryDeleted: boolean;
  method?: string | null;
  source?: string | null;
  note: string;
}

export interface MoneyEventPage {
  items: MoneyEvent[];
  total: number;
  limit: number;
  offset: number;
  currency: string;
}

export interface Budget {
  id: string;
  categoryId: string;
  categoryName: string;
  month: string;
  limit: number;
}

export interface Goal {
  id: string;
  name: string;
  target: number;
  targetDate: string | null;
  saved: number;
}

export interface Contribution {
  id: string;
  goalId?: string;
  amount: number;
  date: string;
  note: string;
}

export interface SyncProgressEvent {
  phase: 'connect' | 'push' | 'pull' | 'verify';
  table: string;
  batch: number;
  rows: number;
  pushed: number;
  pulled: number;
  conflicts: number;
  expected?: number;
}

export type SyncStatus = 'Running' | 'Success' | 'Partial' | 'Failed';

export interface SyncDoneEvent {
  status: Exclude<SyncStatus, 'Running'>;
  pushed: number;
  pulled: number;
  conflicts: number;
  durationSeconds: number | null;
  errorMessage: string | null;
}

export interface SyncLogEntry {
  id?: number;
  startTime: string;
  endTime: string | null;
  status: SyncStatus;
  syncType: 'Manual' | 'Automatic';
  recordsSynced: number;
  pushed: number;
  pulled: number;
  conflicts: number;
  durationSeconds: number | null;
  errorMessage: string | null;
}

export type FieldValue = string | number | boolean | null;

/** A value that lost a sync merge (GET /api/conflicts): a synced row, listed on every device of the user. */
export interface Conflict {
  id: string;
  userId: string;
  table: string;
  rowId: string;
  field: string;
  keptValue: FieldValue;
  keptHlc: string;
  lostValue: FieldValue;
  lostHlc: string;
  /** 'local' where this device wrote the losing value, 'central' on every other device. */
  lostSide: 'local' | 'central';
  /** The device that wrote the losing value (the node of its clock). */
  lostDevice: string;
  detectedAt: string;
  resolvedAt: string | null;
  resolution: 'restored' | 'dismissed' | null;
}

export interface Settings {
  autoSyncMinutes: 0 | 5 | 15 | 30 | 60;
  /** Where this server syncs to, credentials left out. */
  central?: string;
  syncRunning?: boolean;
}

export interface Items<T> {
  items: T[];
  currency?: string;
}
