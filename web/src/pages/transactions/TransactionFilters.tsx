import type { Account, Category } from '../../../../src/domain/entities.js';
import type { Kind } from '../../api/answers';
import { Icon } from '../../components/Icon';
import { AccountOptions } from '../../components/AccountOptions';
import { CategoryOptions } from '../../components/CategoryOptions';
import { DateRangeFields } from '../../components/DateRangeFields';
import { SelectField, TextField } from '../../components/ui';
import { useExpanded } from '../../use-expanded';
import { extraKeyOf, suggestionsOf } from './money-event-options';
import type { Period } from './period';
import type { SortKey, SortOrder, TransactionFilters } from './use-transaction-filters';

/** The search box, and the filters (folded away on a phone): sort, period, category, method or source. */
export function TransactionFiltersBar({
  kind,
  categories,
  accounts,
  filters: { filters, set, clear, filtered },
}: {
  kind: Kind;
  /** Every account, archived ones too (their rows still show). */
  accounts: Account[];
  /** The categories of this kind, deleted ones too. */
  categories: Category[];
  filters: TransactionFilters;
}) {
  const { open, toggle } = useExpanded();
  const isExpense = kind === 'expense';
  const extraKey = extraKeyOf(kind);
  return (
    <div className="toolbar">
      <div className="search-box">
        <Icon name="search" size={18} />
        <input
          type="search"
          placeholder={isExpense ? 'Search expenses' : 'Search income'}
          aria-label="Search"
          aria-keyshortcuts="/"
          value={filters.search}
          onChange={(e) => set({ search: e.target.value })}
          data-testid="filter-search"
        />
      </div>
      <button {...toggle} className="btn btn-secondary filters-toggle">
        Filters{filtered ? ' •' : ''}
      </button>
      <div className={open ? 'filters open' : 'filters'}>
        <SelectField
          label="Sort by"
          className="sort-select"
          value={`${filters.sort}:${filters.order}`}
          onChange={(e) => {
            const [sort, order] = e.target.value.split(':') as [SortKey, SortOrder];
            set({ sort, order });
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
          value={filters.period}
          onChange={(e) => set({ period: e.target.value as Period })}
          data-testid="filter-period"
        >
          <option value="all">All time</option>
          <option value="this-month">This month</option>
          <option value="last-month">Last month</option>
          <option value="last-90">Last 90 days</option>
          <option value="this-year">This year</option>
          <option value="custom">Custom range…</option>
        </SelectField>
        {filters.period === 'custom' && (
          <DateRangeFields
            from={filters.from}
            to={filters.to}
            onChange={(end, date) => set({ [end]: date })}
            testIds={{ from: 'filter-from', to: 'filter-to' }}
          />
        )}
        <SelectField
          label="Category"
          value={filters.category}
          onChange={(e) => set({ category: e.target.value })}
          data-testid="filter-category"
        >
          <option value="">All categories</option>
          <CategoryOptions categories={categories} />
        </SelectField>
        <SelectField
          label="Account"
          value={filters.account}
          onChange={(e) => set({ account: e.target.value })}
          data-testid="filter-account"
        >
          <option value="">All accounts</option>
          <AccountOptions accounts={accounts} />
        </SelectField>
        <TextField
          label={isExpense ? 'Method' : 'Source'}
          list={`filter-${extraKey}-options`}
          placeholder="Any"
          value={filters.extra}
          onChange={(e) => set({ extra: e.target.value })}
          data-testid="filter-extra"
        />
        <datalist id={`filter-${extraKey}-options`}>
          {suggestionsOf(kind).map((m) => (
            <option key={m} value={m} />
          ))}
        </datalist>
        {filtered && (
          <button type="button" className="link-btn clear-filters" onClick={clear}>
            Clear filters
          </button>
        )}
      </div>
    </div>
  );
}
