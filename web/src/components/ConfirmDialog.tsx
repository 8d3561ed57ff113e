import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Modal } from './ui';

/** A question before a change that cannot simply be taken back: confirm, or back out (Escape too). */
export function ConfirmDialog({
  title,
  children,
  confirm,
  busy,
  onConfirm,
  onClose,
}: {
  title: string;
  children: ReactNode;
  confirm: string;
  busy?: boolean;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal title={title} onClose={onClose} data-testid="confirm-dialog">
      <div className="form">
        <p>{children}</p>
        <div className="form-actions">
          <span className="spacer" />
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button variant="primary" busy={busy} onClick={onConfirm} data-testid="confirm-yes">
            {confirm}
          </Button>
        </div>
      </div>
    </Modal>
  );
}
