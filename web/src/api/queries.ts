import { useQuery, type UseQueryResult } from '@tanstack/react-query';
import type {
  Budget,
  Category,
  GoalContribution,
  SavingsGoal,
  Schedule,
  Transfer,
} from '../../../src/domain/entities.js';
import type { ReportName } from '../../../src/domain/reports.js';
import type { ImportRule } from '../../../src/import/import-rules.js';
import type { SyncConflict } from '../../../src/local/conflict-repository.js';
import type { ImportBatch } from '../../../src/local/import-history.js';
import type { Occurrence } from '../../../src/local/schedule-repository.js';
import type { SyncLogEntry } from '../../../src/local/sync-log-repository.js';
import { useApi } from './api-context';
import type { ApiClient, Query } from './client';
import { itemsOf } from './items';
import type {
  AccountList,
  Items,
  Kind,
  MoneyEvent,
  MoneyEventPage,
  RegisterPage,
  Settings,
  TransferPage,
} from './answers';

/**
 * Every GET the web UI makes, keyed by what it asks for: two parts of a page asking the same thing share one
 * request and one cached answer. The first part of a key names the resource.
 */
export const queryKeys = {
  categories: (includeDeleted: boolean) => ['categories', { includeDeleted }] as const,
  moneyEvents: (kind: Kind, filter: Query) => ['money-events', kind, filter] as const,
  moneyEvent: (kind: Kind, id: string) => ['money-events', kind, 'one', id] as const,
  budgets: (month: string) => ['budgets', month] as const,
  goals: () => ['goals'] as const,
  contributions: (goalId: string) => ['goals', goalId, 'contributions'] as const,
  report: (name: ReportName | AccountReportName, query: Query) => ['reports', name, query] as const,
  syncLog: () => ['sync-log'] as const,
  conflicts: () => ['conflicts'] as const,
  settings: () => ['settings'] as const,
  importRules: () => ['import', 'rules'] as const,
  importHistory: () => ['import', 'history'] as const,
  accounts: (all: boolean) => ['accounts', { all }] as const,
  register: (accountId: string, page: Query) => ['accounts', accountId, 'register', page] as const,
  transfers: (page: Query) => ['transfers', page] as const,
  transfer: (id: string) => ['transfers', 'one', id] as const,
  schedules: () => ['schedules'] as const,
  upcoming: (days: number) => ['schedules', 'upcoming', days] as const,
  payees: (kind: Kind, prefix: string) => ['payees', kind, prefix] as const,
  tags: (kind: Kind | 'all') => ['tags', kind] as const,
  dashboard: (month: string) => ['dashboard', month] as const,
};

export function moneyEventsPath(kind: Kind): string {
  return kind === 'expense' ? '/api/expenses' : '/api/income';
}

async function list<T>(api: ApiClient, path: string, query?: Query): Promise<T[]> {
  return itemsOf(await api.get<Items<T> | T[]>(path, query));
}

const liveCategories = (all: Category[]): Category[] => all.filter((c) => !c.deleted);

/** The budgets of one month. */
export function useBudgets(month: string): UseQueryResult<Budget[]> {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.budgets(month),
    queryFn: () => list<Budget>(api, '/api/budgets', { month }),
  });
}

/** The user's categories; with `includeDeleted`, those deleted too (entries filed under them keep them). */
export function useCategories(includeDeleted = false, { enabled = true } = {}): UseQueryResult<Category[]> {
  const api = useApi();
  // One request for both: the live ones are the full list less the deleted, so a page that needs both (the
  // dashboard, a list and its form) asks once.
  return useQuery({
    queryKey: queryKeys.categories(true),
    enabled,
    queryFn: () => list<Category>(api, '/api/categories', { includeDeleted: 'true' }),
    select: includeDeleted ? undefined : liveCategories,
  });
}

export function useMoneyEvents(kind: Kind, filter: Query): UseQueryResult<MoneyEventPage> {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.moneyEvents(kind, filter),
    queryFn: () => api.get<MoneyEventPage>(moneyEventsPath(kind), filter),
  });
}

/**
 * A row an edit form reads once: never another row's answer in its place, and nothing kept after the form
 * closes, since the form takes its first values from it and a kept copy may be stale by the next opening.
 */
const ONE_ROW = { placeholderData: undefined, gcTime: 0 } as const;

/** One expense or income, as its edit form needs it (a register row names only its id). */
export function useMoneyEvent(kind: Kind, id: string): UseQueryResult<MoneyEvent> {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.moneyEvent(kind, id),
    ...ONE_ROW,
    queryFn: async () => {
      const answer = await api.get<{ expense: MoneyEvent } | { income: MoneyEvent }>(
        `${moneyEventsPath(kind)}/${id}`,
      );
      return 'expense' in answer ? answer.expense : answer.income;
    },
  });
}

