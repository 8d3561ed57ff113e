import { useTranslation } from 'react-i18next';
import { COLUMN_ROLES } from '../../../../src/import/csv-columns.js';
import type { CsvLayout } from '../../../../src/import/csv-statement.js';
import type { DateOrder } from '../../../../src/import/date-formats.js';
import type { ImportChoices } from '../../api/answers';
import { SelectField } from '../../components/ui';

const ORDERS: readonly DateOrder[] = ['ymd', 'dmy', 'mdy'];

/** The detected layout, each part changeable: the preview reloads with the choice. */
export function LayoutControls({
  layout,
  choices,
  askDate,
  onChange,
}: {
  layout: CsvLayout | null;
  choices: ImportChoices;
  askDate: boolean;
  onChange: (update: ImportChoices) => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="import-layout" data-testid="import-layout">
      {layout && (
        <p className="muted small">
          {t('import.separatedBy', {
            delimiter: layout.delimiter === '\t' ? t('import.tabs') : `“${layout.delimiter}”`,
          })}
          ,{' '}
          {layout.headerLine === 0 ? t('import.noHeader') : t('import.headerOn', { line: layout.headerLine })}
          .
        </p>
      )}
      <div className="inline-form">
        <SelectField
          label={t('import.datesWritten')}
          value={choices.dateFormat ?? layout?.dateOrder ?? ''}
          onChange={(e) => onChange({ dateFormat: e.target.value as DateOrder })}
          error={askDate ? t('import.sayWhich') : undefined}
          data-testid="import-date-format"
        >
          {!layout && <option value="">{t('splits.choose')}</option>}
          {ORDERS.map((o) => (
            <option key={o} value={o}>
              {t(`import.orders.${o}`)}
            </option>
          ))}
        </SelectField>
        {layout && (
          <SelectField
            label={t('import.decimal')}
            value={choices.decimal ?? layout.decimal}
            onChange={(e) => onChange({ decimal: e.target.value as '.' | ',' })}
            data-testid="import-decimal"
          >
            <option value=".">{t('import.point')}</option>
            <option value=",">{t('import.comma')}</option>
          </SelectField>
        )}
        {layout && (
          <SelectField
            label={t('import.positiveAre')}
            value={(choices.invert ?? layout.invert) ? 'out' : 'in'}
            onChange={(e) => onChange({ invert: e.target.value === 'out' })}
            data-testid="import-invert"
          >
            <option value="in">{t('import.moneyIn')}</option>
            <option value="out">{t('import.moneyOut')}</option>
          </SelectField>
        )}
      </div>
      {layout && (
        <div className="inline-form">
          {COLUMN_ROLES.filter(
            (role) => layout.mapping[role] !== undefined || ['date', 'description', 'amount'].includes(role),
          ).map((role) => {
            const index = layout.mapping[role];
            return (
              <SelectField
                key={role}
                label={t(`import.roles.${role}`)}
                value={choices.columns?.[role] ?? (index === undefined ? '' : String(index + 1))}
                onChange={(e) => onChange({ columns: { [role]: e.target.value } })}
                data-testid={`import-column-${role}`}
              >
                {index === undefined && <option value="">{t('import.notFound')}</option>}
                {layout.header.map((name, i) => (
                  <option key={i} value={String(i + 1)}>
                    {name || t('import.column', { n: i + 1 })}
                  </option>
                ))}
              </SelectField>
            );
          })}
        </div>
      )}
    </div>
  );
}
