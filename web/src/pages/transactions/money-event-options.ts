import type { Kind, MoneyEvent } from '../../api/answers';

/** Suggestions for an expense's payment method and an income's source (any text is allowed). */
export const METHODS = ['card', 'cash', 'transfer', 'direct debit'];
export const SOURCES = ['employer', 'client', 'bank', 'refund'];

/** The field that differs between the two kinds: `method` of an expense, `source` of an income. */
export function extraKeyOf(kind: Kind): 'method' | 'source' {
  return kind === 'expense' ? 'method' : 'source';
}

export function suggestionsOf(kind: Kind): string[] {
  return kind === 'expense' ? METHODS : SOURCES;
}

/** The payment method of an expense or the source of an income. */
export function extraOf(event: MoneyEvent): string | null {
  if ('method' in event) return event.method;
  if ('source' in event) return event.source;
  return null;
}
