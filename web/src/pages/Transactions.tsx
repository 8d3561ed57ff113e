import { useState } from 'react';
import { withQuery } from '../api';
import { useApp } from '../context';
import { Icon } from '../components/Icon';
import {
  Button,
  Card,
  EmptyState,
  ErrorNote,
  Loading,
  PageHeader,
  SelectField,
  TextField,
} from '../components/ui';
import { METHODS, SOURCES, TransactionForm, itemsOf, pathOf } from '../components/TransactionForm';
import { addMonths, dateText, lastDayOf, money, numberText, thisMonth, today } from '../format';
import { useDebounced, useResource } from '../hooks';
import type { Category, Items, Kind, MoneyEvent, MoneyEventPage } from '../types';

type SortKey = 'date' | 'amount' | 'category';
type Period = 'all' | 'this-month' | 'last-month' | 'last-90' | 'this-year' | 'custom';

function periodRange(period: Period): { from: string; to: string } {
  const month = thisMonth();
  switch (period) {
    case 'this-month':
      return { from: `${month}-01`, to: lastDayOf(month) };
    case 'last-month': {
      const last = addMonths(month, -1);
      return { from: `${last}-01`, to: lastDayOf(last) };
    }
    case 'last-90': {
      const d = new Date();
      d.setDate(d.getDate() - 89);
      const p = (n: number) => String(n).padStart(2, '0');
      return { from: `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`, to: today() };
    }
    case 'this-year':
      return { from: `${month.slice(0, 4)}-01-01`, to: `${month.slice(0, 4)}-12-31` };
    default:
      return { from: '', to: '' };
  }
}

