import { useMemo } from 'react';
import { useApp } from './context';
import { DATE_LABELS, type DateLabels } from './date-labels';
import { dateHint, dateLocale, formatDate, readDate } from './date-input';
import { today } from './format';

/** Dates typed in the signed-in person's locale: reading, writing, the hint, and a form's check. */
export function useDateInput(labels: DateLabels = DATE_LABELS) {
  const { locale } = useApp();
  const where = useMemo(() => dateLocale(locale), [locale]);
  const now = today();
  const read = (text: string) => readDate(text, where, now, labels);
  return {
    today: now,
    hint: dateHint(where, now, labels),
    read,
    format: (date: string) => formatDate(date, where),
    /**
     * What is wrong with a DateField's value on submit: text that is not a date, or nothing when `required`
     * names the message for that.
     */
    problem: (value: string, required?: string): string | undefined => {
      const found = read(value);
      if (!found.ok) return found.error;
      return found.date === '' ? required : undefined;
    },
  };
}
