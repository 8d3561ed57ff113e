import type { ReconciledSave } from '../use-reconciled-save';
import { ConfirmDialog } from './ConfirmDialog';

/** The question before a change to a reconciled row goes out; shown while `guard` holds one. */
export function ReconciledChangeConfirm({
  guard,
  noun,
  busy,
}: {
  guard: ReconciledSave;
  /** What the row is: "expense", "income", "transfer". */
  noun: string;
  busy: boolean;
}) {
  if (!guard.pending) return null;
  return (
    <ConfirmDialog
      title="Change a reconciled row?"
      confirm="Save anyway"
      busy={busy}
      onConfirm={guard.confirm}
      onClose={guard.cancel}
    >
      A bank statement already agreed on this {noun}. Changing it means the account no longer matches that
      statement.
    </ConfirmDialog>
  );
}
