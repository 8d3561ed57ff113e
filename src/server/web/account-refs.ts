import { ValidationError, NotFoundError } from '../../domain/validation.js';
import { badRequest } from '../http-errors.js';
import type { ServerContext } from './server-context.js';

/**
 * A live account of the user named in a body by id or name, as its id; anything else is a 400 naming the
 * body's `field` (another user's account is answered like a missing one).
 */
export function accountIdFor(ctx: ServerContext, userId: string, ref: string, field: string): string {
  try {
    return ctx.accounts.resolve(userId, ref).id;
  } catch (e) {
    if (e instanceof NotFoundError) throw badRequest(`${field}: ${e.message}`, field);
    throw e;
  }
}

/** An account to filter a list by: by id (deleted ones too, their rows still show) or by name. */
export function filterAccountId(ctx: ServerContext, userId: string, ref: string): string {
  try {
    return ctx.accounts.get(userId, ref).id;
  } catch (e) {
    if (!(e instanceof NotFoundError)) throw e;
  }
  return accountIdFor(ctx, userId, ref, 'account');
}

/**
 * Runs a repository call whose refusals name its own fields (`fromAccountId`), renaming them to the fields of
 * the API's body (`from`), so a person sees the field they sent.
 */
export function withBodyFields<T>(fields: Readonly<Record<string, string>>, run: () => T): T {
  try {
    return run();
  } catch (e) {
    if (e instanceof ValidationError && fields[e.field]) {
      let message = e.message;
      for (const [name, field] of Object.entries(fields)) message = message.replaceAll(name, field);
      throw new ValidationError(fields[e.field] as string, message);
    }
    throw e;
  }
}
