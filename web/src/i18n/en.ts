/** The English catalog: every word of the web UI. de.ts has exactly this shape. */
export const en = {
  app: {
    opening: 'Opening pfm…',
    openingPage: 'Opening the page…',
    notFound: 'Page not found',
    backToDashboard: 'Back to the dashboard',
    skipToContent: 'Skip to content',
    home: 'pfm home',
    mainNav: 'Main',
    signOut: 'Sign out',
    signOutUser: 'Sign out {{name}}',
    more: 'More',
    homeShort: 'Home',
  },
  nav: {
    dashboard: 'Dashboard',
    expenses: 'Expenses',
    income: 'Income',
    accounts: 'Accounts',
    categories: 'Categories',
    budgets: 'Budgets',
    goals: 'Savings goals',
    schedules: 'Schedules',
    reports: 'Reports',
    import: 'Import',
    sync: 'Sync',
    netWorth: 'Net worth',
  },
  settings: {
    theme: 'Theme',
    themes: { system: 'System', light: 'Light', dark: 'Dark' },
    language: 'Language',
    languageNotSaved: 'The language is shown here but could not be saved to your account. Try again later.',
  },
  common: {
    loading: 'Loading…',
    close: 'Close',
    cancel: 'Cancel',
    save: 'Save',
    delete: 'Delete',
    keep: 'Keep',
    edit: 'Edit',
    add: 'Add',
    undo: 'Undo',
    undone: 'Undone: {{what}}',
    tryAgain: 'Try again',
    couldNotLoad: 'Could not load this',
    previousMonth: 'Previous month',
    nextMonth: 'Next month',
    month: 'Month',
  },
} as const;

type Shape<T> = { readonly [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

/** What every catalog holds: en's keys, each with a text. */
export type Catalog = Shape<typeof en>;