export function TransactionsPage({ kind }: { kind: Kind }) {
  const { currency, locale } = useApp();
  const isExpense = kind === 'expense';
  const extraKey = isExpense ? 'method' : 'source';
  const [period, setPeriod] = useState<Period>('all');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [category, setCategory] = useState('');
  const [extra, setExtra] = useState('');
  const [search, setSearch] = useState('');
  const [sort, setSort] = useState<SortKey>('date');
  const [order, setOrder] = useState<'asc' | 'desc'>('desc');
  const [limit, setLimit] = useState(25);
  const [offset, setOffset] = useState(0);
  const [editing, setEditing] = useState<MoneyEvent | 'new' | null>(null);
  const [filtersOpen, setFiltersOpen] = useState(false);
  const debouncedSearch = useDebounced(search.trim(), 300);
  const debouncedExtra = useDebounced(extra.trim(), 300);

  const range = period === 'custom' ? { from, to } : periodRange(period);
  const list = useResource<MoneyEventPage>(
    withQuery(pathOf(kind), {
      from: range.from,
      to: range.to,
      category,
      [extraKey]: debouncedExtra,
      search: debouncedSearch,
      sort,
      order,
      limit,
      offset,
    }),
  );
  const categories = useResource<Items<Category> | Category[]>('/api/categories?includeDeleted=true');
  const ofKind = itemsOf(categories.data).filter((c) => c.kind === kind);
  const fmt = (n: number) => money(n, currency, locale);

  const resetPage = () => setOffset(0);
  const toggleSort = (key: SortKey) => {
    if (sort === key) setOrder(order === 'asc' ? 'desc' : 'asc');
    else {
      setSort(key);
      setOrder(key === 'category' ? 'asc' : 'desc');
    }
    resetPage();
  };
  const data = list.data;
  const total = data?.total ?? 0;
  const page = Math.floor(offset / limit) + 1;
  const pages = Math.max(1, Math.ceil(total / limit));
  const filtered = Boolean(range.from || range.to || category || debouncedExtra || debouncedSearch);
  const clearFilters = () => {
    setPeriod('all');
    setFrom('');
    setTo('');
    setCategory('');
    setExtra('');
    setSearch('');
    resetPage();
  };

  const sortHeader = (k: SortKey, label: string, className: string) => (
    <th
      className={className}
      aria-sort={sort === k ? (order === 'asc' ? 'ascending' : 'descending') : 'none'}
    >
      <button type="button" className="sort-btn" onClick={() => toggleSort(k)} data-testid={`sort-${k}`}>
        {label}
        <Icon name={sort === k ? (order === 'asc' ? 'sortUp' : 'sortDown') : 'sort'} size={14} />
      </button>
    </th>
  );

  return (
    <div className="page" data-testid={`page-${isExpense ? 'expenses' : 'income'}`}>
      <PageHeader
        title={isExpense ? 'Expenses' : 'Income'}
        subtitle={
          data
            ? `${numberText(total, locale)} ${total === 1 ? 'entry' : 'entries'}${filtered ? (total === 1 ? ' matches' : ' match') : ''}`
            : ' '
        }
        actions={
          <Button
            variant="primary"
            icon="plus"
            onClick={() => setEditing('new')}
            data-testid="add-transaction"
          >
            {isExpense ? 'Add expense' : 'Add income'}
          </Button>
        }
      />

      <Card className="card-flush">
        <div className="toolbar">
          <div className="search-box">
            <Icon name="search" size={18} />
            <input
              type="search"
              placeholder={isExpense ? 'Search expenses' : 'Search income'}
              aria-label="Search"
              value={search}
              onChange={(e) => {
                setSearch(e.target.value);
                resetPage();
              }}
              data-testid="filter-search"
            />
          </div>
          <button
            type="button"
            className="btn btn-secondary filters-toggle"
            aria-expanded={filtersOpen}
            onClick={() => setFiltersOpen((o) => !o)}
          >
            Filters{filtered ? ' •' : ''}
          </button>
          <div className={filtersOpen ? 'filters open' : 'filters'}>
            <SelectField
              label="Sort by"
              className="sort-select"
              value={`${sort}:${order}`}
              onChange={(e) => {
                const [k, o] = e.target.value.split(':') as [SortKey, 'asc' | 'desc'];
                setSort(k);
                setOrder(o);
                resetPage();
              }}
            >
              <option value="date:desc">Newest first</option>
              <option value="date:asc">Oldest first</option>
              <option value="amount:desc">Largest amount</option>
              <option value="amount:asc">Smallest amount</option>
              <option value="category:asc">Category A–Z</option>
              <option value="category:desc">Category Z–A</option>
            </SelectField>
            <SelectField
              label="Period"
              value={period}
              onChange={(e) => {
                setPeriod(e.target.value as Period);
                resetPage();
              }}
              data-testid="filter-period"
            >
              <option value="all">All time</option>
              <option value="this-month">This month</option>
              <option value="last-month">Last month</option>
              <option value="last-90">Last 90 days</option>
              <option value="this-year">This year</option>
              <option value="custom">Custom range…</option>
            </SelectField>
            {period === 'custom' && (
              <>
                <TextField
                  label="From"
                  type="date"
                  value={from}
                  max={to || undefined}
                  onChange={(e) => {
                    setFrom(e.target.value);
                    resetPage();
                  }}
                  data-testid="filter-from"
                />
                <TextField
                  label="To"
                  type="date"
                  value={to}
                  min={from || undefined}
                  onChange={(e) => {
                    setTo(e.target.value);
                    resetPage();
                  }}
                  data-testid="filter-to"
                />
              </>
            )}
            <SelectField
              label="Category"
              value={category}
              onChange={(e) => {
                setCategory(e.target.value);
                resetPage();
              }}
              data-testid="filter-category"
            >
              <option value="">All categories</option>
              {ofKind.map((c) => (
                <option key={c.id} value={c.name}>
                  {c.name}
                  {c.deleted ? ' (deleted)' : ''}
                </option>
              ))}
            </SelectField>
            <TextField
              label={isExpense ? 'Method' : 'Source'}
              list={`filter-${extraKey}-options`}
              placeholder="Any"
              value={extra}
              onChange={(e) => {
                setExtra(e.target.value);
                resetPage();
              }}
              data-testid="filter-extra"
            />
            <datalist id={`filter-${extraKey}-options`}>
              {(isExpense ? METHODS : SOURCES).map((m) => (
                <option key={m} value={m} />
              ))}
            </datalist>
            {filtered && (
              <button type="button" className="link-btn clear-filters" onClick={clearFilters}>
                Clear filters
              </button>
            )}
          </div>
        </div>

        {list.error && (
          <div className="card-pad">
            <ErrorNote error={list.error} onRetry={list.reload} />
          </div>
        )}
        {!data && !list.error ? (
          <Loading />
        ) : data && data.items.length === 0 ? (
          <EmptyState
            icon={isExpense ? 'expense' : 'income'}
            title={
              filtered ? 'Nothing matches these filters' : isExpense ? 'No expenses yet' : 'No income yet'
            }
          >
            {offset > 0 ? (
              <button type="button" className="link-btn" onClick={resetPage}>
                Back to the first page
              </button>
            ) : filtered ? (
              <button type="button" className="link-btn" onClick={clearFilters}>
                Clear the filters
              </button>
            ) : (
              <button type="button" className="link-btn" onClick={() => setEditing('new')}>
                {isExpense ? 'Add your first expense' : 'Record your first income'}
              </button>
            )}
          </EmptyState>
        ) : data ? (
          <div className={list.loading ? 'table-wrap is-loading' : 'table-wrap'}>
            <table className="table tx-table" data-testid="transactions-table">
              <thead>
                <tr>
                  {sortHeader('date', 'Date', 'col-date')}
                  <th className="col-note">Description</th>
                  {sortHeader('category', 'Category', 'col-category')}
                  <th className="col-extra">{isExpense ? 'Method' : 'Source'}</th>
                  {sortHeader('amount', 'Amount', 'num col-amount')}
                  <th className="col-actions">
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((item) => (
                  <tr key={item.id} data-testid="transaction-row" onClick={() => setEditing(item)}>
                    <td className="col-date">{dateText(item.date, locale)}</td>
                    <td className="col-note">{item.note || <span className="muted">—</span>}</td>
                    <td className="col-category">
                      <span className={item.categoryDeleted ? 'chip chip-deleted' : 'chip'}>
                        {item.categoryName}
                        {item.categoryDeleted && <span className="sr-only"> (deleted category)</span>}
                      </span>
                    </td>
                    <td className="col-extra">
                      {(isExpense ? item.method : item.source) || <span className="muted">—</span>}
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
                        aria-label={`Edit ${item.note || item.categoryName} of ${dateText(item.date, locale)}`}
                        onClick={(e) => {
                          e.stopPropagation();
                          setEditing(item);
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
        ) : null}

        {data && total > 0 && (
          <div className="pager" data-testid="pager">
            <span className="pager-info">
              {numberText(offset + 1, locale)}–
              {numberText(Math.min(offset + data.items.length, total), locale)} of {numberText(total, locale)}
            </span>
            <label className="pager-size">
              Rows
              <select
                value={limit}
                onChange={(e) => {
                  setLimit(Number(e.target.value));
                  resetPage();
                }}
              >
                {[25, 50, 100].map((n) => (
                  <option key={n}>{n}</option>
                ))}
              </select>
            </label>
            <div className="pager-buttons">
              <button
                type="button"
                className="icon-btn"
                disabled={offset === 0}
                onClick={() => setOffset(Math.max(0, offset - limit))}
                aria-label="Previous page"
                data-testid="page-prev"
              >
                <Icon name="chevronLeft" />
              </button>
              <span>
                Page {page} of {pages}
              </span>
              <button
                type="button"
                className="icon-btn"
                disabled={offset + limit >= total}
                onClick={() => setOffset(offset + limit)}
                aria-label="Next page"
                data-testid="page-next"
              >
                <Icon name="chevronRight" />
              </button>
            </div>
          </div>
        )}
      </Card>

      {editing && (
        <TransactionForm
          kind={kind}
          categories={itemsOf(categories.data)}
          existing={editing === 'new' ? undefined : editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            // The only row of a later page was deleted (or moved out of the filter): step back a page.
            if (data && data.items.length === 1 && offset > 0) setOffset(Math.max(0, offset - limit));
            list.reload();
          }}
        />
      )}
    </div>
  );
}
