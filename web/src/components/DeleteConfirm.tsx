import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from './ui';

/** A form's "Delete" that asks first: Delete again to confirm, Keep to back out. */
export function DeleteConfirm({
  question,
  busy,
  onDelete,
  testIds = {},
}: {
  question: string;
  busy: boolean;
  onDelete: () => void;
  testIds?: { ask?: string; confirm?: string };
}) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState(false);
  return asking ? (
    <div className="confirm-inline">
      <span>{question}</span>
      <Button variant="danger" onClick={onDelete} busy={busy} data-testid={testIds.confirm}>
        {t('common.delete')}
      </Button>
      <Button variant="ghost" onClick={() => setAsking(false)}>
        {t('common.keep')}
      </Button>
    </div>
  ) : (
    <Button
      variant="ghost"
      icon="trash"
      className="danger-text"
      onClick={() => setAsking(true)}
      data-testid={testIds.ask}
    >
      {t('common.delete')}
    </Button>
  );
}
