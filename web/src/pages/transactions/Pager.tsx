import { useApp } from '../../context';
import { Icon } from '../../components/Icon';
import { numberText } from '../../format';
import type { TransactionFilters } from './use-transaction-filters';

/** Where this page is in the list, rows per page, previous and next. */
export function Pager({
  shown,
  total,
  filters: { filters, set },
}: {
  /** Rows on this page. */
  shown: number;
  total: number;
  filters: TransactionFilters;
}) {
  const { locale } = useApp();
  const { offset, limit } = filters;
  const page = Math.floor(offset / limit) + 1;
  const pages = Math.max(1, Math.ceil(total / limit));
  return (
    <div className="pager" data-testid="pager">
      <span className="pager-info">
        {numberText(offset + 1, locale)}–{numberText(Math.min(offset + shown, total), locale)} of{' '}
        {numberText(total, locale)}
      </span>
      <label className="pager-size">
        Rows
        <select value={limit} onChange={(e) => set({ limit: Number(e.target.value) })}>
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
          onClick={() => set({ offset: Math.max(0, offset - limit) })}
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
          onClick={() => set({ offset: offset + limit })}
          aria-label="Next page"
          data-testid="page-next"
        >
          <Icon name="chevronRight" />
        </button>
      </div>
    </div>
  );
}
