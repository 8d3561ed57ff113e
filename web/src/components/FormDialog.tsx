import type { FormEvent, ReactNode } from 'react';
import type { FieldErrors } from '../forms';
import { Form } from './Form';
import { useTranslation } from 'react-i18next';
import { Button, Modal } from './ui';

/**
 * A dialog holding one form: its fields, then a row of actions with Cancel and the submit button on the
 * right and anything else (Delete, Archive) on the left. Every add/edit dialog of the app is one.
 */
export function FormDialog({
  title,
  onClose,
  onSubmit,
  errors,
  busy,
  submitLabel,
  submitDisabled,
  extraActions,
  after,
  children,
  ...rest
}: {
  title: string;
  onClose: () => void;
  onSubmit: (event: FormEvent) => void;
  errors: FieldErrors;
  busy: boolean;
  submitLabel: string;
  submitDisabled?: boolean;
  /** Actions on the left of the row (Delete, Archive). */
  extraActions?: ReactNode;
  /** What follows the form inside the dialog (a question asked over it). */
  after?: ReactNode;
  children: ReactNode;
  'data-testid'?: string;
  /** The test id of the submit button. */
  submitTestId?: string;
}) {
  const { t } = useTranslation();
  return (
    <Modal title={title} onClose={onClose} data-testid={rest['data-testid']}>
      <Form onSubmit={onSubmit} errors={errors}>
        {children}
        <div className="form-actions">
          {extraActions}
          <span className="spacer" />
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button
            type="submit"
            variant="primary"
            busy={busy}
            disabled={submitDisabled}
            data-testid={rest.submitTestId}
          >
            {submitLabel}
          </Button>
        </div>
      </Form>
      {after}
    </Modal>
  );
}
