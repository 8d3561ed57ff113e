import type { ReportName } from '../../../../src/domain/reports.js';

export interface ReportTab {
  name: ReportName;
  label: string;
  description: string;
}

export const REPORTS: ReportTab[] = [
  {
    name: 'monthly',
    label: 'Monthly summary',
    description: 'Income, spending, net and savings rate for one month.',
  },
  { name: 'categories', label: 'By category', description: 'Where the money went between two dates.' },
  { name: 'tags', label: 'Tags', description: 'Spending and income per tag between two dates.' },
  {
    name: 'budgets',
    label: 'Budget vs actual',
    description: 'Each budget of a month against what was spent.',
  },
  { name: 'goals', label: 'Savings goals', description: 'Progress and the projected date of every goal.' },
  {
    name: 'trend',
    label: '12-month trend',
    description: 'Income, spending and net over the last twelve months.',
  },
];

/** The tab of a route's report name; an unknown name opens the monthly summary. */
export function reportTab(name: string): ReportTab {
  return REPORTS.find((r) => r.name === name) ?? (REPORTS[0] as ReportTab);
}
