import type { ApiClient } from '../../api/client';
import { fetchBudgets } from '../../api/queries';
import { addMonths, amountText } from '../../format';

/** Sets this month's budgets to last month's limits; returns how many there were. */
export async function copyPreviousBudgets(api: ApiClient, month: string, currency: string): Promise<number> {
  const previous = await fetchBudgets(api, addMonths(month, -1));
  for (const b of previous)
    await api.post('/api/budgets', { category: b.categoryName, month, limit: amountText(b.limit, currency) });
  return previous.length;
}
