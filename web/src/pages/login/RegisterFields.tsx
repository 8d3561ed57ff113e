import { CURRENCY_CODES } from '../../../../src/domain/currency.js';
import { SelectField } from '../../components/ui';
import type { FieldErrors } from '../../forms';
import { COMMON_CURRENCIES, LOCALES, displayLocale } from './locale-choices';

const OTHER_CURRENCIES = CURRENCY_CODES.filter((c) => !COMMON_CURRENCIES.includes(c));

/** A new account's currency and number/date format. */
export function RegisterFields({
  currency,
  locale,
  browserLocale,
  errors,
  onCurrency,
  onLocale,
}: {
  currency: string;
  locale: string;
  /** Offered first when the list does not have it. */
  browserLocale: string;
  errors: FieldErrors;
  onCurrency: (currency: string) => void;
  onLocale: (locale: string) => void;
}) {
  const locales = LOCALES.includes(browserLocale) ? LOCALES : [browserLocale, ...LOCALES];
  return (
    <div className="form-row">
      <SelectField
        label="Currency"
        value={currency}
        onChange={(e) => onCurrency(e.target.value)}
        error={errors['currency']}
        data-testid="auth-currency"
      >
        <optgroup label="Common">
          {COMMON_CURRENCIES.map((c) => (
            <option key={c}>{c}</option>
          ))}
        </optgroup>
        <optgroup label="All currencies">
          {OTHER_CURRENCIES.map((c) => (
            <option key={c}>{c}</option>
          ))}
        </optgroup>
      </SelectField>
      <SelectField
        label="Number and date format"
        value={locale}
        onChange={(e) => onLocale(e.target.value)}
        error={errors['locale']}
      >
        {locales.map((l) => (
          <option key={l} value={l}>
            {displayLocale(l)}
          </option>
        ))}
      </SelectField>
    </div>
  );
}
