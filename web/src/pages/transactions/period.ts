import { addMonths, lastDayOf, thisMonth, today } from '../../format';

export type Period = 'all' | 'this-month' | 'last-month' | 'last-90' | 'this-year' | 'custom';

/** The dates a named period covers, on this device's calendar; empty for all time (and custom). */
export function periodRange(period: Period): { from: string; to: string } {
  const month = thisMonth();
  switch (period) {
    case 'this-month':
      return { from: `${month}-01`, to: lastDayOf(month) };
    case 'last-month': {
      const last = addMonths(month, -1);
      return { from: `${last}-01`, to: lastDayOf(last) };
    }
    case 'last-90': {
      const d = new Date();
      d.setDate(d.getDate() - 89);
      const p = (n: number) => String(n).padStart(2, '0');
      return { from: `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`, to: today() };
    }
    case 'this-year':
      return { from: `${month.slice(0, 4)}-01-01`, to: `${month.slice(0, 4)}-12-31` };
    default:
      return { from: '', to: '' };
  }
}
