import type { TFunction } from 'i18next';
import type { CategoryReport, TrendReport } from '../../../src/domain/reports.js';
import { monthText } from '../format';
import { OTHER_COLOR, PALETTE, type Slice, type TrendDatum } from './Charts';

/** Category slices for a chart: the largest few, the rest folded into "Everything else". */
export function categorySlices(report: CategoryReport | undefined, t: TFunction, max = 7): Slice[] {
  if (!report) return [];
  const top = report.categories.slice(0, max);
  const rest = report.categories.slice(max).reduce((sum, c) => sum + c.total, 0);
  const slices: Slice[] = top.map((c, i) => ({
    key: c.categoryId,
    label: c.name,
    value: c.total,
    color: PALETTE[i % PALETTE.length] ?? OTHER_COLOR,
    deleted: c.deleted,
  }));
  if (rest > 0)
    slices.push({ key: 'rest', label: t('charts.everythingElse'), value: rest, color: OTHER_COLOR });
  return slices;
}

/**
 * The months of a trend report as chart points, from the first month with any income or expense: months before
 * a person started would draw the net line at zero and say nothing.
 */
export function trendData(report: TrendReport | undefined, locale: string): TrendDatum[] {
  const months = report?.months ?? [];
  const first = months.findIndex((m) => m.income !== 0 || m.expenses !== 0);
  return (first < 0 ? [] : months.slice(first)).map((m) => ({
    key: m.month,
    label: monthText(m.month, locale, 'tiny'),
    longLabel: monthText(m.month, locale),
    income: m.income,
    expenses: m.expenses,
    net: m.net,
  }));
}
