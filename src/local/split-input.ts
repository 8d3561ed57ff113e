import { MoneyParseError, parseMoney } from '../domain/money.js';
import type { AmountContext, CategoryKind, SplitPartInput } from '../domain/schemas.js';
import type { SplitPart } from '../domain/splits.js';
import { NotFoundError, ValidationError } from '../domain/validation.js';
import type { CategoryRepository } from './category-repository.js';

/**
 * Split parts as a person typed them (a category id or name, an amount in their currency, a note), as the parts
 * the repository stores. Every refusal names `splits` and the part, so the API and the CLI say the same thing;
 * whether the parts add up to the row's amount is the repository's check.
 */
export function splitPartsOf(
  categories: CategoryRepository,
  userId: string,
  kind: CategoryKind,
  amounts: AmountContext,
  parts: readonly SplitPartInput[],
): SplitPart[] {
  return parts.map((p, i) => {
    const fail = (reason: string): never => {
      throw new ValidationError('splits', `part ${i + 1} of the split: ${reason}`);
    };
    let amount = 0;
    try {
      amount = parseMoney(
        String(p.amount),
        amounts.currency,
        amounts.locale ? { locale: amounts.locale } : {},
      );
    } catch (e) {
      if (!(e instanceof MoneyParseError)) throw e;
      fail(e.message);
    }
    if (amount <= 0) fail('amount must be greater than zero');
    let categoryId = '';
    try {
      categoryId = categories.resolve(userId, p.category, kind).id;
    } catch (e) {
      if (!(e instanceof NotFoundError)) throw e;
      fail(e.message);
    }
    const note = p.note ?? '';
    // A part's note shows on one line of a table: no line breaks or other control characters.
    // eslint-disable-next-line no-control-regex
    if (/[\u0000-\u001f\u007f]/.test(note))
      fail('the note must not contain line breaks or control characters');
    return { categoryId, amount, note };
  });
}
