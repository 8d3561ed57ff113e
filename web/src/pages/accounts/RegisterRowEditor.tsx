import type { Account, RegisterEntry } from '../../../../src/domain/entities.js';
import { MoneyEventEditor } from './MoneyEventEditor';
import { TransferEditor } from './TransferEditor';

/** A register row with an edit form of its own: all but the opening balance. */
export type EditableRow = RegisterEntry & { kind: 'expense' | 'income' | 'transfer' };

/** The edit form of a register's row: the transaction form for an expense or income, else the transfer form. */
export function RegisterRowEditor({
  row,
  accounts,
  onClose,
}: {
  row: EditableRow;
  /** The accounts a transfer may move between. */
  accounts: readonly Account[];
  onClose: () => void;
}) {
  return row.kind === 'transfer' ? (
    <TransferEditor id={row.id} accounts={accounts} onClose={onClose} />
  ) : (
    <MoneyEventEditor kind={row.kind} id={row.id} onClose={onClose} />
  );
}
