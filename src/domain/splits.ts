/**
 * Split transactions: one expense or income divided among categories. The parts are one stored value (a JSON
 * array) that always sums to the row's amount, and the row's category is the first part's, so code that does
 * not know about splits still files the row somewhere sensible. Pure: no I/O.
 */
import { isId } from './ids.js';
import { MAX_MINOR_UNITS } from './money.js';
import { ValidationError } from './validation.js';

export interface SplitPart {
  readonly categoryId: string;
  /** Positive minor units. */
  readonly amount: number;
  readonly note: string;
}

export const MIN_SPLIT_PARTS = 2;
export const MAX_SPLIT_PARTS = 20;
export const MAX_SPLIT_NOTE = 80;
/**
 * The stored text's limit in UTF-8 bytes: Oracle keeps 4000 bytes of text, and a conflict over a split keeps
 * the value again inside a JSON string, whose escapes make it longer.
 */
export const MAX_SPLIT_BYTES = 2500;

/** The fields a split moves together: a merge takes all of them from one side (merge.ts). */
export const SPLIT_FIELDS = ['amount', 'category_id', 'splits'] as const;

/** The stored form: parts in the given order, keys in a fixed order, an empty note left out. */
export function serializeSplits(parts: readonly SplitPart[]): string {
  return JSON.stringify(
    parts.map((p) =>
      p.note === ''
        ? { category_id: p.categoryId, amount: p.amount }
        : { category_id: p.categoryId, amount: p.amount, note: p.note },
    ),
  );
}

/** The parts of a stored value, or null when it is not a well-formed list of parts. */
export function parseSplits(text: string): SplitPart[] | null {
  if (new TextEncoder().encode(text).length > MAX_SPLIT_BYTES) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  if (!Array.isArray(parsed) || parsed.length < MIN_SPLIT_PARTS || parsed.length > MAX_SPLIT_PARTS)
    return null;
  const parts: SplitPart[] = [];
  for (const item of parsed as unknown[]) {
    if (!item || typeof item !== 'object') return null;
    const { category_id: categoryId, amount, note = '' } = item as Record<string, unknown>;
    if (typeof categoryId !== 'string' || !isId(categoryId)) return null;
    if (typeof amount !== 'number' || !Number.isSafeInteger(amount) || amount <= 0) return null;
    if (typeof note !== 'string' || note.length > MAX_SPLIT_NOTE) return null;
    parts.push({ categoryId, amount, note });
  }
  return parts;
}

/**
 * Parts a person entered, checked against the row's total: at least two, each positive, summing exactly to the
 * total. Throws one ValidationError naming `splits`; returns the parts with trimmed notes.
 */
export function checkSplits(parts: readonly SplitPart[], total: number): SplitPart[] {
  const fail = (reason: string): never => {
    throw new ValidationError('splits', reason);
  };
  if (parts.length < MIN_SPLIT_PARTS) fail(`a split needs at least ${MIN_SPLIT_PARTS} parts`);
  if (parts.length > MAX_SPLIT_PARTS) fail(`a split may have at most ${MAX_SPLIT_PARTS} parts`);
  const clean = parts.map((p, i) => {
    if (!Number.isSafeInteger(p.amount) || p.amount <= 0 || p.amount > MAX_MINOR_UNITS) {
      fail(`part ${i + 1} of the split needs an amount greater than zero`);
    }
    const note = p.note.trim();
    if (note.length > MAX_SPLIT_NOTE)
      fail(`the note of part ${i + 1} may be at most ${MAX_SPLIT_NOTE} characters`);
    return { categoryId: p.categoryId, amount: p.amount, note };
  });
  const sum = clean.reduce((a, p) => a + p.amount, 0);
  if (sum !== total) {
    fail(
      `the parts of a split must add up to the amount: they add up to ${sum} minor units, the amount is ${total}`,
    );
  }
  if (new TextEncoder().encode(serializeSplits(clean)).length > MAX_SPLIT_BYTES) {
    fail('the split is too long to store: use fewer parts or shorter notes');
  }
  return clean;
}
