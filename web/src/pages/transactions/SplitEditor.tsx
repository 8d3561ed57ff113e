import { useTranslation } from 'react-i18next';
import type { Category } from '../../../../src/domain/entities.js';
import { Button, SelectField, TextField } from '../../components/ui';
import { AmountField } from '../../components/AmountField';
import { CategoryOptions } from '../../components/CategoryOptions';
import { Icon } from '../../components/Icon';
import { useMoney } from '../../use-money';
import { emptyPart, type SplitRow } from './split-parts';
import './splits.css';

/**
 * The parts of a split transaction: a category, an amount and a note each, with what is still to assign shown
 * as one types. `rows` null means not split: then only the button that starts a split shows.
 */
export function SplitEditor({
  rows,
  onChange,
  categories,
  firstCategory,
  total,
  assigned,
  error,
}: {
  rows: SplitRow[] | null;
  onChange: (rows: SplitRow[] | null) => void;
  categories: readonly Category[];
  /** The category chosen before splitting: the first part starts in it. */
  firstCategory: string;
  /** The event's amount in minor units, null while it does not read. */
  total: number | null;
  /** What the parts add up to so far, in minor units. */
  assigned: number;
  error: string | undefined;
}) {
  const { t } = useTranslation();
  const money = useMoney();
  if (!rows) {
    return (
      <div className="split-start">
        <Button
          icon="plus"
          onClick={() => onChange([emptyPart(firstCategory), emptyPart()])}
          data-testid="tx-split"
        >
          {t('splits.split')}
        </Button>
      </div>
    );
  }
  const change = (key: number, patch: Partial<SplitRow>) =>
    onChange(rows.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  const left = total === null ? null : total - assigned;
  return (
    <fieldset className="split-editor" data-testid="split-editor" aria-describedby="split-left">
      <legend>{t('splits.split')}</legend>
      {rows.map((r, i) => (
        <div className="split-part" key={r.key} data-testid="split-part">
          <SelectField
            label={t('splits.partCategory', { n: i + 1 })}
            value={r.category}
            onChange={(e) => change(r.key, { category: e.target.value })}
            data-testid="split-category"
          >
            <option value="" disabled>
              {t('splits.choose')}
            </option>
            {r.category && !categories.some((c) => c.name === r.category) && (
              <option value={r.category}>
                {r.category} {t('charts.deleted')}
              </option>
            )}
            <CategoryOptions categories={categories} />
          </SelectField>
          <AmountField
            label={t('splits.partAmount', { n: i + 1 })}
            value={r.amount}
            onChange={(e) => change(r.key, { amount: e.target.value })}
            error={undefined}
            data-testid="split-amount"
          />
          <TextField
            label={t('splits.partNote', { n: i + 1 })}
            value={r.note}
            onChange={(e) => change(r.key, { note: e.target.value })}
            maxLength={80}
            data-testid="split-note"
          />
          <button
            type="button"
            className="icon-btn split-remove"
            aria-label={t('splits.removePart', { n: i + 1 })}
            disabled={rows.length <= 2}
            onClick={() => onChange(rows.filter((x) => x.key !== r.key))}
          >
            <Icon name="close" size={16} />
          </button>
        </div>
      ))}
      <p id="split-left" className="split-left" aria-live="polite" data-testid="split-left">
        {left === null
          ? t('splits.enterAmount')
          : left === 0
            ? t('splits.allAssigned')
            : left > 0
              ? t('splits.leftToAssign', { amount: money(left) })
              : t('splits.moreThan', { amount: money(-left) })}
      </p>
      {error && (
        <p className="field-error" role="alert" data-testid="split-error">
          {error}
        </p>
      )}
      <div className="split-actions">
        <Button icon="plus" onClick={() => onChange([...rows, emptyPart()])} data-testid="split-add">
          {t('splits.addPart')}
        </Button>
        <Button variant="ghost" onClick={() => onChange(null)} data-testid="split-remove-all">
          {t('splits.dontSplit')}
        </Button>
      </div>
    </fieldset>
  );
}
