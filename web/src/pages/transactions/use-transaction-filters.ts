import { useEffect, useState } from 'react';
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

// The filters a URL keeps (after `?` in the hash), so a filtered list can be bookmarked, shared and reloaded.
const URL_KEYS = [
  'period',
  'from',
  'to',
  'category',
  'account',
  'extra',
  'tag',
  'search',
  'sort',
  'order',
] as const;
const PERIODS: readonly Period[] = ['all', 'this-month', 'last-month', 'last-90', 'this-year', 'custom'];

/** The filters named in the hash's query; anything unknown or malformed is left at its default. */
function filtersFromUrl(): Filters {
  const query = window.location.hash.split('?')[1] ?? '';
  const params = new URLSearchParams(query);
  const f: Filters = { ...NO_FILTER };
  for (const key of URL_KEYS) {
    const value = params.get(key);
    if (value === null) continue;
    if (key === 'period') f.period = PERIODS.includes(value as Period) ? (value as Period) : 'all';
    else if (key === 'sort') f.sort = value === 'amount' || value === 'category' ? value : 'date';
    else if (key === 'order') f.order = value === 'asc' ? 'asc' : 'desc';
    else f[key] = value;
  }
  return f;
}

/** The hash's path with the filters that differ from the defaults as its query. */
function urlOf(filters: Filters): string {
  const [path] = window.location.hash.split('?');
  const params = new URLSearchParams();
  for (const key of URL_KEYS) if (filters[key] !== NO_FILTER[key]) params.set(key, String(filters[key]));
  const query = params.toString();
  return `${path ?? '#/'}${query ? `?${query}` : ''}`;
}

/** The list's filters, sort and page, and the request they make (typed text debounced). */
export function useTransactionFilters(kind: Kind): TransactionFilters {
  const [filters, setFilters] = useState<Filters>(filtersFromUrl);
  // Replaced, not pushed: the back button leaves the list rather than stepping through each keystroke.
  useEffect(() => {
    const url = urlOf(filters);
    if (url !== window.location.hash) window.history.replaceState(null, '', url);
  }, [filters]);
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
