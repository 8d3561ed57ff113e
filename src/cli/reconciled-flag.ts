import { ValidationError } from '../domain/validation.js';
import { UsageError } from './cli-errors.js';

/**
 * Run a change that the repository refuses for a reconciled row unless confirmed; its refusal names the API's
 * field, so on the command line it is said again with the flag.
 */
export function withReconciledFlag<T>(change: () => T): T {
  try {
    return change();
  } catch (e) {
    if (e instanceof ValidationError && e.field === 'confirmReconciled')
      throw new UsageError(
        'this row is reconciled with a bank statement: add --confirm-reconciled to change or delete it',
      );
    throw e;
  }
}
