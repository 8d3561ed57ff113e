import type { TFunction } from 'i18next';
import type { MoneyEvent } from '../../api/answers';
import { amountInput } from '../../format';
import { readAmount } from '../../forms';

/** One part row of the split editor, as typed. */
export interface SplitRow {
  /** Stable across edits, so React keeps each row's inputs. */
  readonly key: number;
  readonly category: string;
  readonly amount: string;
  readonly note: string;
}

let nextKey = 1;
export const emptyPart = (category = ''): SplitRow => ({ key: nextKey++, category, amount: '', note: '' });

/** The rows an existing event opens with: its parts, or null when it is not split. */
export function rowsOf(
  existing: MoneyEvent | undefined,
  currency: string,
  locale: string,
): SplitRow[] | null {
  if (!existing?.splits) return null;
  return existing.splits.map((p) => ({
    key: nextKey++,
    category: p.categoryName,
    amount: amountInput(p.amount, currency, locale),
    note: p.note,
  }));
}

export interface SplitCheck {
  /** What the rows add up to, in minor units, counting only amounts that read. */
  readonly assigned: number;
  /** The first problem a person must fix before saving; undefined when the parts are ready. */
  readonly error: string | undefined;
  /** The parts as the API takes them, when there is no error. */
  readonly body: { category: string; amount: string; note: string }[];
}

/** Reads the rows against the event's total (null while the amount does not read). */
export function checkRows(
  rows: readonly SplitRow[],
  total: number | null,
  currency: string,
  locale: string,
  t: TFunction,
): SplitCheck {
  let assigned = 0;
  let error: string | undefined;
  const body: SplitCheck['body'] = [];
  rows.forEach((r, i) => {
    const read = readAmount(r.amount, currency, locale, t, t('splits.partAmountWhat', { n: i + 1 }));
    if (read.ok) assigned += read.minor;
    if (!r.category) error ??= t('splits.pickCategory', { n: i + 1 });
    else if (!read.ok) error ??= read.error;
    else if (r.note.length > 80) error ??= t('splits.noteTooLong', { n: i + 1 });
    else body.push({ category: r.category, amount: read.value, note: r.note.trim() });
  });
  if (rows.length < 2) error ??= t('splits.twoParts');
  if (total !== null && assigned !== total) error ??= t('splits.addUp');
  return { assigned, error, body };
}
