import type { Account, Category, Schedule } from '../../../../src/domain/entities.js';
import type { ScheduleKind } from '../../../../src/domain/schedules.js';
import { LAST_DAY } from '../../../../src/domain/schedules.js';

export const KIND_LABELS: Record<ScheduleKind, string> = {
  expense: 'Expense',
  income: 'Income',
  transfer: 'Transfer',
};

/** What a schedule is for: its note, else its category (or, for a transfer, where the money goes). */
export function scheduleName(
  s: Pick<Schedule, 'note' | 'kind' | 'categoryId' | 'toAccountId'>,
  categories: readonly Pick<Category, 'id' | 'name'>[],
  accounts: readonly Pick<Account, 'id' | 'name'>[],
): string {
  if (s.note) return s.note;
  if (s.kind === 'transfer') {
    const to = accounts.find((a) => a.id === s.toAccountId)?.name;
    return to ? `Transfer to ${to}` : 'Transfer';
  }
  return categories.find((c) => c.id === s.categoryId)?.name ?? KIND_LABELS[s.kind];
}

/** "Every month on the last day", "Every 2 weeks", "Every year on day 15". */
export function repeatText(s: Pick<Schedule, 'every' | 'unit' | 'dayOfMonth'>): string {
  const every = s.every === 1 ? `Every ${s.unit}` : `Every ${s.every} ${s.unit}s`;
  if (s.dayOfMonth === null) return every;
  return s.dayOfMonth === LAST_DAY ? `${every} on the last day` : `${every} on day ${s.dayOfMonth}`;
}

/** The sign an amount of this kind shows with: money out, in, or moved. */
export function amountClass(kind: ScheduleKind): string {
  return kind === 'expense' ? 'amount negative' : kind === 'income' ? 'amount positive' : 'amount';
}
