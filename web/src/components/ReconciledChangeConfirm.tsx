import { useTranslation } from 'react-i18next';
import type { ReconciledSave } from '../use-reconciled-save';
import { ConfirmDialog } from './ConfirmDialog';

/** The question before a change to a reconciled row goes out; shown while `guard` holds one. */
export function ReconciledChangeConfirm({
  guard,
  noun,
  busy,
}: {
  guard: ReconciledSave;
  /** What the row is. */
  noun: 'expense' | 'income' | 'transfer';
  busy: boolean;
}) {
  const { t } = useTranslation();
  if (!guard.pending) return null;
  return (
    <ConfirmDialog
      title={t('reconciled.title')}
      confirm={t('reconciled.confirm')}
      busy={busy}
      onConfirm={guard.confirm}
      onClose={guard.cancel}
    >
      {t(`reconciled.${noun}`)}
    </ConfirmDialog>
  );
}
