import { useTranslation } from 'react-i18next';
import { isIsoDate } from '../../../src/domain/dates.js';
import { DateField } from './DateField';

type End = 'from' | 'to';

/**
 * "From" and "To" date fields, each bounded by the other; `onChange` gets the end that changed, with a date or
 * `''`, never text that is not yet a date (the field says what is wrong with it).
 */
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
    value,
    onChange: (date: string) => (date === '' || isIsoDate(date)) && onChange(name, date),
    'data-testid': testIds?.[name],
  });
  return (
    <>
      <DateField {...end('from', from)} label={t('fields.from')} max={to || undefined} />
      <DateField {...end('to', to)} label={t('fields.to')} min={from || undefined} />
    </>
  );
}