export function useGoals(): UseQueryResult<SavingsGoal[]> {
  const api = useApi();
  return useQuery({ queryKey: queryKeys.goals(), queryFn: () => list<SavingsGoal>(api, '/api/goals') });
}

export function useContributions(goalId: string): UseQueryResult<GoalContribution[]> {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.contributions(goalId),
    queryFn: () => list<GoalContribution>(api, `/api/goals/${goalId}/contributions`),
  });
}

/** The account reports, routes of their own beside `/api/reports/:name`. */
export type AccountReportName = 'balances' | 'networth';

/** One report; `T` is its answer type from `src/domain/reports.ts` (or `accounts.ts`). */
export function useReport<T>(name: ReportName | AccountReportName, query: Query = {}): UseQueryResult<T> {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.report(name, query),
    queryFn: () => api.get<T>(`/api/reports/${name}`, query),
  });
}

export function useSyncLog(): UseQueryResult<SyncLogEntry[]> {
  const api = useApi();
  return useQuery({ queryKey: queryKeys.syncLog(), queryFn: () => list<SyncLogEntry>(api, '/api/sync/log') });
}

export function useConflicts(): UseQueryResult<SyncConflict[]> {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.conflicts(),
    queryFn: () => list<SyncConflict>(api, '/api/conflicts'),
  });
}

export function useSettings(): UseQueryResult<Settings> {
  const api = useApi();
  return useQuery({ queryKey: queryKeys.settings(), queryFn: () => api.get<Settings>('/api/settings') });
}

export function useImportRules(): UseQueryResult<ImportRule[]> {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.importRules(),
    queryFn: () => list<ImportRule>(api, '/api/import/rules'),
  });
}

export function useImportHistory(): UseQueryResult<ImportBatch[]> {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.importHistory(),
    queryFn: () => list<ImportBatch>(api, '/api/import/history'),
  });
}

/** The accounts with their balances and the net worth; archived ones too with `all`. */
export function useAccounts(all = false, { enabled = true } = {}): UseQueryResult<AccountList> {
  const api = useApi();
  // One request for both, as for categories: the net worth is the same, the open accounts a filter away.
  return useQuery({
    queryKey: queryKeys.accounts(true),
    enabled,
    queryFn: () => api.get<AccountList>('/api/accounts', { all: 'true' }),
    select: all ? undefined : openAccounts,
  });
}

const openAccounts = (list: AccountList): AccountList => ({
  ...list,
  items: list.items.filter((a) => !a.archived),
});

/** A page of an account's register, newest first. */
export function useRegister(accountId: string, page: { limit: number; offset: number }) {
  const api = useApi();
  const query = { limit: String(page.limit), offset: String(page.offset) };
  return useQuery({
    queryKey: queryKeys.register(accountId, query),
    queryFn: () => api.get<RegisterPage>(`/api/accounts/${accountId}/register`, query),
  });
}

/** A page of transfers, newest first. */
export function useTransfers(page: { limit: number; offset: number }): UseQueryResult<TransferPage> {
  const api = useApi();
  const query = { limit: String(page.limit), offset: String(page.offset) };
  return useQuery({
    queryKey: queryKeys.transfers(query),
    queryFn: () => api.get<TransferPage>('/api/transfers', query),
  });
}

/** One transfer, as its edit form needs it. */
export function useTransfer(id: string): UseQueryResult<Transfer> {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.transfer(id),
    ...ONE_ROW,
    queryFn: async () => (await api.get<{ transfer: Transfer }>(`/api/transfers/${id}`)).transfer,
  });
}

export function useSchedules(): UseQueryResult<Schedule[]> {
  const api = useApi();
  return useQuery({ queryKey: queryKeys.schedules(), queryFn: () => list<Schedule>(api, '/api/schedules') });
}

/** The schedules' occurrences from today through the next `days`, posted or not. */
export function useUpcoming(days: number): UseQueryResult<Occurrence[]> {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.upcoming(days),
    queryFn: () => list<Occurrence>(api, '/api/schedules/upcoming', { days: String(days) }),
  });
}

/** Payees the user already wrote on rows of this kind, starting with `prefix`, most used first. */
export function usePayees(kind: Kind, prefix: string): UseQueryResult<string[]> {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.payees(kind, prefix),
    queryFn: () => list<string>(api, '/api/payees', { kind, prefix }),
  });
}

export interface TagCount {
  tag: string;
  count: number;
}

/** The tags on the user's rows (of one kind, or all), most used first. */
export function useTags(kind: Kind | 'all' = 'all'): UseQueryResult<TagCount[]> {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.tags(kind),
    queryFn: () => list<TagCount>(api, '/api/tags', kind === 'all' ? {} : { kind }),
  });
}
