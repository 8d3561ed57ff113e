import type { RowStatus } from '../domain/accounts.js';
import { ValidationError } from '../domain/validation.js';

/** How a change to a reconciled row is allowed. */
export interface EditOptions {
  /** The person confirmed changing a row the bank already agreed on. */
  readonly confirmReconciled?: boolean;
}

/**
 * A reconciled row is what a bank statement agreed on: changing it (anything but its status) or deleting it
 * asks first. Refused without `confirmReconciled`, naming that flag.
 */
export function requireEditable(
  status: RowStatus,
  changes: Readonly<Record<string, unknown>>,
  options: EditOptions,
): void {
  if (status !== 'reconciled' || options.confirmReconciled) return;
  if (Object.values(changes).every((v) => v === undefined)) return;
  throw new ValidationError(
    'confirmReconciled',
    'this row is reconciled with a bank statement: confirm (confirmReconciled) to change it',
  );
}
