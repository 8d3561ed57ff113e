import { createContext, useContext } from 'react';

// The dashboard comes with the app; every other page is its own chunk, fetched when first opened.
const LOADERS = {
  accounts: () => import('../pages/accounts/AccountsPage').then((m) => m.AccountsPage),
  register: () => import('../pages/accounts/RegisterPage').then((m) => m.RegisterPage),
  budgets: () => import('../pages/budgets/BudgetsPage').then((m) => m.BudgetsPage),
  categories: () => import('../pages/categories/CategoriesPage').then((m) => m.CategoriesPage),
  goals: () => import('../pages/goals/GoalsPage').then((m) => m.GoalsPage),
  import: () => import('../pages/import/ImportPage').then((m) => m.ImportPage),
  reports: () => import('../pages/reports/ReportsPage').then((m) => m.ReportsPage),
  schedules: () => import('../pages/schedules/SchedulesPage').then((m) => m.SchedulesPage),
  sync: () => import('../pages/sync/SyncPage').then((m) => m.SyncPage),
  transactions: () => import('../pages/transactions/TransactionsPage').then((m) => m.TransactionsPage),
} as const;

export type PageName = keyof typeof LOADERS;
export type PageComponent<K extends PageName> = Awaited<ReturnType<(typeof LOADERS)[K]>>;

/** A promise as React's `use` reads it: once `status` is fulfilled, `use` returns `value` without suspending. */
type Tracked<T> = Promise<T> & { status?: string; value?: T };

/** Which chunk a route's page is in; null for the dashboard (and unknown routes), which come with the app. */
export function pageOf(path: string): PageName | null {
  if (path === '/expenses' || path === '/income') return 'transactions';
  if (path.startsWith('/accounts/')) return 'register';
  if (path.startsWith('/reports')) return 'reports';
  const name = path.slice(1);
  return name in LOADERS && name !== 'register' && name !== 'transactions' ? (name as PageName) : null;
}

/**
 * The app's page chunks, each fetched once. Made by `main.tsx`, which fetches the page the browser opens on
 * alongside the language's catalog, so the first render has it and shows no "Opening the page…" at all.
 */
export class PageModules {
  private readonly loading = new Map<PageName, Tracked<unknown>>();

  load<K extends PageName>(name: K): Promise<PageComponent<K>> {
    const known = this.loading.get(name);
    if (known) return known as Tracked<PageComponent<K>>;
    // TypeScript cannot follow the key through the table's union of loaders; each returns its own page.
    const started = LOADERS[name]() as Tracked<PageComponent<K>>;
    started.then(
      (value) => {
        started.status = 'fulfilled';
        started.value = value;
      },
      () => this.loading.delete(name), // a failed fetch (offline) is tried again on the next visit
    );
    this.loading.set(name, started);
    return started;
  }

  /** The page of `route` fetched; resolves (never rejects) once it is here or has failed. */
  preload(route: string): Promise<void> {
    const name = pageOf(route.split('?')[0] ?? '');
    return name
      ? this.load(name).then(
          () => undefined,
          () => undefined,
        )
      : Promise.resolve();
  }
}

export const PageModulesContext = createContext<PageModules | null>(null);

export function usePageModules(): PageModules {
  const pages = useContext(PageModulesContext);
  if (!pages) throw new Error('usePageModules outside the app');
  return pages;
}
