import { useTranslation } from 'react-i18next';
import { CURRENCY_CODES } from '../../../../src/domain/currency.js';
import { SelectField } from '../../components/ui';
import type { FieldProps } from '../../use-form';
import { COMMON_CURRENCIES, LOCALES, displayLocale } from './locale-choices';

const OTHER_CURRENCIES = CURRENCY_CODES.filter((c) => !COMMON_CURRENCIES.includes(c));

/** A new account's currency and number/date format. */
export function RegisterFields({
  currency,
  locale,
  browserLocale,
}: {
  currency: FieldProps;
  locale: FieldProps;
  /** Offered first when the list does not have it. */
  browserLocale: string;
}) {
  const { t } = useTranslation();
  const locales = LOCALES.includes(browserLocale) ? LOCALES : [browserLocale, ...LOCALES];
  return (
    <div className="form-row">
      <SelectField {...currency} label={t('login.currency')} data-testid="auth-currency">
        <optgroup label={t('login.common')}>
          {COMMON_CURRENCIES.map((c) => (
            <option key={c}>{c}</option>
          ))}
        </optgroup>
        <optgroup label={t('login.allCurrencies')}>
          {OTHER_CURRENCIES.map((c) => (
            <option key={c}>{c}</option>
          ))}
        </optgroup>
      </SelectField>
      <SelectField {...locale} label={t('login.format')}>
        {locales.map((l) => (
          <option key={l} value={l}>
            {displayLocale(l)}
          </option>
        ))}
      </SelectField>
    </div>
  );
}
