import type { z } from 'zod';

/** Bad input: one clear message naming the field at fault. The CLI exits 2 on it, the API answers 4xx. */
export class ValidationError extends Error {
  override name = 'ValidationError';
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    // Reasons name the field themselves ("amount must be greater than zero"), so the message is the reason.
    super(reason);
  }
}

/** Something named does not exist (an unknown user, category or id). */
export class NotFoundError extends Error {
  override name = 'NotFoundError';
}

/** Parse with a zod schema, or throw a ValidationError for the first problem found. */
export function validate<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue ? issue.path.map(String).join('.') : '';
  throw new ValidationError(field, issue?.message ?? 'invalid input');
}
