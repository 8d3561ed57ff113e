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
              <span className="sr-only">Selected</span>
            </th>
            {sortHeader('date', 'Date', 'col-date')}
            <th className="col-note">Payee and note</th>
            {sortHeader('category', 'Category', 'col-category')}
            <th className="col-extra">{isExpense ? 'Method · account' : 'Source · account'}</th>
            {sortHeader('amount', 'Amount', 'num col-amount')}
            <th className="col-actions">
              <span className="sr-only">Actions</span>
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
                  aria-label={`Select ${item.note || item.categoryName} of ${dateText(item.date, locale)}`}
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
                    {item.categoryDeleted && <span className="sr-only"> (deleted category)</span>}
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
                  aria-label={`Edit ${item.payee || item.note || item.categoryName} of ${dateText(item.date, locale)}`}
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
