import type { Account } from '../domain/entities.js';
import { UsageError } from './cli-errors.js';
import type { CliContext } from './cli-context.js';

/**
 * An account a row is about to be written to, by id or unambiguous name: live and not archived. The
 * repository checks this too; checking here first lets the line name the flag the person typed.
 */
export function usableAccount(ctx: CliContext, userId: string, ref: string, flag: string): Account {
  const account = ctx.accounts.resolve(userId, ref);
  if (account.archived)
    throw new UsageError(
      `${flag}: account "${account.name}" is archived; unarchive it first (pfm account unarchive)`,
    );
  return account;
}
