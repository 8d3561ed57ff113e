import type { ReportName } from '../../../../src/domain/reports.js';

export interface ReportTab {
  name: ReportName;
}

/** The tabs in order; each one's label and description are in the catalog under `reports.tabs`. */
export const REPORTS: ReportTab[] = [
  { name: 'monthly' },
  { name: 'categories' },
  { name: 'tags' },
  { name: 'budgets' },
  { name: 'goals' },
  { name: 'trend' },
];

/** The tab of a route's report name; an unknown name opens the monthly summary. */
export function reportTab(name: string): ReportTab {
  return REPORTS.find((r) => r.name === name) ?? (REPORTS[0] as ReportTab);
}
