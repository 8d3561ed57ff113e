import type { Page } from 'playwright-core';

/** What a shot's steps may need beyond the page: the statement to preview, the sync to hold. */
export interface ShotTools {
  /** A real bank statement of the test fixtures, for the import preview. */
  readonly statement: string;
  /** Holds the next sync's request back until the shot is taken, so the page shows the sync under way. */
  holdNextSync(page: Page): Promise<void>;
}

/** One screenshot of the web UI: a page, or one of its states, on the demo data. */
export interface Shot {
  /** The file name's stem under docs/screenshots/. */
  readonly name: string;
  /** The page it belongs to, the gallery's heading. */
  readonly page: string;
  /** What it shows, under it in the gallery. */
  readonly caption: string;
  /** The route (after `#`); `:account` is the demo user's first account. */
  readonly route: string;
  /** The test id that shows once the page has its data. */
  readonly ready: string;
  /** Taken signed out. */
  readonly signedOut?: boolean;
  /** Taken on the second device, the one that lost a conflicting edit. */
  readonly secondDevice?: boolean;
  /** Brings the page to the state shown, once it has loaded; resolves when that state is on screen. */
  readonly act?: (page: Page, tools: ShotTools) => Promise<void>;
}

const click = (testId: string, then: string) => async (page: Page) => {
  await page.getByTestId(testId).first().click();
  await page.getByTestId(then).first().waitFor();
};

const dialog = (testId: string) => async (page: Page) => {
  await page.getByTestId(testId).first().click();
  await page.getByRole('dialog').waitFor();
};

const report = (name: string, title: string, caption: string): Shot => ({
  name: `report-${name}`,
  page: 'Reports',
  caption: `${title}: ${caption}`,
  route: `/reports/${name}`,
  ready: 'page-reports',
});

/** Every page of the web UI and its main states, in the gallery's order. */
export const SHOTS: readonly Shot[] = [
  {
    name: 'sign-in',
    page: 'Sign in',
    caption: 'Signing in (registering is the other tab)',
    route: '/',
    ready: 'login-form',
    signedOut: true,
  },
  {
    name: 'dashboard',
    page: 'Dashboard',
    caption: 'The month at a glance',
    route: '/',
    ready: 'card-trend',
  },
  {
    name: 'dashboard-add',
    page: 'Dashboard',
    caption: 'Adding an expense from anywhere (the n key)',
    route: '/',
    ready: 'card-trend',
    act: dialog('quick-add-expense'),
  },
  {
    name: 'expenses',
    page: 'Expenses and income',
    caption: 'Expenses: filters, splits, tags, bulk selection',
    route: '/expenses',
    ready: 'transaction-row',
  },
  {
    name: 'expense-edit',
    page: 'Expenses and income',
    caption: 'Editing an expense',
    route: '/expenses',
    ready: 'transaction-row',
    act: dialog('transaction-row'),
  },
  {
    name: 'income',
    page: 'Expenses and income',
    caption: 'Income',
    route: '/income',
    ready: 'transaction-row',
  },
  {
    name: 'accounts',
    page: 'Accounts',
    caption: 'Balances, net worth over a year, transfers',
    route: '/accounts',
    ready: 'page-accounts',
  },
  {
    name: 'register',
    page: 'Accounts',
    caption: "An account's register, with the balance after each row",
    route: '/accounts/:account',
    ready: 'page-register',
  },
  {
    name: 'reconcile',
    page: 'Accounts',
    caption: 'Reconciling an account against a statement',
    route: '/accounts/:account',
    ready: 'page-register',
    act: click('reconcile', 'reconcile-dialog'),
  },
  {
    name: 'categories',
    page: 'Categories',
    caption: 'Expense and income categories',
    route: '/categories',
    ready: 'page-categories',
  },
  {
    name: 'budgets',
    page: 'Budgets',
    caption: "The month's budgets against spending, with rollover",
    route: '/budgets',
    ready: 'budget-form-card',
  },
  {
    name: 'goals',
    page: 'Savings goals',
    caption: 'Goals, their contributions and projected dates',
    route: '/goals',
    ready: 'page-goals',
  },
  {
    name: 'schedules',
    page: 'Schedules',
    caption: 'Repeating bills, pay and savings',
    route: '/schedules',
    ready: 'page-schedules',
  },
  {
    name: 'schedule-new',
    page: 'Schedules',
    caption: 'A new schedule',
    route: '/schedules',
    ready: 'page-schedules',
    act: dialog('add-schedule'),
  },
  report('monthly', 'Monthly summary', 'income, spending, net and savings rate'),
  report('categories', 'By category', 'where the money went'),
  report('tags', 'Tags', 'spending and income per tag'),
  report('budgets', 'Budget vs actual', 'each budget against its spending'),
  report('goals', 'Savings goals', 'progress and projected dates'),
  report('trend', '12-month trend', 'income, spending and net by month'),
  {
    name: 'import',
    page: 'Import',
    caption: "Importing a bank's statement (CSV, OFX, QFX), category rules, backups",
    route: '/import',
    ready: 'page-import',
  },
  {
    name: 'import-preview',
    page: 'Import',
    caption: "A statement's preview: the layout detected, a category per line, lines seen before",
    route: '/import',
    ready: 'page-import',
    act: async (page, tools) => {
      await page.getByTestId('import-file').setInputFiles(tools.statement);
      await page.getByTestId('import-lines').waitFor();
    },
  },
  {
    name: 'sync-progress',
    page: 'Sync',
    caption: 'A sync under way',
    route: '/sync',
    ready: 'sync-card',
    act: async (page, tools) => {
      await tools.holdNextSync(page);
      await page.getByTestId('sync-now').click();
      await page.getByTestId('sync-progress').waitFor();
    },
  },
  {
    name: 'sync',
    page: 'Sync',
    caption: "The last sync's result, the history and automatic sync",
    route: '/sync',
    ready: 'sync-history-row',
  },
  {
    name: 'sync-conflicts',
    page: 'Sync',
    caption: 'Conflicts: the value that lost an edit on two devices, to restore or dismiss',
    route: '/sync',
    ready: 'conflict-row',
    secondDevice: true,
  },
];
