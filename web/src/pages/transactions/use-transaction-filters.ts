import { useState } from 'react';
import type { Query } from '../../api/client';
import type { Kind } from '../../api/answers';
import { useDebounced } from '../../hooks';
import { periodRange, type Period } from './period';

export type SortKey = 'date' | 'amount' | 'category';
export type SortOrder = 'asc' | 'desc';

export interface Filters {
  period: Period;
  /** The custom range's dates. */
  from: string;
  to: string;
  category: string;
  /** An account id, or '' for every account. */
  account: string;
  /** The payment method of an expense, the source of an income. */
  extra: string;
  /** Only rows carrying this tag; '' for any. */
  tag: string;
  search: string;
  sort: SortKey;
  order: SortOrder;
  limit: number;
  offset: number;
}

const NO_FILTER: Filters = {
  period: 'all',
  from: '',
  to: '',
  category: '',
  account: '',
  extra: '',
  tag: '',
  search: '',
  sort: 'date',
  order: 'desc',
  limit: 25,
  offset: 0,
};

export interface TransactionFilters {
  filters: Filters;
  /** Changes filters; any change but paging goes back to the first page. */
  set: (change: Partial<Filters>) => void;
  toggleSort: (key: SortKey) => void;
  clear: () => void;
  /** Whether anything narrows the list (typed text counts once it settles). */
  filtered: boolean;
  /** The list request's query. */
  query: Query;
}

/** The list's filters, sort and page, and the request they make (typed text debounced). */
export function useTransactionFilters(kind: Kind): TransactionFilters {
  const [filters, setFilters] = useState<Filters>(NO_FILTER);
  const search = useDebounced(filters.search.trim(), 300);
  const extra = useDebounced(filters.extra.trim(), 300);
  const range =
    filters.period === 'custom' ? { from: filters.from, to: filters.to } : periodRange(filters.period);

  const set = (change: Partial<Filters>) => setFilters((f) => ({ ...f, offset: 0, ...change }));
  const toggleSort = (key: SortKey) =>
    filters.sort === key
      ? set({ order: filters.order === 'asc' ? 'desc' : 'asc' })
      : set({ sort: key, order: key === 'category' ? 'asc' : 'desc' });
  const clear = () =>
    set({ period: 'all', from: '', to: '', category: '', account: '', extra: '', tag: '', search: '' });

  return {
    filters,
    set,
    toggleSort,
    clear,
    filtered: Boolean(
      range.from || range.to || filters.category || filters.account || extra || filters.tag || search,
    ),
    query: {
      from: range.from,
      to: range.to,
      category: filters.category,
      account: filters.account,
      [kind === 'expense' ? 'method' : 'source']: extra,
      tag: filters.tag,
      search,
      sort: filters.sort,
      order: filters.order,
      limit: filters.limit,
      offset: filters.offset,
    },
  };
}
