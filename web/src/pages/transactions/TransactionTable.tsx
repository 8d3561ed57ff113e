import { useTranslation } from 'react-i18next';
import type { Kind, MoneyEvent } from '../../api/answers';
import { useApp } from '../../context';
import { Icon } from '../../components/Icon';
import { TagChips } from '../../components/TagsField';
import { dateText } from '../../format';
import { useMoney } from '../../use-money';
import { extraOf } from './money-event-options';
import { SplitCell } from './SplitCell';
import type { SortKey, TransactionFilters } from './use-transaction-filters';

/** One page of expenses or income; the sortable headers sort, a click on a row edits it. */
export function TransactionTable({
  kind,
  items,
  loading,
  filters: { filters, toggleSort },
  onEdit,
  selected,
  onToggle,
}: {
  kind: Kind;
  items: MoneyEvent[];
  /** The next answer is on its way: the rows shown are the previous ones. */
  loading: boolean;
  filters: TransactionFilters;
  onEdit: (item: MoneyEvent) => void;
  /** The ids of the rows ticked for a bulk change. */
  selected: ReadonlySet<string>;
  onToggle: (id: string) => void;
}) {
  const { t } = useTranslation();
  const { locale } = useApp();
  const fmt = useMoney();
  const isExpense = kind === 'expense';
  const sortHeader = (k: SortKey, label: string, className: string) => {
    const sorted = filters.sort === k;
    return (
      <th
        className={className}
        aria-sort={sorted ? (filters.order === 'asc' ? 'ascending' : 'descending') : 'none'}
      >
        <button type="button" className="sort-btn" onClick={() => toggleSort(k)} data-testid={`sort-${k}`}>
          {label}
          <Icon name={sorted ? (filters.order === 'asc' ? 'sortUp' : 'sortDown') : 'sort'} size={14} />
        </button>
      </th>
    );
  };
  return (
    <div className={loading ? 'table-wrap is-loading' : 'table-wrap'}>
      <table className="table tx-table tx-selectable" data-testid="transactions-table">
        <thead>
          <tr>
            <th className="col-select">
              <span className="sr-only">{t('transactions.selected')}</span>
            </th>
            {sortHeader('date', t('transactions.date'), 'col-date')}
            <th className="col-note">{t('transactions.payeeAndNote')}</th>
            {sortHeader('category', t('schedules.category'), 'col-category')}
            <th className="col-extra">
              {isExpense ? t('transactions.methodAccount') : t('transactions.sourceAccount')}
            </th>
            {sortHeader('amount', t('amount.amount'), 'num col-amount')}
            <th className="col-actions">
              <span className="sr-only">{t('transactions.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={item.id} data-testid="transaction-row" onClick={() => onEdit(item)}>
              <td className="col-select" onClick={(e) => e.stopPropagation()}>
                <input
                  type="checkbox"
                  checked={selected.has(item.id)}
                  onChange={() => onToggle(item.id)}
                  aria-label={t('transactions.selectRow', {
                    name: item.note || item.categoryName,
                    date: dateText(item.date, locale),
                  })}
                  data-testid="row-select"
                />
              </td>
              <td className="col-date">{dateText(item.date, locale)}</td>
              <td className="col-note">
                {item.payee ? (
                  <>
                    <span className="tx-payee">{item.payee}</span>
                    {item.note && <span className="muted small tx-subnote">{item.note}</span>}
                  </>
                ) : (
                  item.note || <span className="muted">—</span>
                )}
                <TagChips tags={item.tags} />
              </td>
              {item.splits ? (
                <SplitCell parts={item.splits} />
              ) : (
                <td className="col-category">
                  <span className={item.categoryDeleted ? 'chip chip-deleted' : 'chip'}>
                    {item.categoryName}
                    {item.categoryDeleted && (
                      <span className="sr-only"> {t('transactions.deletedCategory')}</span>
                    )}
                  </span>
                </td>
              )}
              <td className="col-extra">
                {extraOf(item) || <span className="muted">—</span>}
                <span className="muted small tx-account"> · {item.accountName}</span>
              </td>
              <td
                className={`num col-amount amount ${isExpense ? 'negative' : 'positive'}`}
                data-testid="transaction-amount"
              >
                {isExpense ? '−' : '+'}
                {fmt(item.amount)}
              </td>
              <td className="col-actions">
                <button
                  type="button"
                  className="icon-btn"
                  aria-label={t('transactions.editRow', {
                    name: item.payee || item.note || item.categoryName,
                    date: dateText(item.date, locale),
                  })}
                  onClick={(e) => {
                    e.stopPropagation();
                    onEdit(item);
                  }}
                >
                  <Icon name="edit" size={18} />
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
