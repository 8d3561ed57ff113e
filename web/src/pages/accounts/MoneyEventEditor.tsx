import { useTranslation } from 'react-i18next';
import type { Kind } from '../../api/answers';
import { useCategories, useMoneyEvent } from '../../api/queries';
import { LoadedDialog } from '../../components/LoadedDialog';
import { TransactionForm } from '../transactions/TransactionForm';

/** An expense or income known by its id (a register row), loaded and then opened in the transaction form. */
export function MoneyEventEditor({ kind, id, onClose }: { kind: Kind; id: string; onClose: () => void }) {
  const { t } = useTranslation();
  const categories = useCategories(true);
  return (
    <LoadedDialog query={useMoneyEvent(kind, id)} title={t(`transactions.edit.${kind}`)} onClose={onClose}>
      {/* With the categories too, so the select does not show the row's category as a deleted one. */}
      {(event) =>
        categories.data && (
          <TransactionForm
            kind={kind}
            categories={categories.data}
            existing={event}
            onClose={onClose}
            onSaved={onClose}
          />
        )
      }
    </LoadedDialog>
  );
}
