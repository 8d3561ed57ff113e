import { useTranslation } from 'react-i18next';
import { useId } from 'react';
import type { Kind } from '../api/answers';
import { usePayees } from '../api/queries';
import { useDebounced } from '../hooks';
import type { FieldProps } from '../use-form';
import { TextField } from './ui';

/** Who was paid (or who paid), with the payees already used as suggestions while one types. */
export function PayeeField({ kind, ...field }: FieldProps & { kind: Kind }) {
  const { t } = useTranslation();
  const listId = useId();
  const prefix = useDebounced(field.value.trim(), 200);
  const suggestions = (usePayees(kind, prefix).data ?? []).filter((p) => p !== field.value);
  return (
    <>
      <TextField
        {...field}
        label={kind === 'expense' ? t('fields.payee') : t('fields.payer')}
        list={listId}
        autoComplete="off"
        maxLength={120}
        data-testid="tx-payee"
      />
      <datalist id={listId} data-testid="tx-payee-options">
        {suggestions.map((p) => (
          <option key={p} value={p} />
        ))}
      </datalist>
    </>
  );
}
