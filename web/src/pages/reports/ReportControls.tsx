import { useTranslation } from 'react-i18next';
import type { ReportName } from '../../../../src/domain/reports.js';
import type { Query } from '../../api/client';
import { withQuery } from '../../api/client';
import { useApp } from '../../context';
import { Icon } from '../../components/Icon';
import { DateRangeFields } from '../../components/DateRangeFields';
import { MonthPicker } from '../../components/ui';

export interface ReportPeriod {
  month: string;
  from: string;
  to: string;
}

/** What the open report covers (a month, a date range, or today), and its CSV download. */
export function ReportControls({
  report,
  period,
  onChange,
}: {
  report: ReportName;
  period: ReportPeriod;
  onChange: (change: Partial<ReportPeriod>) => void;
}) {
  const { t } = useTranslation();
  const { locale } = useApp();
  const { month, from, to } = period;
  const ranged = report === 'categories' || report === 'tags';
  const query: Query = ranged ? { from, to } : report === 'goals' ? {} : { month };
  return (
    <div className="report-controls">
      {ranged ? (
        <div className="date-range">
          <DateRangeFields from={from} to={to} onChange={(end, date) => date && onChange({ [end]: date })} />
        </div>
      ) : report === 'goals' ? (
        <span className="muted as-of">{t('reports.asOfToday')}</span>
      ) : (
        <MonthPicker month={month} onChange={(m) => onChange({ month: m })} locale={locale} />
      )}
      <a
        className="btn btn-secondary"
        href={withQuery(`/api/reports/${report}`, { ...query, format: 'csv' })}
        download={`pfm-${report}.csv`}
        data-testid="report-csv"
      >
        <Icon name="download" size={18} /> {t('reports.downloadCsv')}
      </a>
    </div>
  );
}
