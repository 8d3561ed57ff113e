import { useTranslation } from 'react-i18next';
import type { Account, Category } from '../../../../src/domain/entities.js';
import type { Kind } from '../../api/answers';
import { Icon } from '../../components/Icon';
import { AccountOptions } from '../../components/AccountOptions';
import { CategoryOptions } from '../../components/CategoryOptions';
import { DateRangeFields } from '../../components/DateRangeFields';
import { SelectField, TextField } from '../../components/ui';
import { useExpanded } from '../../use-expanded';
import { useTags } from '../../api/queries';
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
  const { t } = useTranslation();
  const { open, toggle } = useExpanded();
  const isExpense = kind === 'expense';
  const extraKey = extraKeyOf(kind);
  const tags = useTags(kind).data ?? [];
  return (
    <div className="toolbar">
      <div className="search-box">
        <Icon name="search" size={18} />
        <input
          type="search"
          placeholder={isExpense ? t('filters.searchExpenses') : t('filters.searchIncome')}
          aria-label={t('filters.search')}
          aria-keyshortcuts="/"
          value={filters.search}
          onChange={(e) => set({ search: e.target.value })}
          data-testid="filter-search"
        />
      </div>
      <button {...toggle} className="btn btn-secondary filters-toggle">
        {t('filters.filters')}
        {filtered ? ' •' : ''}
      </button>
      <div className={open ? 'filters open' : 'filters'}>
        <SelectField
          label={t('filters.sortBy')}
          className="sort-select"
          value={`${filters.sort}:${filters.order}`}
          onChange={(e) => {
            const [sort, order] = e.target.value.split(':') as [SortKey, SortOrder];
            set({ sort, order });
          }}
        >
          <option value="date:desc">{t('filters.newest')}</option>
          <option value="date:asc">{t('filters.oldest')}</option>
          <option value="amount:desc">{t('filters.largest')}</option>
          <option value="amount:asc">{t('filters.smallest')}</option>
          <option value="category:asc">{t('filters.categoryAz')}</option>
          <option value="category:desc">{t('filters.categoryZa')}</option>
        </SelectField>
        <SelectField
          label={t('filters.period')}
          value={filters.period}
          onChange={(e) => set({ period: e.target.value as Period })}
          data-testid="filter-period"
        >
          <option value="all">{t('filters.allTime')}</option>
          <option value="this-month">{t('filters.thisMonth')}</option>
          <option value="last-month">{t('filters.lastMonth')}</option>
          <option value="last-90">{t('filters.last90')}</option>
          <option value="this-year">{t('filters.thisYear')}</option>
          <option value="custom">{t('filters.custom')}</option>
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
          label={t('schedules.category')}
          value={filters.category}
          onChange={(e) => set({ category: e.target.value })}
          data-testid="filter-category"
        >
          <option value="">{t('filters.allCategories')}</option>
          <CategoryOptions categories={categories} />
        </SelectField>
        <SelectField
          label={t('schedules.account')}
          value={filters.account}
          onChange={(e) => set({ account: e.target.value })}
          data-testid="filter-account"
        >
          <option value="">{t('dashboard.allAccounts')}</option>
          <AccountOptions accounts={accounts} />
        </SelectField>
        <TextField
          label={isExpense ? t('filters.method') : t('filters.source')}
          list={`filter-${extraKey}-options`}
          placeholder={t('filters.any')}
          value={filters.extra}
          onChange={(e) => set({ extra: e.target.value })}
          data-testid="filter-extra"
        />
        <datalist id={`filter-${extraKey}-options`}>
          {suggestionsOf(kind).map((m) => (
            <option key={m} value={m} />
          ))}
        </datalist>
        <SelectField
          label={t('filters.tag')}
          value={filters.tag}
          onChange={(e) => set({ tag: e.target.value })}
          data-testid="filter-tag"
        >
          <option value="">{t('filters.anyTag')}</option>
          {filters.tag && !tags.some((x) => x.tag === filters.tag) && (
            <option value={filters.tag}>{filters.tag}</option>
          )}
          {tags.map((x) => (
            <option key={x.tag} value={x.tag}>
              {x.tag} ({x.count})
            </option>
          ))}
        </SelectField>
        {filtered && (
          <button type="button" className="link-btn clear-filters" onClick={clear}>
            {t('filters.clear')}
          </button>
        )}
      </div>
    </div>
  );
}
