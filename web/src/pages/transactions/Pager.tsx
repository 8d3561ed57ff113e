import { useTranslation } from 'react-i18next';
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
  const { t } = useTranslation();
  const { locale } = useApp();
  const { offset, limit } = filters;
  const page = Math.floor(offset / limit) + 1;
  const pages = Math.max(1, Math.ceil(total / limit));
  return (
    <div className="pager" data-testid="pager">
      <span className="pager-info">
        {t('pager.range', {
          first: numberText(offset + 1, locale),
          last: numberText(Math.min(offset + shown, total), locale),
          total: numberText(total, locale),
        })}
      </span>
      <label className="pager-size">
        {t('pager.rows')}
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
          aria-label={t('pager.previous')}
          data-testid="page-prev"
        >
          <Icon name="chevronLeft" />
        </button>
        <span>{t('pager.page', { page, pages })}</span>
        <button
          type="button"
          className="icon-btn"
          disabled={offset + limit >= total}
          onClick={() => set({ offset: offset + limit })}
          aria-label={t('pager.next')}
          data-testid="page-next"
        >
          <Icon name="chevronRight" />
        </button>
      </div>
    </div>
  );
}
