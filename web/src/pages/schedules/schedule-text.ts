import type { TFunction } from 'i18next';
import type { Account, Category, Schedule } from '../../../../src/domain/entities.js';
import type { ScheduleKind } from '../../../../src/domain/schedules.js';
import { LAST_DAY } from '../../../../src/domain/schedules.js';

/** What a schedule is for: its note, else its category (or, for a transfer, where the money goes). */
export function scheduleName(
  s: Pick<Schedule, 'note' | 'kind' | 'categoryId' | 'toAccountId'>,
  categories: readonly Pick<Category, 'id' | 'name'>[],
  accounts: readonly Pick<Account, 'id' | 'name'>[],
  t: TFunction,
): string {
  if (s.note) return s.note;
  if (s.kind === 'transfer') {
    const to = accounts.find((a) => a.id === s.toAccountId)?.name;
    return to ? t('schedules.transferTo', { account: to }) : t('schedules.kinds.transfer');
  }
  return categories.find((c) => c.id === s.categoryId)?.name ?? t(`schedules.kinds.${s.kind}`);
}

/** "Every month on the last day", "Every 2 weeks", "Every year on day 15". */
export function repeatText(s: Pick<Schedule, 'every' | 'unit' | 'dayOfMonth'>, t: TFunction): string {
  const every = t(`schedules.every.${s.unit}`, { count: s.every });
  if (s.dayOfMonth === null) return every;
  return s.dayOfMonth === LAST_DAY
    ? t('schedules.onLastDay', { every })
    : t('schedules.onDay', { every, day: s.dayOfMonth });
}

/** The sign an amount of this kind shows with: money out, in, or moved. */
export function amountClass(kind: ScheduleKind): string {
  return kind === 'expense' ? 'amount negative' : kind === 'income' ? 'amount positive' : 'amount';
}
