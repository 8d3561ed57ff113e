import { useTranslation } from 'react-i18next';
import type { Account } from '../../../../src/domain/entities.js';
import { useTransfer } from '../../api/queries';
import { LoadedDialog } from '../../components/LoadedDialog';
import { TransferForm } from './TransferForm';

/** A transfer known by its id (a register row), loaded and then opened in the transfer form. */
export function TransferEditor({
  id,
  accounts,
  onClose,
}: {
  id: string;
  accounts: readonly Account[];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <LoadedDialog query={useTransfer(id)} title={t('transfers.edit')} onClose={onClose}>
      {(transfer) => <TransferForm accounts={accounts} existing={transfer} onClose={onClose} />}
    </LoadedDialog>
  );
}
