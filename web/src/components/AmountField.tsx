import type { ComponentProps } from 'react';
import { useApp } from '../context';
import { amountPlaceholder } from '../format';
import { TextField } from './ui';

/**
 * A money amount as the person types it, in their locale: the label names the currency and the placeholder
 * shows the locale's decimal mark. `readAmount` (forms.ts) reads what was typed.
 */
export function AmountField({ label, ...field }: ComponentProps<typeof TextField>) {
  const { currency, locale } = useApp();
  return (
    <TextField
      {...field}
      label={`${label} (${currency})`}
      inputMode="decimal"
      placeholder={amountPlaceholder(currency, locale)}
    />
  );
}
