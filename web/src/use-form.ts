import { useState, type ChangeEvent, type FormEvent } from 'react';
import type { FieldErrors } from './forms';

type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

/** What ties a TextField, SelectField, TextAreaField or AmountField to one value of a form. */
export interface FieldProps {
  value: string;
  onChange: (event: ChangeEvent<Control>) => void;
  error: string | undefined;
}

/**
 * A form's text per field and its error per field (`_form` for one that names no field), so that every form
 * binds its fields, checks them and shows what is wrong the same way.
 */
export function useForm<K extends string>(initial: Record<K, string>) {
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const set = (change: Partial<Record<K, string>>) => setValues((v) => ({ ...v, ...change }));
  return {
    values,
    errors,
    setErrors,
    set,
    /** Spread onto a field component: `<TextField {...field('name')} label="Name" />`. */
    field: (name: K): FieldProps => ({
      value: values[name],
      onChange: (e) => set({ [name]: e.target.value } as Partial<Record<K, string>>),
      error: errors[name],
    }),
    /**
     * Spread onto a DateField, whose change is the value itself: `<DateField {...dateField('date')} />`. A
     * change drops the field's error from the last submit: the field checks its new text itself.
     */
    dateField: (name: K) => ({
      value: values[name],
      onChange: (value: string) => {
        set({ [name]: value } as Partial<Record<K, string>>);
        setErrors((found) => ({ ...found, [name]: undefined }));
      },
      error: errors[name],
    }),
    /** A submit handler: what `check` finds shows under the fields, and `send` runs only when it finds nothing. */
    onSubmit: (check: () => FieldErrors, send: () => void) => (event: FormEvent) => {
      event.preventDefault();
      const found = check();
      setErrors(found);
      if (Object.values(found).every((error) => !error)) send();
    },
  };
}
