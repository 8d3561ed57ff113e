import { addMonths } from './dates.js';

/** One category's budget in one month, with what was spent in that category that month. */
export interface BudgetMonth {
  readonly categoryId: string;
  readonly month: string; // YYYY-MM
  readonly limit: number;
  readonly rollover: boolean;
  readonly spent: number;
}

/**
 * What a category's budget brings into `month` from the month before, as budgeting apps with rollover do:
 *   available(m) = limit(m) + carried(m - 1) - spent(m)
 *   carried(m)   = available(m) when the budget of m rolls over, else 0
 * A month without a budget for the category carries nothing, so the chain walks back only over consecutive
 * months whose budgets roll over. Overspending carries as a negative amount.
 * `history` may hold any categories and months (later ones are ignored); one row per category and month.
 */
export function carriedInto(month: string, categoryId: string, history: readonly BudgetMonth[]): number {
  const byMonth = new Map<string, BudgetMonth>();
  for (const b of history) if (b.categoryId === categoryId && b.month < month) byMonth.set(b.month, b);
  // The chain: the months right before `month`, back to the first one that has no rolling-over budget.
  const chain: BudgetMonth[] = [];
  for (let m = addMonths(month, -1); ; m = addMonths(m, -1)) {
    const b = byMonth.get(m);
    if (!b?.rollover) break;
    chain.push(b);
  }
  let carried = 0;
  for (const b of chain.reverse()) carried = b.limit + carried - b.spent;
  return carried;
}
