import type { MoneyEvent } from '../domain/entities.js';
import type { SplitPartInput } from '../domain/schemas.js';
import { UsageError } from './cli-errors.js';

/** How `--split` is written, for help texts and refusals. */
export const SPLIT_FORM = 'CATEGORY=AMOUNT[:NOTE]';

/** Commander's collector for the repeatable `--split`: each use adds one part. */
export function collectSplit(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/**
 * `--split` values as typed parts: the category before the first "=", the amount up to the next ":", the rest
 * a note (so a note may hold "=" and ":"; a category name holding "=" is named by its id instead).
 */
export function typedSplitParts(values: readonly string[]): SplitPartInput[] {
  return values.map((value) => {
    const eq = value.indexOf('=');
    const category = eq < 0 ? '' : value.slice(0, eq).trim();
    const rest = eq < 0 ? '' : value.slice(eq + 1);
    const colon = rest.indexOf(':');
    const amount = (colon < 0 ? rest : rest.slice(0, colon)).trim();
    if (category === '' || amount === '') {
      throw new UsageError(`--split "${value}" is not ${SPLIT_FORM}, e.g. --split "Groceries=12.50"`);
    }
    return colon < 0 ? { category, amount } : { category, amount, note: rest.slice(colon + 1) };
  });
}

/** A row's category as a list shows it: a split row's is "Split (n)". */
export function categoryLabel(e: MoneyEvent): string {
  if (e.splits) return `Split (${e.splits.length})`;
  return e.categoryDeleted ? `${e.categoryName} (deleted)` : e.categoryName;
}
