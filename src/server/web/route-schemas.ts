import { z } from 'zod';
import type { User } from '../../domain/entities.js';
import { positiveAmount, signedAmount } from '../../domain/schemas.js';
import { badRequest } from '../http-errors.js';

/** The `:id` of a row in a URL; a missing or foreign id is the route's own 404. */
export const idParams = z.object({ id: z.string() });

/**
 * An answer with no fields to name (an event stream, a file, the OpenAPI document), described for people. JSON
 * answers have their schemas in the `*-answers.ts` files and `answer-schemas.ts`.
 */
export const answer = (description: string) => z.unknown().describe(description);
/** An answer without a body (204). */
export const noContent = (description: string) => z.null().describe(description);

/**
 * An amount as typed: text ("12.50") or a number. A route's schema checks only this, since how many decimals an
 * amount may have depends on the currency of the logged-in user; `amountIn` then reads it in that currency.
 */
export const amountText = (what = 'amount') =>
  z.union([z.string(), z.number()], { error: `${what} is required` });

/** An amount checked by `amountText`, as minor units of the user's currency; else a 400 naming the field. */
export function amountIn(user: User, raw: string | number, field = 'amount'): number {
  const result = positiveAmount({ currency: user.currency }, field).safeParse(raw);
  if (result.success) return result.data;
  throw badRequest(result.error.issues[0]?.message ?? `${field} is not an amount`, field);
}

/** An amount checked by `amountText` that may be zero or negative (a balance), as minor units; else a 400. */
export function signedAmountIn(user: User, raw: string | number, field: string): number {
  const result = signedAmount({ currency: user.currency }, field).safeParse(raw);
  if (result.success) return result.data;
  throw badRequest(result.error.issues[0]?.message ?? `${field} is not an amount`, field);
}

/** `?confirmReconciled=true`: the person agreed to delete a row a bank statement already agreed on. */
export const confirmQuery = z.object({
  confirmReconciled: z
    .enum(['true', 'false'], { error: 'confirmReconciled must be true or false' })
    .optional(),
});

/** The header of a delete's answer naming the undo operation that brings the row back (POST /api/undo/{id}). */
export const UNDO_HEADER = 'x-undo-operation';

/** The schema of a DELETE by `:id` that a reconciled row refuses without `?confirmReconciled=true`. */
export const confirmedDelete = (tags: string[], what: string) => ({
  tags,
  summary: `Delete ${what} (a reconciled one with confirmReconciled=true, else 400 naming it)`,
  description: `The answer's ${UNDO_HEADER} header names the operation that undoes the delete (POST /api/undo/{operationId}).`,
  params: idParams,
  querystring: confirmQuery,
  response: { 204: noContent(`deleted; the ${UNDO_HEADER} header names its undo operation`) },
});
