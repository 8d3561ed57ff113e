import { COLUMN_ROLES, type ColumnRole } from '../../../../src/import/csv-columns.js';
import type { CsvLayout } from '../../../../src/import/csv-statement.js';
import type { DateOrder } from '../../../../src/import/date-formats.js';
import type { ImportChoices } from '../../api/answers';
import { SelectField } from '../../components/ui';

const ROLE_LABELS: Record<ColumnRole, string> = {
  date: 'Date',
  description: 'Description',
  payee: 'Payee',
  amount: 'Amount',
  debit: 'Money out (debit)',
  credit: 'Money in (credit)',
  direction: 'Debit/credit marker',
  currency: 'Currency',
  id: "Bank's transaction id",
};
const ORDER_LABELS: Record<DateOrder, string> = {
  ymd: 'Year first (2026-10-31)',
  dmy: 'Day first (31.10.2026)',
  mdy: 'Month first (10/31/2026)',
};

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
  return (
    <div className="import-layout" data-testid="import-layout">
      {layout && (
        <p className="muted small">
          Separated by {layout.delimiter === '\t' ? 'tabs' : `“${layout.delimiter}”`},{' '}
          {layout.headerLine === 0 ? 'no header row' : `header on line ${layout.headerLine}`}.
        </p>
      )}
      <div className="inline-form">
        <SelectField
          label="Dates are written"
          value={choices.dateFormat ?? layout?.dateOrder ?? ''}
          onChange={(e) => onChange({ dateFormat: e.target.value as DateOrder })}
          error={askDate ? 'The dates fit more than one order: say which' : undefined}
          data-testid="import-date-format"
        >
          {!layout && <option value="">Choose…</option>}
          {(Object.keys(ORDER_LABELS) as DateOrder[]).map((o) => (
            <option key={o} value={o}>
              {ORDER_LABELS[o]}
            </option>
          ))}
        </SelectField>
        {layout && (
          <SelectField
            label="Decimal separator"
            value={choices.decimal ?? layout.decimal}
            onChange={(e) => onChange({ decimal: e.target.value as '.' | ',' })}
            data-testid="import-decimal"
          >
            <option value=".">Point (1,234.50)</option>
            <option value=",">Comma (1.234,50)</option>
          </SelectField>
        )}
        {layout && (
          <SelectField
            label="Positive amounts are"
            value={(choices.invert ?? layout.invert) ? 'out' : 'in'}
            onChange={(e) => onChange({ invert: e.target.value === 'out' })}
            data-testid="import-invert"
          >
            <option value="in">Money in (bank account)</option>
            <option value="out">Money out (credit card)</option>
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
                label={ROLE_LABELS[role]}
                value={choices.columns?.[role] ?? (index === undefined ? '' : String(index + 1))}
                onChange={(e) => onChange({ columns: { [role]: e.target.value } })}
                data-testid={`import-column-${role}`}
              >
                {index === undefined && <option value="">Not found</option>}
                {layout.header.map((name, i) => (
                  <option key={i} value={String(i + 1)}>
                    {name || `Column ${i + 1}`}
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
