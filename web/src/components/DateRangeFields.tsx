import { useTranslation } from 'react-i18next';
import type { ChangeEvent } from 'react';
import { TextField } from './ui';

type End = 'from' | 'to';

/** "From" and "To" date fields, each bounded by the other; `onChange` gets the end that changed. */
export function DateRangeFields({
  from,
  to,
  onChange,
  testIds,
}: {
  from: string;
  to: string;
  onChange: (end: End, date: string) => void;
  testIds?: Record<End, string>;
}) {
  const { t } = useTranslation();
  const end = (name: End, value: string) => ({
    type: 'date',
    value,
    onChange: (e: ChangeEvent<HTMLInputElement>) => onChange(name, e.target.value),
    'data-testid': testIds?.[name],
  });
  return (
    <>
      <TextField {...end('from', from)} label={t('fields.from')} max={to || undefined} />
      <TextField {...end('to', to)} label={t('fields.to')} min={from || undefined} />
    </>
  );
}
